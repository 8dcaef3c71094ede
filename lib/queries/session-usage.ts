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

import { TOKEN_KINDS, type TokenCounts } from "ai-session-tracker-mcp/contract";
import { findPrice, type PriceRow, usageCost } from "ai-session-tracker-mcp/stats";
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import { type Acc, add, finish, resolvedUsage, type SpendFigures, tokenSums, zeroFigures } from "./get-spend";
import { all, type SqlPart } from "./scope";

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

/**
 * The row id of the session a usage record `r` goes to (see the module header), as SQL; NULL for none.
 * The overlap's operands are never NULL there (`s.start_ms <= r.last_ms` holds).
 */
function bestSession(db: Store): string {
  const { least, greatest } = sqlFor(db);
  return `(SELECT s.id FROM sessions s
  WHERE s.developer_id = r.developer_id AND s.project = r.project
    AND s.start_ms <= r.last_ms AND s.start_ms >= r.first_ms - ${7 * DAY_MS}
    AND ${SESSION_END} >= r.first_ms
  ORDER BY (${least(SESSION_END, "r.last_ms")} - ${greatest("s.start_ms", "r.first_ms")}) DESC, s.id LIMIT 1)`;
}

/** The usage joined to the session with row id `sessionRowId` (see the module header). */
export async function getSessionUsage(input: {
  db: Store;
  sessionRowId: number;
  prices: readonly PriceRow[];
}): Promise<SessionUsage> {
  const { db, sessionRowId, prices } = input;
  const from = resolvedUsage({
    sql: "u.developer_id = (SELECT developer_id FROM sessions WHERE id = ?) AND u.project = (SELECT project FROM sessions WHERE id = ?)",
    params: [sessionRowId, sessionRowId],
  });
  const rows = await all<TokenCounts & { model: string; dayMs: number; requests: number; records: number }>(
    db,
    `SELECT r.model AS model, (r.hour_ms / ${DAY_MS}) * ${DAY_MS} AS "dayMs", COUNT(*) AS records,
            SUM(r.requests) AS requests, ${tokenSums}
     FROM ${from.sql}
     WHERE ${bestSession(db)} = ?
     GROUP BY r.model, "dayMs"`,
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

/** A session and the measured usage joined to it. */
export interface SessionSpend extends SpendFigures {
  /** The portal's session row id (/sessions/{id}). */
  id: number;
  developer: string;
  project: string;
  sessionName: string;
}

/**
 * The `limit` sessions with the most measured cost among the usage records `from` holds (alias `r`, e.g.
 * {@link resolvedUsage} of a view), each record going to its session by the same rule as
 * {@link getSessionUsage}; ties and unpriced-only sessions after, by requests.
 */
export async function topSessionsBySpend(input: {
  db: Store;
  from: SqlPart;
  prices: readonly PriceRow[];
  limit: number;
}): Promise<SessionSpend[]> {
  const { db, from, prices, limit } = input;
  const rows = await all<TokenCounts & { sid: number; model: string; dayMs: number; requests: number }>(
    db,
    `SELECT b.sid AS sid, b.model AS model, b."dayMs" AS "dayMs", SUM(b.requests) AS requests,
            ${TOKEN_KINDS.map((k) => `SUM(b.${k}) AS ${k}`).join(", ")}
     FROM (SELECT ${bestSession(db)} AS sid, r.model AS model, (r.hour_ms / ${DAY_MS}) * ${DAY_MS} AS "dayMs",
                  r.requests AS requests, ${TOKEN_KINDS.map((k) => `r.${k} AS ${k}`).join(", ")}
           FROM ${from.sql}) b
     WHERE b.sid IS NOT NULL GROUP BY b.sid, b.model, b."dayMs"`,
    from.params,
  );
  const bySession = new Map<number, Acc>();
  for (const row of rows) {
    const price = findPrice(prices, row.model, new Date(row.dayMs).toISOString().slice(0, 10));
    const acc = bySession.get(row.sid) ?? zeroFigures();
    bySession.set(row.sid, acc);
    add(acc, row, price ? usageCost(row, price) : null);
  }
  const top = [...bySession]
    .map(([id, acc]) => ({ id, ...finish(acc) }))
    .sort((a, b) => (b.costUsd ?? -1) - (a.costUsd ?? -1) || b.requests - a.requests || a.id - b.id)
    .slice(0, limit);
  if (top.length === 0) return [];
  const names = new Map(
    (
      await all<{ id: number; developer: string; project: string; name: string }>(
        db,
        `SELECT s.id, d.name AS developer, s.project, s.session_name AS name
       FROM sessions s JOIN developers d ON d.id = s.developer_id WHERE s.id IN (${top.map(() => "?").join(",")})`,
        top.map((t) => t.id),
      )
    ).map((r) => [r.id, r]),
  );
  return top.map((t) => {
    const n = names.get(t.id);
    return { ...t, developer: n?.developer ?? "", project: n?.project ?? "", sessionName: n?.name ?? "" };
  });
}
