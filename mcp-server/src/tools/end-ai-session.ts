import { endSession } from "../service/end-session.js";
import { endSessionInputSchema } from "../service/inputs.js";
import { pyFormatFixed, pyRound } from "../stats/rounding.js";
import { usageAfterSessionEnd } from "../usage/after-session-end.js";
import { defineTool, UPDATES } from "./tool.js";

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const endAiSession = defineTool({
  name: "end_ai_session",
  description: "End an AI session and calculate final metrics. Call when coding task is complete.",
  inputSchema: endSessionInputSchema,
  annotations: UPDATES,
  async run(ctx, input) {
    const r = await endSession(ctx, input);
    // Only the server reaches the tools (the CLI calls the service): its env is this process's.
    usageAfterSessionEnd(ctx, process.env);
    const duration = pyFormatFixed(pyRound(r.duration_minutes, 1), 1);
    return {
      text: `\n✅ Session Ended: ${input.session_id}\nDuration: ${duration}min | Outcome: ${input.outcome}\nMetrics: ${r.total_interactions} interactions, ${pyFormatFixed(r.avg_effectiveness, 1)}/5 avg, ${r.issues_count} issues\n`,
      data: {
        session_id: input.session_id,
        outcome: input.outcome,
        duration_minutes: pyRound(r.duration_minutes, 2),
        total_interactions: r.total_interactions,
        avg_effectiveness: r.avg_effectiveness,
        issues_count: r.issues_count,
        token_stats: r.token_stats,
      },
    };
  },
});
