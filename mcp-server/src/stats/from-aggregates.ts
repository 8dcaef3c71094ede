/**
 * The same formulas as the row-based functions of this package, fed with aggregates (counts, sums,
 * maxima, medians) that a database computes with GROUP BY instead of a loop over every row.
 * The portal's read model (`lib/queries`) uses these so SQL aggregates and this package still owns every
 * formula, threshold and rounding. `from-aggregates.test.ts` proves each one equals its row-based twin.
 */
import { type Assumptions, aiHourlyRate, resolveAssumptions } from "./assumptions.js";
import type { EstimationAccuracy, RatioStats } from "./estimation-accuracy.js";
import { OUTCOME_VALUE_WEIGHTS, type OutcomeWeightedRoi } from "./outcome-roi.js";
import { pyRound } from "./rounding.js";

export { effectivenessFromRatingCounts, type RatingCount } from "./effectiveness.js";
export { type GapAggregates, summarizeGapAggregates } from "./gaps.js";
export { summarizeIssueCounts } from "./issues.js";
export { type RequestTotals, requestStatsFromTotals } from "./request-stats.js";
export { calculateRoiFromTotals, type RoiTotals } from "./roi.js";
export { type TokenTotals, tokenStatsFromTotals } from "./token-stats.js";

/** Totals of productive completed sessions with one outcome (null = missing). */
export interface OutcomeTotals {
  outcome: string | null;
  sessions: number;
  aiMinutes: number;
  humanMinutes: number;
}

/** {@link calculateOutcomeWeightedRoi} from per-outcome totals of productive completed sessions. */
export function outcomeWeightedRoiFromTotals(
  rows: readonly OutcomeTotals[],
  assumptions?: Partial<Assumptions>,
): OutcomeWeightedRoi {
  const a = resolveAssumptions(assumptions);
  const byOutcome = { success: 0, partial: 0, failed: 0, other: 0 };
  let valueMinutes = 0;
  let aiMinutes = 0;
  let counted = 0;
  for (const r of rows) {
    counted += r.sessions;
    aiMinutes += r.aiMinutes;
    let weight: number = OUTCOME_VALUE_WEIGHTS.success;
    if (r.outcome === "success") byOutcome.success += r.sessions;
    else if (r.outcome === "partial") {
      byOutcome.partial += r.sessions;
      weight = OUTCOME_VALUE_WEIGHTS.partial;
    } else if (r.outcome === "failed") {
      byOutcome.failed += r.sessions;
      weight = OUTCOME_VALUE_WEIGHTS.failed;
    } else byOutcome.other += r.sessions;
    valueMinutes += weight * r.humanMinutes;
  }
  const valueHours = valueMinutes / 60;
  const aiHours = aiMinutes / 60;
  const valueCost = valueHours * a.humanHourlyRate;
  const aiCost = aiHours * aiHourlyRate(a) + aiHours * a.oversightRatio * a.humanHourlyRate;
  const saved = valueCost - aiCost;
  return {
    completed_sessions: counted,
    by_outcome: byOutcome,
    human_value_hours: pyRound(valueHours, 2),
    ai_hours: pyRound(aiHours, 2),
    human_value_cost: pyRound(valueCost, 2),
    total_ai_cost: pyRound(aiCost, 2),
    cost_saved: pyRound(saved, 2),
    roi_percentage: pyRound(valueCost > 0 ? (saved / valueCost) * 100 : 0, 1),
  };
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
