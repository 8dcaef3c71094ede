/**
 * How good the human estimates were (portal extension).
 */
import type { Session } from "../contract/session-schema.js";
import { sessionDurationMinutes } from "./session-time.js";

/** Mean and median of a set of ratios; null when the set is empty. */
export interface RatioStats {
  count: number;
  mean: number | null;
  median: number | null;
}

/** Estimation accuracy figures (unrounded; format for display). */
export interface EstimationAccuracy {
  /** Completed sessions with an actual duration > 0 (all task types). */
  sessions_considered: number;
  /** initial estimate ÷ actual duration, over sessions with an initial estimate > 0. */
  initial_to_actual: RatioStats;
  /** final estimate ÷ actual duration, over sessions with a final estimate > 0. */
  final_to_actual: RatioStats;
  /** Mean of |initial − final| ÷ final × 100 over sessions with both > 0; null if none. Percent. */
  initial_vs_final_mape_pct: number | null;
  /** Sessions with both estimates > 0 (the MAPE's denominator). */
  with_both_estimates: number;
}

/** Median of `values` (sorted in place), averaging the two middle values for an even count; null if empty. */
function medianInPlace(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((x, y) => x - y);
  const mid = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? (values[mid] ?? 0) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
}

/**
 * Estimation accuracy over completed sessions whose actual duration (end − start, minutes, §3.2) is > 0.
 * - `initial_to_actual`: ratio initial/actual (a ratio of 2 means the task took half the estimated time).
 *   The initial estimate is `initial_estimate_minutes`, or the legacy `human_time_estimate_minutes`
 *   when a pre-2026-02-20 record has no initial one.
 * - `final_to_actual`: ratio final/actual; a final estimate of 0 or null is "not given" (upstream's
 *   falsy reading) and is left out.
 * - `initial_vs_final_mape_pct`: mean(|initial − final| / final) × 100, how far the up-front estimate was
 *   from the estimate given at the end.
 * Medians average the two middle values for an even count.
 */
export function calculateEstimationAccuracy(
  sessions: readonly Pick<
    Session,
    | "status"
    | "start_time"
    | "end_time"
    | "initial_estimate_minutes"
    | "final_estimate_minutes"
    | "human_time_estimate_minutes"
  >[],
): EstimationAccuracy {
  // The ratios are kept only for the medians; counts and sums are the aggregates' own (one running total
  // per figure, declarations alike by design).
  const initialRatios: number[] = [];
  const finalRatios: number[] = [];
  let initialSum = 0;
  let finalSum = 0;
  let apeCount = 0;
  let apeSum = 0;
  let considered = 0;
  for (const s of sessions) {
    if (s.status !== "completed") continue;
    const actual = sessionDurationMinutes(s);
    if (!(actual > 0)) continue;
    considered += 1;
    const initial = s.initial_estimate_minutes ?? s.human_time_estimate_minutes ?? 0;
    const final = s.final_estimate_minutes ?? 0;
    if (initial > 0) {
      const ratio = initial / actual;
      initialRatios.push(ratio);
      initialSum += ratio;
    }
    if (final > 0) {
      const ratio = final / actual;
      finalRatios.push(ratio);
      finalSum += ratio;
    }
    if (initial > 0 && final > 0) {
      apeCount += 1;
      apeSum += Math.abs(initial - final) / final;
    }
  }
  return estimationAccuracyFromAggregates({
    considered,
    initial: { count: initialRatios.length, sum: initialSum, median: medianInPlace(initialRatios) },
    final: { count: finalRatios.length, sum: finalSum, median: medianInPlace(finalRatios) },
    ape: { count: apeCount, sum: apeSum },
  });
}

/**
 * Inputs of {@link estimationAccuracyFromAggregates}, over completed sessions with duration > 0:
 * initial ratio = (initial ?? legacy human estimate ?? 0) / duration when > 0; final ratio =
 * (final ?? 0) / duration when > 0; ape = |initial − final| / final when both > 0.
 */
export interface EstimationAggregates {
  considered: number;
  initial: { count: number; sum: number; median: number | null };
  final: { count: number; sum: number; median: number | null };
  ape: { count: number; sum: number };
}

/** {@link calculateEstimationAccuracy} from counts, sums and medians (medians computed by the caller). */
export function estimationAccuracyFromAggregates(g: EstimationAggregates): EstimationAccuracy {
  const stats = (x: { count: number; sum: number; median: number | null }): RatioStats =>
    x.count
      ? { count: x.count, mean: x.sum / x.count, median: x.median }
      : { count: 0, mean: null, median: null };
  return {
    sessions_considered: g.considered,
    initial_to_actual: stats(g.initial),
    final_to_actual: stats(g.final),
    initial_vs_final_mape_pct: g.ape.count ? (g.ape.sum / g.ape.count) * 100 : null,
    with_both_estimates: g.ape.count,
  };
}
