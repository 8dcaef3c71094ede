/**
 * Sessions by outcome (success / partial / failed / none) and status for the filtered sessions.
 */
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, sessionScope } from "./scope";

/** Count of sessions with one outcome; `outcome` null = not set (active or never rated). */
export interface OutcomeCount {
  outcome: string | null;
  status: string;
  sessions: number;
}

/** Session counts per (outcome, status), most frequent first. */
export function getOutcomes(input: FilteredInput): OutcomeCount[] {
  return memo(input.db, "outcomes", [input.filters, input.nowMs, input.assumptions ?? null], () => {
    const scope = sessionScope(input.filters, queryWindow(input));
    return all<OutcomeCount>(
      input.db,
      `SELECT s.outcome AS outcome, s.status AS status, count(*) AS sessions FROM sessions s
       WHERE ${scope.sql} GROUP BY 1, 2 ORDER BY 3 DESC`,
      scope.params,
    );
  });
}
