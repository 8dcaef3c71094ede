/**
 * Sessions by outcome (success / partial / failed / none) and status for the filtered sessions.
 */
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, sessionScope } from "./scope";
import { DEFAULT_MAX_SESSION_MINUTES, LAST_ACTIVITY_SQL } from "./session-liveness";

/** Count of sessions with one outcome; `outcome` null = not set (active or never rated). */
export interface OutcomeCount {
  outcome: string | null;
  /** The record's status, except "abandoned" for an active session quiet longer than the maximum duration. */
  status: string;
  sessions: number;
}

/**
 * Session counts per (outcome, status), most frequent first. An abandoned session (active, no activity
 * for `maxSessionMinutes` at `nowMs`, see `session-liveness.ts`) counts as "abandoned", not "active".
 */
export function getOutcomes(input: FilteredInput & { maxSessionMinutes?: number }): OutcomeCount[] {
  const max = input.maxSessionMinutes ?? DEFAULT_MAX_SESSION_MINUTES;
  return memo(input.db, "outcomes", [input.filters, input.nowMs, input.assumptions ?? null, max], () => {
    const scope = sessionScope(input.filters, queryWindow(input));
    return all<OutcomeCount>(
      input.db,
      `SELECT s.outcome AS outcome,
         CASE WHEN s.status = 'active' AND coalesce(${LAST_ACTIVITY_SQL}, 0) < ? THEN 'abandoned' ELSE s.status END AS status,
         count(*) AS sessions FROM sessions s
       WHERE ${scope.sql} GROUP BY 1, 2 ORDER BY 3 DESC`,
      [input.nowMs - max * 60_000, ...scope.params],
    );
  });
}
