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
  const n = interactions.length;
  let totalIn = 0;
  let totalOut = 0;
  let peakIn = 0;
  let peakOut = 0;
  let rateSum = 0;
  let cached = 0;
  let fresh = 0;
  let peakContext = 0;
  interactions.forEach((i, index) => {
    totalIn += i.tokens_in;
    totalOut += i.tokens_out;
    rateSum += i.cache_hit_rate;
    cached += i.cached_tokens;
    fresh += i.new_tokens;
    // Python's max() starts from the first element, so all-negative values keep their maximum.
    peakIn = index === 0 ? i.tokens_in : Math.max(peakIn, i.tokens_in);
    peakOut = index === 0 ? i.tokens_out : Math.max(peakOut, i.tokens_out);
    peakContext = index === 0 ? i.context_pct : Math.max(peakContext, i.context_pct);
  });
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
      total_in: totalIn,
      total_out: totalOut,
      turns: n,
      avg_in_per_turn: pyRound(totalIn / n),
      avg_out_per_turn: pyRound(totalOut / n),
      peak_in: peakIn,
      peak_out: peakOut,
    },
    cache_stats: { hit_rate_pct: pyRound((rateSum / n) * 100, 1), total_cached: cached, total_new: fresh },
    context_stats: { peak_utilization_pct: pyRound(peakContext, 1), compactions: 0 },
  };
}
