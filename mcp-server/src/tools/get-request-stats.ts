import { getRequestStatsInputSchema } from "../service/inputs.js";
import { getRequestStats as getRequestStatsOp } from "../service/requests.js";
import { formatRequestStatsText } from "../stats/index.js";
import { defineTool, READ_ONLY } from "./tool.js";

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const getRequestStats = defineTool({
  name: "get_request_stats",
  description:
    "Get aggregated statistics for per-request tracking records. Optionally filter by type or model.",
  inputSchema: getRequestStatsInputSchema,
  annotations: READ_ONLY,
  async run(ctx, input) {
    const stats = await getRequestStatsOp(ctx, input);
    return { text: formatRequestStatsText(stats), data: { ...stats } };
  },
});
