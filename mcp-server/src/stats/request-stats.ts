/**
 * `get_request_stats` figures and text (spec §1.4.9, §3.9).
 */
import type { AiRequest } from "../contract/request-schema.js";
import { pyCountDictRepr } from "./python-repr.js";
import { pyFloatStr, pyFormatPercent, pyRound } from "./rounding.js";

/** Optional exact-match filters; an empty string means "no filter", as upstream's truthiness test. */
export interface RequestStatsFilter {
  request_type?: string | undefined;
  model?: string | undefined;
}

/** Upstream's request-stats dict. Tokens are counts; `avg_cache_hit_rate` is a 0–1 fraction. */
export interface RequestStats {
  total_requests: number;
  total_tokens_in: number;
  total_tokens_out: number;
  total_cached_tokens: number;
  total_new_tokens: number;
  /** `round(total/n, 1)`, or 0 when there are no requests (upstream prints the int 0 then). */
  avg_tokens_in: number;
  avg_tokens_out: number;
  /** `round(Σ rate / n, 4)`, or 0. */
  avg_cache_hit_rate: number;
  /** Count per request `type`, first-seen order. */
  by_type: Record<string, number>;
  /** Count per `model`, first-seen order. */
  by_model: Record<string, number>;
}

/** The request fields the stats need. */
export type StatsRequest = Pick<
  AiRequest,
  "type" | "model" | "tokens_in" | "tokens_out" | "cached_tokens" | "new_tokens" | "cache_hit_rate"
>;

/** Aggregates requests after the optional filters (spec §3.9). */
export function computeRequestStats(
  requests: readonly StatsRequest[],
  filter: RequestStatsFilter = {},
): RequestStats {
  const { request_type: type, model } = filter;
  // One running total per figure, summed in one pass (declarations alike by design).
  let count = 0;
  let tokensIn = 0;
  let tokensOut = 0;
  let cachedTokens = 0;
  let newTokens = 0;
  let cacheHitRateSum = 0;
  const byType = new Map<string, number>();
  const byModel = new Map<string, number>();
  for (const r of requests) {
    if ((type && r.type !== type) || (model && r.model !== model)) continue;
    count += 1;
    tokensIn += r.tokens_in;
    tokensOut += r.tokens_out;
    cachedTokens += r.cached_tokens;
    newTokens += r.new_tokens;
    cacheHitRateSum += r.cache_hit_rate;
    byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    byModel.set(r.model, (byModel.get(r.model) ?? 0) + 1);
  }
  return requestStatsFromTotals({
    count,
    tokensIn,
    tokensOut,
    cachedTokens,
    newTokens,
    cacheHitRateSum,
    byType: [...byType],
    byModel: [...byModel],
  });
}

/** Totals behind {@link computeRequestStats} (after filtering). */
export interface RequestTotals {
  count: number;
  tokensIn: number;
  tokensOut: number;
  cachedTokens: number;
  newTokens: number;
  cacheHitRateSum: number;
  byType: readonly (readonly [string, number])[];
  byModel: readonly (readonly [string, number])[];
}

/** {@link computeRequestStats} from totals and group counts (e.g. SQL): same result, same rounding. */
export function requestStatsFromTotals(t: RequestTotals): RequestStats {
  const n = t.count;
  return {
    total_requests: n,
    total_tokens_in: t.tokensIn,
    total_tokens_out: t.tokensOut,
    total_cached_tokens: t.cachedTokens,
    total_new_tokens: t.newTokens,
    avg_tokens_in: n ? pyRound(t.tokensIn / n, 1) : 0,
    avg_tokens_out: n ? pyRound(t.tokensOut / n, 1) : 0,
    avg_cache_hit_rate: n ? pyRound(t.cacheHitRateSum / n, 4) : 0,
    by_type: Object.fromEntries(t.byType),
    by_model: Object.fromEntries(t.byModel),
  };
}

/** Python `str()` of a number that upstream holds as int when integral-by-type (sums of ints). */
function intOrFloatStr(x: number): string {
  return Number.isInteger(x) ? String(x) : pyFloatStr(x);
}

/**
 * The `get_request_stats` reply text, byte-for-byte upstream's: averages print as Python floats
 * (`2900.0`) or `0` with no requests; the hit rate as `{:.1%}`; the counts as Python dict reprs.
 */
export function formatRequestStatsText(stats: RequestStats): string {
  const avg = (x: number): string => (stats.total_requests === 0 ? "0" : pyFloatStr(x));
  return (
    `\n📊 **Request Stats** (${stats.total_requests} requests)\n\n` +
    `- **Tokens In**: ${intOrFloatStr(stats.total_tokens_in)} (avg ${avg(stats.avg_tokens_in)}/req)\n` +
    `- **Tokens Out**: ${intOrFloatStr(stats.total_tokens_out)} (avg ${avg(stats.avg_tokens_out)}/req)\n` +
    `- **Cached**: ${intOrFloatStr(stats.total_cached_tokens)} (avg hit rate ${pyFormatPercent(stats.avg_cache_hit_rate, 1)})\n` +
    `- **By Type**: ${pyCountDictRepr(stats.by_type)}\n` +
    `- **By Model**: ${pyCountDictRepr(stats.by_model)}\n`
  );
}
