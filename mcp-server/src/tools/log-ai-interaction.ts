import { logInteractionInputSchema } from "../service/inputs.js";
import { logInteraction } from "../service/log-interaction.js";
import { pyFormatFixed } from "../stats/rounding.js";
import { APPENDS, defineTool } from "./tool.js";

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const logAiInteraction = defineTool({
  name: "log_ai_interaction",
  description:
    "Log an AI prompt/response interaction within an active session. Call after significant AI exchanges to track effectiveness.",
  inputSchema: logInteractionInputSchema,
  annotations: APPENDS,
  async run(ctx, input) {
    const r = await logInteraction(ctx, input);
    const rating = input.effectiveness_rating;
    const stars = "★".repeat(rating) + "☆".repeat(5 - rating);
    return {
      text: `\n📝 Logged: ${stars} (${rating}/5) | Iterations: ${input.iteration_count}\nSession: ${r.total_interactions} interactions, avg ${pyFormatFixed(r.avg_effectiveness, 1)}/5\n`,
      data: {
        session_id: input.session_id,
        total_interactions: r.total_interactions,
        avg_effectiveness: r.avg_effectiveness,
        timestamp: r.interaction.timestamp,
      },
    };
  },
});
