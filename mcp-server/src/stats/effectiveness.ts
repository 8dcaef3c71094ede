/**
 * Effectiveness ratings (spec §3.6).
 */
import type { Interaction } from "../contract/interaction-schema.js";

/** Rating histogram: count of interactions per star rating 1–5. */
export type EffectivenessDistribution = Record<1 | 2 | 3 | 4 | 5, number>;

/** The interaction fields the rating formulas need. */
export type RatedInteraction = Pick<Interaction, "effectiveness_rating">;

/** Python's `int()` on a rating: truncation toward zero. */
function intRating(r: number): number {
  return Number.isFinite(r) ? Math.trunc(r) : 0;
}

/** The histogram bucket of a rating: its integer part when the rating lies in [1,5], else none. */
function ratingBucket(r: number): keyof EffectivenessDistribution | undefined {
  if (!(r >= 1 && r <= 5)) return undefined;
  const bucket = intRating(r);
  return bucket === 1 || bucket === 2 || bucket === 3 || bucket === 4 || bucket === 5 ? bucket : undefined;
}

/** Mean of int ratings from their sum and count; 0 when there are none. */
function meanRating(intSum: number, count: number): number {
  return count ? intSum / count : 0;
}

/**
 * Histogram of ratings 1–5. Ratings outside [1,5] (including 0 = missing) are ignored, as upstream does.
 *
 * A float rating inside [1,5] (upstream persisted 4.7 once; its own report then fails with a KeyError)
 * is counted in the bucket of its integer part (4.7 → 4), the same `int()` reading upstream's
 * average uses, so the histogram and the average stay consistent and the report never breaks.
 */
export function calculateEffectivenessDistribution(
  interactions: readonly RatedInteraction[],
): EffectivenessDistribution {
  const dist: EffectivenessDistribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const i of interactions) {
    const bucket = ratingBucket(i.effectiveness_rating);
    if (bucket !== undefined) dist[bucket] += 1;
  }
  return dist;
}

/**
 * Mean of `int(rating)` over all interactions given, unrounded (upstream
 * `calculate_average_effectiveness`): missing ratings count as 0 and stay in the denominator; 0 when
 * there are none.
 */
export function calculateAverageEffectiveness(interactions: readonly RatedInteraction[]): number {
  let total = 0;
  for (const i of interactions) total += intRating(i.effectiveness_rating);
  return meanRating(total, interactions.length);
}

/** Count of interactions per distinct stored rating value. */
export interface RatingCount {
  rating: number;
  count: number;
}

/** Rating totals of a set of interactions: what {@link effectivenessFromTotals} needs. */
export interface EffectivenessTotals {
  distribution: EffectivenessDistribution;
  /** Interactions counted (ratings outside [1,5] included). */
  count: number;
  /** Σ int(rating). */
  intSum: number;
}

/**
 * {@link calculateEffectivenessDistribution} and the unrounded {@link calculateAverageEffectiveness}
 * from a histogram of distinct rating values (e.g. SQL GROUP BY), read with the same bucket and
 * `int()` rules.
 */
export function effectivenessFromRatingCounts(rows: readonly RatingCount[]): EffectivenessTotals & {
  average: number;
} {
  const distribution: EffectivenessDistribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let n = 0;
  let intSum = 0;
  for (const { rating, count } of rows) {
    const bucket = ratingBucket(rating);
    if (bucket !== undefined) distribution[bucket] += count;
    intSum += intRating(rating) * count;
    n += count;
  }
  return effectivenessFromTotals({ distribution, count: n, intSum });
}

/**
 * The same figures from totals already gathered (e.g. per-session totals summed by a database): the
 * histogram as given, the average from Σ int(rating) and the count.
 */
export function effectivenessFromTotals(t: EffectivenessTotals): EffectivenessTotals & { average: number } {
  return {
    distribution: { ...t.distribution },
    average: meanRating(t.intSum, t.count),
    count: t.count,
    intSum: t.intSum,
  };
}
