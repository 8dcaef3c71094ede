/**
 * Upstream's ROI figures (`calculate_roi_metrics`, spec §3.4), with its exact rounding, from session and
 * interaction rows or from their totals (the portal's SQL aggregates). The formula exists once, in
 * `roiMetrics`; both entry points only gather its inputs.
 */
import type { Interaction } from "../contract/interaction-schema.js";
import type { Session } from "../contract/session-schema.js";
import { type Assumptions, aiHourlyRate, resolveAssumptions } from "./assumptions.js";
import { calculateAverageEffectiveness } from "./effectiveness.js";
import { calculateSessionGaps } from "./gaps.js";
import { pyRound } from "./rounding.js";
import { estimateMinutes, isProductive, sessionDurationMinutes } from "./session-time.js";

/** The session fields ROI needs. */
export type RoiSession = Pick<
  Session,
  | "id"
  | "task_type"
  | "status"
  | "start_time"
  | "end_time"
  | "final_estimate_minutes"
  | "initial_estimate_minutes"
  | "human_time_estimate_minutes"
>;

/**
 * Upstream's ROI dict. Hours and minutes are durations; money is USD; percentages are 0–100.
 * Rounding (Python half-even on the exact double): minutes 1 dp, hours and money 2 dp, ROI % and the
 * multiplier 1 dp, average effectiveness 2 dp, interactions per session 1 dp, AI hourly rate 4 dp.
 */
export interface RoiMetrics {
  time_metrics: {
    total_ai_minutes: number;
    total_ai_hours: number;
    estimated_human_hours: number;
    time_saved_hours: number;
    /** Productive (non-human_review) sessions with status "completed". */
    completed_sessions: number;
  };
  cost_metrics: {
    human_baseline_cost: number;
    ai_subscription_cost: number;
    oversight_cost: number;
    total_ai_cost: number;
    cost_saved: number;
    roi_percentage: number;
    /** Estimated human hours / (AI hours + quick and normal gaps). */
    productivity_multiplier: number;
  };
  productivity_metrics: {
    total_interactions: number;
    /** Over all interactions passed in, not only those of productive sessions. */
    average_effectiveness: number;
    interactions_per_session: number;
  };
  config: { human_hourly_rate: number; ai_monthly_cost: number; ai_hourly_rate: number };
}

/** Totals behind {@link calculateRoiMetrics}. Minutes are durations. */
export interface RoiTotals {
  /** Productive (non-human_review) sessions with status "completed". */
  completedSessions: number;
  /** Σ `sessionDurationMinutes` over those sessions. */
  aiMinutes: number;
  /** Σ `estimateMinutes` over those sessions. */
  humanMinutes: number;
  /** Σ rounded `duration_minutes` of the quick and normal gaps (of ALL sessions' timelines). */
  oversightGapMinutes: number;
  /** Number of interactions (all of the data set, as upstream). */
  totalInteractions: number;
  /** Σ int(effectiveness_rating) over those interactions (truncation toward zero). */
  ratingIntSum: number;
}

/** {@link calculateRoiMetrics} from totals (e.g. SQL aggregates): same result, same rounding. */
export function calculateRoiFromTotals(t: RoiTotals, assumptions?: Partial<Assumptions>): RoiMetrics {
  const averageEffectiveness = t.totalInteractions ? t.ratingIntSum / t.totalInteractions : 0;
  return roiMetrics(t, averageEffectiveness, assumptions);
}

/**
 * ROI over productive, completed sessions (spec §3.4). The outcome plays no part; durations are
 * neither clamped nor capped. The productivity multiplier uses the gaps of ALL sessions given; the
 * average effectiveness uses ALL interactions given.
 */
export function calculateRoiMetrics(
  sessions: readonly RoiSession[],
  interactions: readonly Pick<Interaction, "effectiveness_rating">[],
  assumptions?: Partial<Assumptions>,
): RoiMetrics {
  let aiMinutes = 0;
  let humanMinutes = 0;
  let completedSessions = 0;
  for (const s of sessions) {
    if (!isProductive(s) || s.status !== "completed") continue;
    aiMinutes += sessionDurationMinutes(s);
    humanMinutes += estimateMinutes(s);
    completedSessions += 1;
  }
  let oversightGapMinutes = 0;
  for (const g of calculateSessionGaps(sessions).gaps) {
    if (g.classification === "quick" || g.classification === "normal")
      oversightGapMinutes += g.duration_minutes;
  }
  const totals = {
    completedSessions,
    aiMinutes,
    humanMinutes,
    oversightGapMinutes,
    totalInteractions: interactions.length,
  };
  return roiMetrics(totals, calculateAverageEffectiveness(interactions), assumptions);
}

/**
 * The ROI formula proper. It takes the (unrounded) average effectiveness rather than the rating sum
 * because the row-based caller gets it from calculateAverageEffectiveness: sum·n/n is not always the
 * same double as the mean, and both callers must round the very same value.
 */
function roiMetrics(
  t: Omit<RoiTotals, "ratingIntSum">,
  averageEffectiveness: number,
  assumptions: Partial<Assumptions> | undefined,
): RoiMetrics {
  const a = resolveAssumptions(assumptions);
  const aiRate = aiHourlyRate(a);
  const totalAiHours = t.aiMinutes / 60;
  const estimatedHumanHours = t.humanMinutes / 60;
  const humanCost = estimatedHumanHours * a.humanHourlyRate;
  const aiSubscriptionCost = totalAiHours * aiRate;
  const oversightCost = totalAiHours * a.oversightRatio * a.humanHourlyRate;
  const totalAiCost = aiSubscriptionCost + oversightCost;
  const costSaved = humanCost - totalAiCost;
  const roiPercentage = humanCost > 0 ? (costSaved / humanCost) * 100 : 0;
  const actualOversightHours = totalAiHours + t.oversightGapMinutes / 60;
  const multiplier = actualOversightHours > 0 ? estimatedHumanHours / actualOversightHours : 0;
  const completed = t.completedSessions;
  return {
    time_metrics: {
      total_ai_minutes: pyRound(t.aiMinutes, 1),
      total_ai_hours: pyRound(totalAiHours, 2),
      estimated_human_hours: pyRound(estimatedHumanHours, 2),
      time_saved_hours: pyRound(estimatedHumanHours - totalAiHours, 2),
      completed_sessions: completed,
    },
    cost_metrics: {
      human_baseline_cost: pyRound(humanCost, 2),
      ai_subscription_cost: pyRound(aiSubscriptionCost, 2),
      oversight_cost: pyRound(oversightCost, 2),
      total_ai_cost: pyRound(totalAiCost, 2),
      cost_saved: pyRound(costSaved, 2),
      roi_percentage: pyRound(roiPercentage, 1),
      productivity_multiplier: pyRound(multiplier, 1),
    },
    productivity_metrics: {
      total_interactions: t.totalInteractions,
      average_effectiveness: pyRound(averageEffectiveness, 2),
      interactions_per_session: pyRound(completed ? t.totalInteractions / completed : 0, 1),
    },
    config: {
      human_hourly_rate: a.humanHourlyRate,
      ai_monthly_cost: a.aiMonthlyCost,
      ai_hourly_rate: pyRound(aiRate, 4),
    },
  };
}
