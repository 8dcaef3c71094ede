import { getObservabilityInputSchema } from "../service/inputs.js";
import { getObservability } from "../service/observability.js";
import { defineTool, READ_ONLY } from "./tool.js";

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const getAiObservability = defineTool({
  name: "get_ai_observability",
  description:
    "Retrieve AI session analytics and ROI metrics. Returns summary statistics, effectiveness trends, and cost analysis.",
  inputSchema: getObservabilityInputSchema,
  annotations: READ_ONLY,
  async run(ctx, input) {
    const r = await getObservability(ctx, input);
    return { text: r.report, data: { time_range: r.time_range, session_count: r.session_count, roi: r.roi } };
  },
});
