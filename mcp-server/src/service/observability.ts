import type { TimeRange } from "../contract/enums.js";
import type { Interaction, Issue, Session } from "../contract/index.js";
import { TrackerError } from "../errors.js";
import { calculateRoiMetrics, generateSummaryReport } from "../stats/index.js";
import { parseTimestamp } from "./clock.js";
import type { TrackerContext } from "./context.js";
import type { GetObservabilityInput } from "./inputs.js";
import { toAllInteractions, toIssues, toSessions } from "./normalize.js";

const RANGE_MS: Record<Exclude<TimeRange, "all">, number> = {
  last_day: 24 * 3_600_000,
  last_week: 7 * 24 * 3_600_000,
};

export interface ObservabilityResult {
  report: string;
  roi: ReturnType<typeof calculateRoiMetrics>;
  session_count: number;
  time_range: TimeRange;
}

/**
 * The §3.10 report over all sessions, one session, or the sessions started within `time_range`
 * (upstream advertises time_range but ignores it). Interactions and issues follow their sessions.
 * Read-only.
 */
export async function getObservability(
  ctx: TrackerContext,
  input: GetObservabilityInput,
): Promise<ObservabilityResult> {
  const data = await ctx.store.transaction((tx) => ({
    sessions: toSessions(tx.sessions()),
    interactions: toAllInteractions(tx.interactions()),
    issues: toIssues(tx.issues()),
  }));
  let sessions: Session[] = data.sessions;
  if (input.session_id) {
    const id = input.session_id;
    sessions = sessions.filter((s) => s.id === id);
    if (sessions.length === 0) {
      throw new TrackerError(
        "not_found",
        `Session not found: ${id}. Omit session_id to report on all sessions.`,
      );
    }
  }
  if (input.time_range !== "all") {
    const since = ctx.now().getTime() - RANGE_MS[input.time_range];
    sessions = sessions.filter((s) => (parseTimestamp(s.start_time)?.getTime() ?? -Infinity) >= since);
  }
  let interactions: Interaction[] = data.interactions;
  let issues: Issue[] = data.issues;
  if (sessions.length !== data.sessions.length) {
    const ids = new Set(sessions.map((s) => s.id));
    interactions = interactions.filter((i) => ids.has(i.session_id));
    issues = issues.filter((i) => ids.has(i.session_id));
  }
  const roi = calculateRoiMetrics(sessions, interactions);
  return {
    report: generateSummaryReport({ sessions, interactions, issues, roi }),
    roi,
    session_count: sessions.length,
    time_range: input.time_range,
  };
}
