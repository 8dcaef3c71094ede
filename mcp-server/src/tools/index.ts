import { endAiSession } from "./end-ai-session.js";
import { flagAiIssue } from "./flag-ai-issue.js";
import { getActiveSessions } from "./get-active-sessions.js";
import { getAiObservability } from "./get-ai-observability.js";
import { getRequestStats } from "./get-request-stats.js";
import { logAiInteraction } from "./log-ai-interaction.js";
import { logAiRequest } from "./log-ai-request.js";
import { logCodeMetrics } from "./log-code-metrics.js";
import { startAiSession } from "./start-ai-session.js";
import type { ToolDefinition } from "./tool.js";

/** The nine tools in upstream's tools/list order (spec §1.2). */
export const TOOLS: readonly ToolDefinition[] = [
  startAiSession,
  logAiInteraction,
  endAiSession,
  flagAiIssue,
  logCodeMetrics,
  getAiObservability,
  getActiveSessions,
  logAiRequest,
  getRequestStats,
];

export type { ToolDefinition, ToolOutput } from "./tool.js";
