import { startSessionInputSchema } from "../service/inputs.js";
import { startSession } from "../service/start-session.js";
import { pyFormatFixed } from "../stats/rounding.js";
import { defineTool, UPDATES } from "./tool.js";

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const startAiSession = defineTool({
  name: "start_ai_session",
  description:
    "Start a new AI coding session for tracking workflow metrics. CALL THIS FIRST at the start of every coding task. Returns session_id for subsequent tool calls.",
  inputSchema: startSessionInputSchema,
  annotations: UPDATES,
  async run(ctx, input) {
    const result = await startSession(ctx, input);
    const closed = result.auto_closed_sessions;
    const notice =
      closed.length > 0 ? `\n⚠️ Auto-closed ${closed.length} previous session(s): ${closed.join(", ")}\n` : "";
    const estimate = Number(result.session.initial_estimate_minutes);
    return {
      text: `\n✅ Session Started: ${result.session_id}\nType: ${input.task_type} | Model: ${input.model_name}\nEstimate: ${pyFormatFixed(estimate, 0)}min (${input.estimate_source})\n${notice}\n⚠️ Log interactions! Call log_ai_interaction(session_id, prompt, rating 1-5) after responses.\n`,
      data: {
        session_id: result.session_id,
        auto_closed_sessions: closed,
        developer: result.session.developer,
        project: result.session.project,
      },
    };
  },
});
