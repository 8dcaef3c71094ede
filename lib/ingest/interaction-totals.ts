/**
 * Keeps `session_interaction_totals` (one row of sums per developer + session id) equal to what the
 * `interactions` table holds. The ingest feeds an {@link InteractionTotalsBatch} while it changes one
 * file's interactions and flushes it in the same transaction: inserted rows are added to their session's
 * totals, a session that lost a row is recomputed from its rows. {@link rebuildInteractionTotalsIfMissing}
 * fills the table for a database ingested before it existed (the store runs it when it is created, the
 * portal when it opens its DB). Ratings are read by the stats package (its bucket and int() rules), never
 * here.
 */
import type { Interaction } from "ai-session-tracker-mcp/contract";
import { effectivenessFromRatingCounts, type RatingCount } from "ai-session-tracker-mcp/stats";
import type Database from "better-sqlite3";
import { prepareCached } from "@/lib/db/connection-cache";
import type { TokenAggregates } from "@/lib/db/schema";

/** One GROUP BY row: a session's interactions with one rating value. */
interface RatingGroup extends TokenAggregates {
  sid: string;
  rating: number;
  n: number;
}

const GROUPS = `SELECT session_id AS sid, effectiveness_rating AS rating, count(*) AS n,
    sum(tokens_in) AS tin, sum(tokens_out) AS tout, max(tokens_in) AS pin, max(tokens_out) AS pout,
    total(cache_hit_rate) AS rate, sum(cached_tokens) AS cached, sum(new_tokens) AS fresh, max(context_pct) AS ctx
  FROM interactions`;

const INSERT_TOTALS = `INSERT INTO session_interaction_totals (developer_id, session_id, interactions,
    rating_int_sum, rated_1, rated_2, rated_3, rated_4, rated_5, tokens_in, tokens_out, tokens_in_max, tokens_out_max,
    cache_hit_rate_sum, cached_tokens, new_tokens, context_pct_max)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const SQL = {
  groupsOfSessions: `${GROUPS} WHERE developer_id = @dev AND session_id IN (SELECT value FROM json_each(@ids))
    GROUP BY session_id, effectiveness_rating ORDER BY session_id`,
  groupsOfDeveloper: `${GROUPS} WHERE developer_id = @dev GROUP BY session_id, effectiveness_rating ORDER BY session_id`,
  deleteSessions: `DELETE FROM session_interaction_totals
    WHERE developer_id = @dev AND session_id IN (SELECT value FROM json_each(@ids))`,
  deleteDeveloper: "DELETE FROM session_interaction_totals WHERE developer_id = @dev",
  insert: INSERT_TOTALS,
  add: `${INSERT_TOTALS}
    ON CONFLICT (developer_id, session_id) DO UPDATE SET interactions = interactions + excluded.interactions,
      rating_int_sum = rating_int_sum + excluded.rating_int_sum, rated_1 = rated_1 + excluded.rated_1,
      rated_2 = rated_2 + excluded.rated_2, rated_3 = rated_3 + excluded.rated_3, rated_4 = rated_4 + excluded.rated_4,
      rated_5 = rated_5 + excluded.rated_5, tokens_in = tokens_in + excluded.tokens_in,
      tokens_out = tokens_out + excluded.tokens_out, tokens_in_max = max(tokens_in_max, excluded.tokens_in_max),
      tokens_out_max = max(tokens_out_max, excluded.tokens_out_max),
      cache_hit_rate_sum = cache_hit_rate_sum + excluded.cache_hit_rate_sum,
      cached_tokens = cached_tokens + excluded.cached_tokens, new_tokens = new_tokens + excluded.new_tokens,
      context_pct_max = max(context_pct_max, excluded.context_pct_max)`,
} as const;

function prepared(sqlite: Database.Database, name: keyof typeof SQL): Database.Statement {
  return prepareCached(sqlite, SQL[name]);
}

/** Folds rating groups (ordered by session) into one totals row per session, written with `write`. */
function writeTotals(write: Database.Statement, dev: number, groups: readonly RatingGroup[]): void {
  for (let i = 0; i < groups.length; ) {
    const sid = (groups[i] as RatingGroup).sid;
    const ratings: RatingCount[] = [];
    let tin = 0;
    let tout = 0;
    let pin = Number.NEGATIVE_INFINITY;
    let pout = Number.NEGATIVE_INFINITY;
    let rate = 0;
    let cached = 0;
    let fresh = 0;
    let ctx = Number.NEGATIVE_INFINITY;
    for (; i < groups.length && (groups[i] as RatingGroup).sid === sid; i++) {
      const g = groups[i] as RatingGroup;
      ratings.push({ rating: g.rating, count: g.n });
      tin += g.tin;
      tout += g.tout;
      pin = Math.max(pin, g.pin);
      pout = Math.max(pout, g.pout);
      rate += g.rate;
      cached += g.cached;
      fresh += g.fresh;
      ctx = Math.max(ctx, g.ctx);
    }
    const e = effectivenessFromRatingCounts(ratings);
    const d = e.distribution;
    write.run(
      dev,
      sid,
      e.count,
      e.intSum,
      d[1],
      d[2],
      d[3],
      d[4],
      d[5],
      tin,
      tout,
      pin,
      pout,
      rate,
      cached,
      fresh,
      ctx,
    );
  }
}

/** The fields of an inserted interaction that its session's totals sum (the contract's record). */
export type InteractionValues = Pick<
  Interaction,
  | "session_id"
  | "effectiveness_rating"
  | "tokens_in"
  | "tokens_out"
  | "cache_hit_rate"
  | "cached_tokens"
  | "new_tokens"
  | "context_pct"
>;

/**
 * The totals changes of one file's interactions, collected while the ingest inserts and deletes rows and
 * written by {@link InteractionTotalsBatch.flush} in the same transaction.
 */
export class InteractionTotalsBatch {
  /** Per session: its inserted rows folded to groups by rating value. */
  private readonly added = new Map<string, Map<number, RatingGroup>>();
  /** Sessions that lost a row: recomputed from their rows (a maximum cannot be un-added). */
  private readonly lost = new Set<string>();

  /** A new interaction row was inserted (the record it was made from). */
  inserted(v: InteractionValues): void {
    const sessionId = v.session_id;
    if (this.lost.has(sessionId)) return;
    let byRating = this.added.get(sessionId);
    if (!byRating) {
      byRating = new Map();
      this.added.set(sessionId, byRating);
    }
    const g = byRating.get(v.effectiveness_rating);
    if (!g) {
      byRating.set(v.effectiveness_rating, {
        sid: sessionId,
        rating: v.effectiveness_rating,
        n: 1,
        tin: v.tokens_in,
        tout: v.tokens_out,
        pin: v.tokens_in,
        pout: v.tokens_out,
        rate: v.cache_hit_rate,
        cached: v.cached_tokens,
        fresh: v.new_tokens,
        ctx: v.context_pct,
      });
      return;
    }
    g.n += 1;
    g.tin += v.tokens_in;
    g.tout += v.tokens_out;
    g.pin = Math.max(g.pin, v.tokens_in);
    g.pout = Math.max(g.pout, v.tokens_out);
    g.rate += v.cache_hit_rate;
    g.cached += v.cached_tokens;
    g.fresh += v.new_tokens;
    g.ctx = Math.max(g.ctx, v.context_pct);
  }

  /** An interaction row of this session was deleted. */
  deleted(sessionId: string): void {
    this.lost.add(sessionId);
    this.added.delete(sessionId);
  }

  /** Writes the collected changes for `developerId` and empties the batch. */
  flush(sqlite: Database.Database, developerId: number): void {
    if (this.added.size > 0) {
      const groups: RatingGroup[] = [];
      for (const byRating of this.added.values()) for (const g of byRating.values()) groups.push(g);
      writeTotals(prepared(sqlite, "add"), developerId, groups);
    }
    if (this.lost.size > 0) refreshInteractionTotals(sqlite, developerId, this.lost);
    this.clear();
  }

  /** Forgets everything collected (a failed apply). */
  clear(): void {
    this.added.clear();
    this.lost.clear();
  }
}

/**
 * Recomputes the totals of the given sessions of one developer from their interactions (a session left
 * without interactions loses its row). Call inside the transaction that changed those interactions.
 */
function refreshInteractionTotals(
  sqlite: Database.Database,
  developerId: number,
  sessionIds: Iterable<string>,
): void {
  const all = [...new Set(sessionIds)];
  // json_each over one bound array: one statement per batch instead of one per session.
  for (let i = 0; i < all.length; i += 5000) {
    const params = { dev: developerId, ids: JSON.stringify(all.slice(i, i + 5000)) };
    prepared(sqlite, "deleteSessions").run(params);
    writeTotals(
      prepared(sqlite, "insert"),
      developerId,
      prepared(sqlite, "groupsOfSessions").all(params) as RatingGroup[],
    );
  }
}

/**
 * Rebuilds every developer's totals when interactions exist but no totals do (a database ingested
 * before the table existed). Returns whether it rebuilt anything.
 */
export function rebuildInteractionTotalsIfMissing(sqlite: Database.Database): boolean {
  const hasInteractions = sqlite.prepare("SELECT 1 FROM interactions LIMIT 1").get() !== undefined;
  const hasTotals = sqlite.prepare("SELECT 1 FROM session_interaction_totals LIMIT 1").get() !== undefined;
  if (!hasInteractions || hasTotals) return false;
  const devs = sqlite.prepare("SELECT DISTINCT developer_id AS dev FROM interactions").all() as {
    dev: number;
  }[];
  sqlite
    .transaction(() => {
      for (const { dev } of devs) {
        prepared(sqlite, "deleteDeveloper").run({ dev });
        writeTotals(
          prepared(sqlite, "insert"),
          dev,
          prepared(sqlite, "groupsOfDeveloper").all({ dev }) as RatingGroup[],
        );
      }
    })
    .immediate();
  return true;
}
