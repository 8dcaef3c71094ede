/** The operations behind the MCP tools and the CLI session commands. */

export { refreshShippedStatus, settleBackground } from "../git/session-git.js";
export { type ActiveSessionSummary, listActiveSessions } from "./active-sessions.js";
export { closeOwnSessionsOnShutdown } from "./auto-close.js";
export { CallCancelled, cancellableContext } from "./cancellation.js";
export {
  type CreateTrackerContextOptions,
  createTrackerContext,
  DEFAULT_MAX_SESSION_DURATION_HOURS,
  resolveMaxSessionHours,
  type TrackerContext,
} from "./context.js";
export { type EndSessionResult, endSession } from "./end-session.js";
export { flagIssue } from "./flag-issue.js";
export * from "./inputs.js";
export { type LogCodeMetricsResult, logCodeMetrics } from "./log-code-metrics.js";
export { type LogInteractionResult, logInteraction } from "./log-interaction.js";
export { drainNotices } from "./notices.js";
export { getObservability, type ObservabilityResult } from "./observability.js";
export { getRequestStats, logRequest } from "./requests.js";
export { type StartSessionResult, startSession } from "./start-session.js";
export {
  DEFAULT_TEXT_PRIVACY,
  interactionText,
  resolveTextPrivacy,
  TEXT_PRIVACY_LEVELS,
  type TextPrivacy,
  withheldMarker,
} from "./text-privacy.js";
