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
    const r = i.effectiveness_rating;
    if (!(r >= 1 && r <= 5)) continue;
    const bucket = intRating(r);
    if (bucket === 1 || bucket === 2 || bucket === 3 || bucket === 4 || bucket === 5) dist[bucket] += 1;
  }
  return dist;
}

/**
 * Mean of `int(rating)` over all interactions given, unrounded (upstream
 * `calculate_average_effectiveness`): missing ratings count as 0 and stay in the denominator; 0 when
 * there are none.
 */
export function calculateAverageEffectiveness(interactions: readonly RatedInteraction[]): number {
  if (interactions.length === 0) return 0;
  let total = 0;
  for (const i of interactions) total += intRating(i.effectiveness_rating);
  return total / interactions.length;
}
