/**
 * Sessions by outcome (success / partial / failed / none) and status for the filtered sessions.
 */
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper } from "./per-developer";
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
    const quietBefore = input.nowMs - max * 60_000;
    // Each developer's counts on their own, cached under their data version (per-developer.ts).
    const parts = perDeveloper(input.db, "outcomes", [scope, quietBefore], input.filters.developer, (dev) =>
      all<OutcomeCount>(
        input.db,
        `SELECT s.outcome AS outcome,
           CASE WHEN s.status = 'active' AND coalesce(${LAST_ACTIVITY_SQL}, 0) < ? THEN 'abandoned' ELSE s.status END AS status,
           count(*) AS sessions FROM sessions s
         WHERE ${ONE_DEVELOPER} AND ${scope.sql} GROUP BY 1, 2`,
        [quietBefore, ...scope.params, { dev }],
      ),
    );
    const counts = new Map<string, OutcomeCount>();
    for (const r of parts.flat()) {
      const key = JSON.stringify([r.outcome, r.status]);
      const c = counts.get(key);
      counts.set(key, c ? { ...c, sessions: c.sessions + r.sessions } : r);
    }
    return [...counts.values()].sort(
      (a, b) =>
        b.sessions - a.sessions ||
        String(a.outcome).localeCompare(String(b.outcome)) ||
        a.status.localeCompare(b.status),
    );
  });
}
