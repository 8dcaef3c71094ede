/**
 * The measured token usage of one recorded session (issue 13): the usage records (one agent
 * conversation × model × UTC hour, latest version) of the session's developer and project whose
 * [first, last request] overlaps the session's [start, end] — an active session counts its start only.
 *
 * Rule for a record that overlaps two sessions (concurrent or back-to-back sessions): the whole record
 * goes to the session it overlaps LONGEST in time (ties: the session recorded first, lowest row id), so
 * every matched record is counted once and the sessions' usage adds up to the Spend page's "matched"
 * usage. Records are hour-sized, so splitting them by overlap would invent a precision the logs do not
 * have. Usage overlapping no session of its project stays unmatched (Spend page: another project's
 * session or none).
 */

import type { TokenCounts } from "ai-session-tracker-mcp/contract";
import { findPrice, type PriceRow, usageCost } from "ai-session-tracker-mcp/stats";
import type { PortalDb } from "@/lib/db/client";
import { add, finish, resolvedUsage, type SpendFigures, tokenSums, zeroFigures } from "./get-spend";
import { all } from "./scope";

/** The rule {@link getSessionUsage} matched by, in words (shown on the page and in the API). */
export const SESSION_USAGE_RULE =
  "usage records (conversation × model × hour) of the same developer and project overlapping the session in time; a record overlapping several sessions goes whole to the one it overlaps longest";

/** A session's measured usage. */
export interface SessionUsage extends SpendFigures {
  /** Usage records joined to the session. */
  records: number;
  /** Models of those records no price row covers. */
  unpricedModels: string[];
  /** How the records were matched. */
  rule: string;
}

const DAY_MS = 86_400_000;
const SESSION_END = "coalesce(s.end_ms, s.start_ms)";
const OVERLAP = `(min(${SESSION_END}, r.last_ms) - max(s.start_ms, r.first_ms))`;

/** The usage joined to the session with row id `sessionRowId` (see the module header). */
export function getSessionUsage(input: {
  db: PortalDb;
  sessionRowId: number;
  prices: readonly PriceRow[];
}): SessionUsage {
  const { db, sessionRowId, prices } = input;
  const from = resolvedUsage({
    sql: "u.developer_id = (SELECT developer_id FROM sessions WHERE id = ?) AND u.project = (SELECT project FROM sessions WHERE id = ?)",
    params: [sessionRowId, sessionRowId],
  });
  const rows = all<TokenCounts & { model: string; dayMs: number; requests: number; records: number }>(
    db,
    `SELECT r.model AS model, (r.hour_ms / ${DAY_MS}) * ${DAY_MS} AS dayMs, COUNT(*) AS records,
            SUM(r.requests) AS requests, ${tokenSums}
     FROM ${from.sql}
     WHERE (SELECT s.id FROM sessions s
            WHERE s.developer_id = r.developer_id AND s.project = r.project
              AND s.start_ms <= r.last_ms AND s.start_ms >= r.first_ms - ${7 * DAY_MS}
              AND ${SESSION_END} >= r.first_ms
            ORDER BY ${OVERLAP} DESC, s.id LIMIT 1) = ?
     GROUP BY r.model, dayMs`,
    [...from.params, sessionRowId],
  );
  const acc = zeroFigures();
  const unpriced = new Set<string>();
  let records = 0;
  for (const row of rows) {
    const price = findPrice(prices, row.model, new Date(row.dayMs).toISOString().slice(0, 10));
    if (!price) unpriced.add(row.model);
    add(acc, row, price ? usageCost(row, price) : null);
    records += row.records;
  }
  return { ...finish(acc), records, unpricedModels: [...unpriced].sort(), rule: SESSION_USAGE_RULE };
}
