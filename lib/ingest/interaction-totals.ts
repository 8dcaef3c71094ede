/**
 * Keeps `session_interaction_totals` (one row of sums per developer + session id) equal to what the
 * `interactions` table holds. The ingest writer (lib/db/ingest-writer.ts) feeds an
 * {@link InteractionTotalsBatch} while it changes one file's interactions and writes it in the same
 * transaction: inserted rows are added to their session's totals, a session that lost a row is
 * recomputed from its rows. {@link rebuildInteractionTotalsIfMissing} fills the table for a database
 * ingested before it existed (the ingest runs it before its first pass on a store, the portal at
 * start-up). Ratings are read by the stats package (its bucket and int() rules), never here.
 */
import type { Interaction } from "ai-session-tracker-mcp/contract";
import { effectivenessFromRatingCounts, type RatingCount } from "ai-session-tracker-mcp/stats";
import type { TokenAggregates } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";

/** One GROUP BY row: a session's interactions with one rating value. */
export interface RatingGroup extends TokenAggregates {
  sid: string;
  rating: number;
  n: number;
}

/** The rating groups of interactions (add WHERE … GROUP BY session_id, effectiveness_rating ORDER BY session_id). */
export const RATING_GROUPS_SQL = `SELECT session_id AS sid, effectiveness_rating AS rating, count(*) AS n,
    sum(tokens_in) AS tin, sum(tokens_out) AS tout, max(tokens_in) AS pin, max(tokens_out) AS pout,
    COALESCE(sum(cache_hit_rate), 0.0) AS rate, sum(cached_tokens) AS cached, sum(new_tokens) AS fresh,
    max(context_pct) AS ctx
  FROM interactions`;

/** The columns of a totals row, in {@link totalsRows}' value order. */
export const TOTALS_COLUMNS = [
  "developer_id",
  "session_id",
  "interactions",
  "rating_int_sum",
  "rated_1",
  "rated_2",
  "rated_3",
  "rated_4",
  "rated_5",
  "tokens_in",
  "tokens_out",
  "tokens_in_max",
  "tokens_out_max",
  "cache_hit_rate_sum",
  "cached_tokens",
  "new_tokens",
  "context_pct_max",
] as const;

/** One totals row (values in {@link totalsRows} order). */
export const INSERT_TOTALS = `INSERT INTO session_interaction_totals (${TOTALS_COLUMNS.join(", ")})
  VALUES (${TOTALS_COLUMNS.map(() => "?").join(", ")})`;

/**
 * The `ON CONFLICT … DO UPDATE` that adds a totals row to the stored one of its session. `greatest` is the
 * engine's two-argument maximum (SQLite `max`, PostgreSQL `GREATEST`); `t` names the stored row.
 */
export function addTotalsOnConflict(greatest: string, t: string): string {
  const sum = (c: string) => `${c} = ${t}.${c} + excluded.${c}`;
  const max = (c: string) => `${c} = ${greatest}(${t}.${c}, excluded.${c})`;
  const sums = TOTALS_COLUMNS.slice(2).filter((c) => !c.endsWith("_max"));
  const maxima = TOTALS_COLUMNS.filter((c) => c.endsWith("_max"));
  return `ON CONFLICT (developer_id, session_id) DO UPDATE SET ${[...sums.map(sum), ...maxima.map(max)].join(", ")}`;
}

/** Folds rating groups (ordered by session) into one totals row per session: {@link INSERT_TOTALS}' values. */
export function totalsRows(dev: number, groups: readonly RatingGroup[]): unknown[][] {
  const rows: unknown[][] = [];
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
    // biome-ignore format: INSERT_TOTALS' column order
    rows.push([dev, sid, e.count, e.intSum, d[1], d[2], d[3], d[4], d[5], tin, tout, pin, pout, rate, cached, fresh, ctx]);
  }
  return rows;
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

  /** The inserted rows folded by session and rating value (each session's groups together). */
  addedGroups(): RatingGroup[] {
    const groups: RatingGroup[] = [];
    for (const byRating of this.added.values()) for (const g of byRating.values()) groups.push(g);
    return groups;
  }

  /** Sessions that lost a row: to be recomputed from their rows. */
  lostSessions(): string[] {
    return [...this.lost];
  }

  /** Forgets everything collected (a failed apply). */
  clear(): void {
    this.added.clear();
    this.lost.clear();
  }
}

/**
 * Rebuilds every developer's totals when interactions exist but no totals do (a database ingested
 * before the table existed). Returns whether it rebuilt anything.
 */
export async function rebuildInteractionTotalsIfMissing(db: Store): Promise<boolean> {
  const hasInteractions = (await db.get("SELECT 1 AS x FROM interactions LIMIT 1")) !== undefined;
  const hasTotals = (await db.get("SELECT 1 AS x FROM session_interaction_totals LIMIT 1")) !== undefined;
  if (!hasInteractions || hasTotals) return false;
  await db.transaction(async (tx) => {
    const devs = await tx.all<{ dev: number }>("SELECT DISTINCT developer_id AS dev FROM interactions");
    for (const { dev } of devs) {
      await tx.run("DELETE FROM session_interaction_totals WHERE developer_id = ?", [dev]);
      const groups = await tx.all<RatingGroup>(
        `${RATING_GROUPS_SQL} WHERE developer_id = ? GROUP BY session_id, effectiveness_rating ORDER BY session_id`,
        [dev],
      );
      for (const row of totalsRows(dev, groups)) await tx.run(INSERT_TOTALS, row);
    }
  });
  return true;
}
