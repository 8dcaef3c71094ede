/**
 * The `token_stats` snapshot stored on a session at `end_ai_session` (spec §2.3, §3.9). Upstream nests it
 * under a second `token_stats` key: `session.token_stats.token_stats.total_in`.
 */
import { z } from "zod";
import { looseNumberSchema, toNumber } from "./coerce.js";

const group = <T extends z.ZodRawShape>(shape: T) => z.union([z.looseObject(shape), z.null()]).optional();

/** Raw nested token-stats object as stored (all fields optional). */
export const sessionTokenStatsRecordSchema = z.looseObject({
  token_stats: group({
    total_in: looseNumberSchema,
    total_out: looseNumberSchema,
    turns: looseNumberSchema,
    avg_in_per_turn: looseNumberSchema,
    avg_out_per_turn: looseNumberSchema,
    peak_in: looseNumberSchema,
    peak_out: looseNumberSchema,
  }),
  cache_stats: group({
    hit_rate_pct: looseNumberSchema,
    total_cached: looseNumberSchema,
    total_new: looseNumberSchema,
  }),
  context_stats: group({ peak_utilization_pct: looseNumberSchema, compactions: looseNumberSchema }),
});
/** Raw token-stats record. */
export type SessionTokenStatsRecord = z.infer<typeof sessionTokenStatsRecordSchema>;

/**
 * Token, cache and context figures over a set of interactions (upstream `_compute_token_stats`).
 * Tokens are counts; `avg_*_per_turn` are integers (banker's rounding); `hit_rate_pct` and
 * `peak_utilization_pct` are percentages (0–100) rounded to 1 dp; `compactions` is always 0.
 */
export interface SessionTokenStats {
  token_stats: {
    total_in: number;
    total_out: number;
    turns: number;
    avg_in_per_turn: number;
    avg_out_per_turn: number;
    peak_in: number;
    peak_out: number;
  };
  cache_stats: { hit_rate_pct: number; total_cached: number; total_new: number };
  context_stats: { peak_utilization_pct: number; compactions: number };
}

/** Normalises a raw token-stats object (missing figures → 0). Throws FieldError on a non-numeric string. */
export function normalizeSessionTokenStats(raw: SessionTokenStatsRecord): SessionTokenStats {
  const t = raw.token_stats ?? {};
  const c = raw.cache_stats ?? {};
  const x = raw.context_stats ?? {};
  return {
    token_stats: {
      total_in: toNumber(t.total_in, "total_in"),
      total_out: toNumber(t.total_out, "total_out"),
      turns: toNumber(t.turns, "turns"),
      avg_in_per_turn: toNumber(t.avg_in_per_turn, "avg_in_per_turn"),
      avg_out_per_turn: toNumber(t.avg_out_per_turn, "avg_out_per_turn"),
      peak_in: toNumber(t.peak_in, "peak_in"),
      peak_out: toNumber(t.peak_out, "peak_out"),
    },
    cache_stats: {
      hit_rate_pct: toNumber(c.hit_rate_pct, "hit_rate_pct"),
      total_cached: toNumber(c.total_cached, "total_cached"),
      total_new: toNumber(c.total_new, "total_new"),
    },
    context_stats: {
      peak_utilization_pct: toNumber(x.peak_utilization_pct, "peak_utilization_pct"),
      compactions: toNumber(x.compactions, "compactions"),
    },
  };
}
