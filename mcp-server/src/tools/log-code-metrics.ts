import { logCodeMetricsInputSchema } from "../service/inputs.js";
import { logCodeMetrics as logCodeMetricsOp } from "../service/log-code-metrics.js";
import { pyFormatFixed } from "../stats/rounding.js";
import { APPENDS, defineTool } from "./tool.js";

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const logCodeMetrics = defineTool({
  name: "log_code_metrics",
  description:
    "Calculate and log code quality metrics for modified functions. Uses AST analysis for complexity and documentation scoring. Python, TypeScript and JavaScript files.",
  inputSchema: logCodeMetricsInputSchema,
  annotations: APPENDS,
  async run(ctx, input) {
    const r = await logCodeMetricsOp(ctx, input);
    return {
      text: `\n📊 Code Metrics Logged\n${"━".repeat(32)}\nFile: ${input.file_path}\nFunctions: ${r.functions_analyzed}\n\nSUMMARY:\n• Avg Complexity: ${pyFormatFixed(r.average_complexity, 1)}\n• Avg Doc Score: ${pyFormatFixed(r.average_doc_quality, 0)}/100\n• Total Effort: ${pyFormatFixed(r.total_effort_score, 1)}\n\nSession: ${input.session_id}\n`,
      data: {
        functions_analyzed: r.functions_analyzed,
        average_complexity: r.average_complexity,
        average_doc_quality: r.average_doc_quality,
        total_effort_score: r.total_effort_score,
      },
    };
  },
});
