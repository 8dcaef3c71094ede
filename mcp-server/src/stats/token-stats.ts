/**
 * Token, cache and context statistics over interactions (upstream `_compute_token_stats`, spec §3.9).
 */
import type { Interaction } from "../contract/interaction-schema.js";
import type { SessionTokenStats } from "../contract/token-stats-schema.js";
import { pyRound } from "./rounding.js";

/** The interaction fields the token statistics need. */
export type TokenInteraction = Pick<
  Interaction,
  "tokens_in" | "tokens_out" | "cache_hit_rate" | "cached_tokens" | "new_tokens" | "context_pct"
>;

/**
 * Token statistics in upstream's nested shape (`token_stats.token_stats…`). With n interactions:
 * averages per turn are `round(total/n)` with banker's rounding; `hit_rate_pct` is
 * `round(mean(cache_hit_rate)·100, 1)` where interactions that reported no rate count as 0;
 * `peak_utilization_pct` is `round(max(context_pct), 1)`; `compactions` is always 0.
 * n = 0 gives all zeros. Used for one session at end time and for all interactions on dashboards.
 */
export function computeTokenStats(interactions: readonly TokenInteraction[]): SessionTokenStats {
  const t: TokenTotals = {
    turns: interactions.length,
    totalIn: 0,
    totalOut: 0,
    peakIn: 0,
    peakOut: 0,
    cacheHitRateSum: 0,
    totalCached: 0,
    totalNew: 0,
    peakContextPct: 0,
  };
  let first = true;
  for (const i of interactions) {
    t.totalIn += i.tokens_in;
    t.totalOut += i.tokens_out;
    t.cacheHitRateSum += i.cache_hit_rate;
    t.totalCached += i.cached_tokens;
    t.totalNew += i.new_tokens;
    // Python's max() starts from the first element, so all-negative values keep their maximum.
    t.peakIn = first ? i.tokens_in : Math.max(t.peakIn, i.tokens_in);
    t.peakOut = first ? i.tokens_out : Math.max(t.peakOut, i.tokens_out);
    t.peakContextPct = first ? i.context_pct : Math.max(t.peakContextPct, i.context_pct);
    first = false;
  }
  return tokenStatsFromTotals(t);
}

/** Totals behind {@link computeTokenStats}. */
export interface TokenTotals {
  turns: number;
  totalIn: number;
  totalOut: number;
  peakIn: number;
  peakOut: number;
  /** Σ cache_hit_rate (0–1 fractions; unreported = 0). */
  cacheHitRateSum: number;
  totalCached: number;
  totalNew: number;
  peakContextPct: number;
}

/** {@link computeTokenStats} from totals and maxima (e.g. SQL SUM/MAX): same result, same rounding. */
export function tokenStatsFromTotals(t: TokenTotals): SessionTokenStats {
  const n = t.turns;
  if (n === 0) {
    return {
      token_stats: {
        total_in: 0,
        total_out: 0,
        turns: 0,
        avg_in_per_turn: 0,
        avg_out_per_turn: 0,
        peak_in: 0,
        peak_out: 0,
      },
      cache_stats: { hit_rate_pct: 0, total_cached: 0, total_new: 0 },
      context_stats: { peak_utilization_pct: 0, compactions: 0 },
    };
  }
  return {
    token_stats: {
      total_in: t.totalIn,
      total_out: t.totalOut,
      turns: n,
      avg_in_per_turn: pyRound(t.totalIn / n),
      avg_out_per_turn: pyRound(t.totalOut / n),
      peak_in: t.peakIn,
      peak_out: t.peakOut,
    },
    cache_stats: {
      hit_rate_pct: pyRound((t.cacheHitRateSum / n) * 100, 1),
      total_cached: t.totalCached,
      total_new: t.totalNew,
    },
    context_stats: { peak_utilization_pct: pyRound(t.peakContextPct, 1), compactions: 0 },
  };
}
