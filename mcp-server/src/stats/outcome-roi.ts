/**
 * Outcome-weighted ROI (portal extension; upstream's ROI ignores the outcome, spec §8).
 */
import type { Session } from "../contract/session-schema.js";
import { type Assumptions, aiHourlyRate, resolveAssumptions } from "./assumptions.js";
import type { RoiSession } from "./roi.js";
import { pyRound } from "./rounding.js";
import { estimateMinutes, isProductive, sessionDurationMinutes } from "./session-time.js";

/** Share of a session's human-estimate value that counts, by outcome. */
export const OUTCOME_VALUE_WEIGHTS = { success: 1, partial: 0.5, failed: 0 } as const;

/**
 * Outcome-weighted ROI. Hours are durations, money USD, `roi_percentage` 0–100.
 * Rounded like upstream's ROI: hours and money 2 dp (half-even), ROI 1 dp.
 */
export interface OutcomeWeightedRoi {
  /** Productive completed sessions counted (same set as upstream's `completed_sessions`). */
  completed_sessions: number;
  /** How many of them had each outcome; `other` = missing or unknown outcome (counted as success). */
  by_outcome: { success: number; partial: number; failed: number; other: number };
  /** Σ weight × estimate / 60. */
  human_value_hours: number;
  /** Σ duration / 60, every counted session (a failed session's time still cost money). */
  ai_hours: number;
  /** human_value_hours × hourly rate. */
  human_value_cost: number;
  /** AI subscription + oversight cost over `ai_hours`, as upstream's `total_ai_cost`. */
  total_ai_cost: number;
  /** human_value_cost − total_ai_cost. */
  cost_saved: number;
  /** cost_saved / human_value_cost × 100, or 0 when there is no value. */
  roi_percentage: number;
}

/**
 * ROI where the outcome matters: over productive (non-human_review) completed sessions, each session's
 * AI time is always a cost, while its human-estimate value (same `final or initial or legacy` chain as
 * upstream) counts fully for `success` or a missing/unknown outcome, half for `partial`, and not at all
 * for `failed`. Formulas: value_h = Σ w·estimate_min/60; ai_h = Σ duration_min/60;
 * ai_cost = ai_h·(monthly/working hours) + ai_h·oversight·rate; saved = value_h·rate − ai_cost.
 */
export function calculateOutcomeWeightedRoi(
  sessions: readonly (RoiSession & Pick<Session, "outcome">)[],
  assumptions?: Partial<Assumptions>,
): OutcomeWeightedRoi {
  const sums = newOutcomeSums();
  for (const s of sessions) {
    if (!isProductive(s) || s.status !== "completed") continue;
    addOutcome(sums, s.outcome, 1, sessionDurationMinutes(s), estimateMinutes(s));
  }
  return outcomeWeightedRoi(sums, assumptions);
}

/** Totals of productive completed sessions with one outcome (null = missing). */
export interface OutcomeTotals {
  outcome: string | null;
  sessions: number;
  aiMinutes: number;
  humanMinutes: number;
}

/**
 * {@link calculateOutcomeWeightedRoi} from per-outcome totals of productive completed sessions (e.g. SQL
 * GROUP BY outcome): same weights, same rounding.
 */
export function outcomeWeightedRoiFromTotals(
  rows: readonly OutcomeTotals[],
  assumptions?: Partial<Assumptions>,
): OutcomeWeightedRoi {
  const sums = newOutcomeSums();
  for (const r of rows) addOutcome(sums, r.outcome, r.sessions, r.aiMinutes, r.humanMinutes);
  return outcomeWeightedRoi(sums, assumptions);
}

/**
 * Running sums of both entry points. They accumulate session by session (or group by group) into one
 * object, so the row-based sums keep their order and the doubles match the former single loop exactly.
 */
interface OutcomeSums {
  byOutcome: OutcomeWeightedRoi["by_outcome"];
  counted: number;
  aiMinutes: number;
  valueMinutes: number;
}

function newOutcomeSums(): OutcomeSums {
  return {
    byOutcome: { success: 0, partial: 0, failed: 0, other: 0 },
    counted: 0,
    aiMinutes: 0,
    valueMinutes: 0,
  };
}

/** Adds `sessions` sessions with one outcome; missing or unknown outcomes count as success ("other"). */
function addOutcome(
  sums: OutcomeSums,
  outcome: string | null,
  sessions: number,
  aiMinutes: number,
  humanMinutes: number,
): void {
  sums.counted += sessions;
  sums.aiMinutes += aiMinutes;
  let weight: number = OUTCOME_VALUE_WEIGHTS.success;
  switch (outcome) {
    case "success":
      sums.byOutcome.success += sessions;
      break;
    case "partial":
      sums.byOutcome.partial += sessions;
      weight = OUTCOME_VALUE_WEIGHTS.partial;
      break;
    case "failed":
      sums.byOutcome.failed += sessions;
      weight = OUTCOME_VALUE_WEIGHTS.failed;
      break;
    default:
      sums.byOutcome.other += sessions;
  }
  sums.valueMinutes += weight * humanMinutes;
}

function outcomeWeightedRoi(
  sums: OutcomeSums,
  assumptions: Partial<Assumptions> | undefined,
): OutcomeWeightedRoi {
  const a = resolveAssumptions(assumptions);
  const valueHours = sums.valueMinutes / 60;
  const aiHours = sums.aiMinutes / 60;
  const valueCost = valueHours * a.humanHourlyRate;
  const aiCost = aiHours * aiHourlyRate(a) + aiHours * a.oversightRatio * a.humanHourlyRate;
  const saved = valueCost - aiCost;
  return {
    completed_sessions: sums.counted,
    by_outcome: sums.byOutcome,
    human_value_hours: pyRound(valueHours, 2),
    ai_hours: pyRound(aiHours, 2),
    human_value_cost: pyRound(valueCost, 2),
    total_ai_cost: pyRound(aiCost, 2),
    cost_saved: pyRound(saved, 2),
    roi_percentage: pyRound(valueCost > 0 ? (saved / valueCost) * 100 : 0, 1),
  };
}
