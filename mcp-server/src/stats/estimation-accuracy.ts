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

function ratioStats(values: number[]): RatioStats {
  if (values.length === 0) return { count: 0, mean: null, median: null };
  let total = 0;
  for (const v of values) total += v;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { count: values.length, mean: total / values.length, median };
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
  const initialRatios: number[] = [];
  const finalRatios: number[] = [];
  const apes: number[] = [];
  let considered = 0;
  for (const s of sessions) {
    if (s.status !== "completed") continue;
    const actual = sessionDurationMinutes(s);
    if (!(actual > 0)) continue;
    considered += 1;
    const initial = s.initial_estimate_minutes ?? s.human_time_estimate_minutes ?? 0;
    const final = s.final_estimate_minutes ?? 0;
    if (initial > 0) initialRatios.push(initial / actual);
    if (final > 0) finalRatios.push(final / actual);
    if (initial > 0 && final > 0) apes.push(Math.abs(initial - final) / final);
  }
  let apeSum = 0;
  for (const v of apes) apeSum += v;
  return {
    sessions_considered: considered,
    initial_to_actual: ratioStats(initialRatios),
    final_to_actual: ratioStats(finalRatios),
    initial_vs_final_mape_pct: apes.length ? (apeSum / apes.length) * 100 : null,
    with_both_estimates: apes.length,
  };
}
