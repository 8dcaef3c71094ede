/**
 * Stale sessions. A recorder that crashed, or an agent that never called `end_ai_session`, leaves a
 * session "active" for ever; counting it as running would be a lie. An active session whose last
 * activity (its start, its latest interaction or issue) is longer ago than the maximum session duration
 * is "abandoned"; otherwise it is "live" and its elapsed time is worth showing. Ended sessions have neither.
 */
import { sqlFor } from "@/lib/db/dialect";
import type { Dialect } from "@/lib/db/store";

/** Default maximum session duration: 4 h without any activity. */
export const DEFAULT_MAX_SESSION_MINUTES = 240;

/** State of an active session at a given time. */
export type Liveness = "live" | "abandoned";

/**
 * SQL (sessions alias `s`): epoch ms of an active session's last activity — the latest of its start and
 * its interactions' and issues' times (index lookups on the session's key) — NULL for other sessions.
 */
export function lastActivitySql(db: { readonly dialect: Dialect }): string {
  return `(CASE WHEN s.status = 'active' THEN nullif(${sqlFor(db).greatest(
    "coalesce(s.start_ms, 0)",
    "coalesce((SELECT max(i.ts_ms) FROM interactions i WHERE i.developer_id = s.developer_id AND i.session_id = s.session_id), 0)",
    "coalesce((SELECT max(x.ts_ms) FROM issues x WHERE x.developer_id = s.developer_id AND x.session_id = s.session_id), 0)",
  )}, 0) END)`;
}

/** Live or abandoned at `nowMs` for an active session; null for any other status. */
export function sessionLiveness(input: {
  status: string;
  lastActivityMs: number | null;
  nowMs: number;
  maxSessionMinutes?: number;
}): Liveness | null {
  if (input.status !== "active") return null;
  const max = (input.maxSessionMinutes ?? DEFAULT_MAX_SESSION_MINUTES) * 60_000;
  return input.lastActivityMs !== null && input.nowMs - input.lastActivityMs <= max ? "live" : "abandoned";
}

/** Whole minutes from `startMs` to `nowMs` for a live session; null otherwise. */
export function elapsedMinutes(state: Liveness | null, startMs: number | null, nowMs: number): number | null {
  return state === "live" && startMs !== null ? Math.max(0, Math.floor((nowMs - startMs) / 60_000)) : null;
}
