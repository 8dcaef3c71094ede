import { listActiveSessions } from "../service/active-sessions.js";
import { getActiveSessionsInputSchema } from "../service/inputs.js";
import { defineTool, READ_ONLY } from "./tool.js";

// One tool per file (conventions): the defineTool skeleton below repeats in each on purpose (tool.ts).
export const getActiveSessions = defineTool({
  name: "get_active_sessions",
  description:
    "Get list of currently active (not ended) sessions. Use this to find sessions to end when session_id is lost.",
  inputSchema: getActiveSessionsInputSchema,
  annotations: READ_ONLY,
  async run(ctx) {
    const sessions = await listActiveSessions(ctx);
    if (sessions.length === 0) return { text: "No active sessions found.", data: { active_sessions: [] } };
    const lines = sessions.map(
      (s) =>
        `• **${s.session_name}**\n  - ID: \`${s.session_id}\`\n  - Type: ${s.task_type}\n  - Started: ${s.start_time}\n\n`,
    );
    return {
      text: `Found ${sessions.length} active session(s):\n\n${lines.join("")}`,
      data: { active_sessions: sessions },
    };
  },
});
