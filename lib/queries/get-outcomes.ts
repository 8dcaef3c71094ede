/**
 * Sessions by outcome (success / partial / failed / none) and status for the filtered sessions.
 */
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper, rowFilters } from "./per-developer";
import { all, sessionScope } from "./scope";
import { DEFAULT_MAX_SESSION_MINUTES, lastActivitySql } from "./session-liveness";

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
export async function getOutcomes(
  input: FilteredInput & { maxSessionMinutes?: number },
): Promise<OutcomeCount[]> {
  const max = input.maxSessionMinutes ?? DEFAULT_MAX_SESSION_MINUTES;
  return memo(
    input.db,
    "outcomes",
    [input.filters, input.nowMs, input.assumptions ?? null, max],
    async () => {
      const window = await queryWindow(input);
      const scope = sessionScope(input.filters, window);
      const quietBefore = input.nowMs - max * 60_000;
      // Each developer's counts on their own, cached under their data version (per-developer.ts). The
      // request time is not in them (it moves every minute): an active session's row keeps its last activity
      // (`la`), and whether it is abandoned is decided here.
      const parts = await perDeveloper(
        input.db,
        "outcomes",
        [rowFilters(input.filters)],
        input.filters.developer,
        async (dev) =>
          await all<OutcomeCount & { la: number | null }>(
            input.db,
            `SELECT s.outcome AS outcome, s.status AS status,
             CASE WHEN s.status = 'active' THEN coalesce(${lastActivitySql(input.db)}, 0) END AS la,
             count(*) AS sessions FROM sessions s
           WHERE ${ONE_DEVELOPER} AND ${scope.sql} GROUP BY 1, 2, 3`,
            [...scope.params, { dev }],
          ),
        [window],
      );
      const counts = new Map<string, OutcomeCount>();
      for (const r of parts.flat()) {
        const status = r.status === "active" && (r.la ?? 0) < quietBefore ? "abandoned" : r.status;
        const key = JSON.stringify([r.outcome, status]);
        const c = counts.get(key);
        counts.set(key, { outcome: r.outcome, status, sessions: (c?.sessions ?? 0) + r.sessions });
      }
      return [...counts.values()].sort(
        (a, b) =>
          b.sessions - a.sessions ||
          String(a.outcome).localeCompare(String(b.outcome)) ||
          a.status.localeCompare(b.status),
      );
    },
  );
}
