/**
 * Cost assumptions of the ROI formulas (spec §3.1). Upstream hard-codes them; the portal lets a team
 * override them. Every formula takes a partial set and applies upstream's `x or default` rule.
 */

/** Cost assumptions. Money is USD. */
export interface Assumptions {
  /** Fully loaded developer cost, USD per hour. */
  humanHourlyRate: number;
  /** AI subscription cost, USD per month. */
  aiMonthlyCost: number;
  /** Working hours in a month (turns the monthly cost into an hourly one). */
  workingHoursPerMonth: number;
  /** Share of AI time a human spends overseeing it (0.2 = 20 %). */
  oversightRatio: number;
}

/** Upstream's constants: 130 USD/h, 40 USD/month, 160 h/month, 20 % oversight. */
export const DEFAULT_ASSUMPTIONS: Readonly<Assumptions> = Object.freeze({
  humanHourlyRate: 130,
  aiMonthlyCost: 40,
  workingHoursPerMonth: 160,
  oversightRatio: 0.2,
});

/**
 * Fills in defaults with upstream's `x or default` semantics: a missing value, 0 or NaN takes the
 * default (so 0 can never switch a cost off, exactly as in `StatisticsEngine.__init__`).
 */
export function resolveAssumptions(overrides?: Partial<Assumptions>): Assumptions {
  const pick = (v: number | undefined, d: number): number => (v ? v : d);
  return {
    humanHourlyRate: pick(overrides?.humanHourlyRate, DEFAULT_ASSUMPTIONS.humanHourlyRate),
    aiMonthlyCost: pick(overrides?.aiMonthlyCost, DEFAULT_ASSUMPTIONS.aiMonthlyCost),
    workingHoursPerMonth: pick(overrides?.workingHoursPerMonth, DEFAULT_ASSUMPTIONS.workingHoursPerMonth),
    oversightRatio: pick(overrides?.oversightRatio, DEFAULT_ASSUMPTIONS.oversightRatio),
  };
}

/** AI cost per hour in USD: monthly cost / working hours (0.25 with the defaults). */
export function aiHourlyRate(a: Assumptions): number {
  return a.aiMonthlyCost / a.workingHoursPerMonth;
}
