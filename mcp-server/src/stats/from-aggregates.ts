/**
 * The formulas of this package fed with aggregates (counts, sums, maxima, medians) that a database
 * computes with GROUP BY instead of a loop over every row. The portal's read model (`lib/queries`) uses
 * these so SQL aggregates while this package still owns every formula, threshold and rounding.
 *
 * Each one lives beside its row-based twin, which gathers the same aggregates from rows and calls it
 * (or shares its private core), so every formula exists once; this module only lists them.
 * `from-aggregates.test.ts` checks each one against its twin on the upstream fixtures.
 */
export {
  type EffectivenessTotals,
  effectivenessFromRatingCounts,
  effectivenessFromTotals,
  type RatingCount,
} from "./effectiveness.js";
export { type EstimationAggregates, estimationAccuracyFromAggregates } from "./estimation-accuracy.js";
export { type GapAggregates, summarizeGapAggregates } from "./gaps.js";
export { summarizeIssueCounts } from "./issues.js";
export { type OutcomeTotals, outcomeWeightedRoiFromTotals } from "./outcome-roi.js";
export { type RequestTotals, requestStatsFromTotals } from "./request-stats.js";
export { calculateRoiFromTotals, type RoiTotals } from "./roi.js";
export { type TokenTotals, tokenStatsFromTotals } from "./token-stats.js";
