import type { Severity } from "../contract/enums.js";
import { flagIssue } from "../service/flag-issue.js";
import { flagIssueInputSchema } from "../service/inputs.js";
import { APPENDS, defineTool } from "./tool.js";

const SEVERITY_EMOJI: Record<Severity, string> = { low: "🟢", medium: "🟡", high: "🟠", critical: "🔴" };

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const flagAiIssue = defineTool({
  name: "flag_ai_issue",
  description:
    "Flag a problematic AI interaction for analysis. Use when AI produces incorrect output or approach needs changing.",
  inputSchema: flagIssueInputSchema,
  annotations: APPENDS,
  async run(ctx, input) {
    const { issue } = await flagIssue(ctx, input);
    return {
      text: `\n${SEVERITY_EMOJI[input.severity]} Issue Flagged: ${input.issue_type} (${input.severity.toUpperCase()})\nSession: ${input.session_id}\n📋 Next: log_ai_interaction() or end_ai_session()\n`,
      data: { session_id: input.session_id, severity: input.severity, timestamp: issue.timestamp },
    };
  },
});
