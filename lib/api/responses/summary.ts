/**
 * GET /api/v1/summary: the Overview's figures. Upstream's report blocks as computed (`roi` untouched),
 * the KPIs with the previous period, the assumptions in force, the portal's ROI `method` beside `roi`,
 * in-day `friction` beside upstream's `gaps`, and the compare-mode block when `compare` is set.
 */

import type { Assumptions } from "ai-session-tracker-mcp/stats";
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import type { Friction } from "@/lib/queries/get-friction";
import type { Kpis } from "@/lib/queries/get-kpis";
import type { PeriodCompare } from "@/lib/queries/get-period-compare";
import type { RoiMethodView } from "@/lib/queries/get-roi-method";
import type { Slice } from "@/lib/queries/slices";
import { defineResponse } from "./define";
import {
  filtersDto,
  filtersSchema,
  kpiFields,
  kpiFieldsDto,
  kpiValuesDto,
  kpiValuesSchema,
  reportFields,
  reportFieldsDto,
  windowDto,
  windowSchema,
} from "./figures";

const num = z.number();

/** The assumptions of upstream's formulas in force (USD, hours, a 0–1 share). */
export const assumptionsSchema = z.strictObject({
  human_hourly_rate: num,
  ai_monthly_cost: num,
  working_hours_per_month: num,
  oversight_ratio: num,
});

const methodCase = z.strictObject({
  estimate: z.enum(["lower", "upstream", "higher"]),
  engagement_share: num,
  partial_weight: num,
  success_hours: num,
  partial_hours: num,
  failed_hours: num,
  delivered_hours: num,
  developer_hours: num,
  hours_saved: num,
  delivered_usd: num,
  value_usd: num,
  spend_usd: num,
  net_usd: num,
  return_per_dollar: num.nullable(),
  savings_rate_pct: num.nullable(),
});
type MethodCase = z.output<typeof methodCase>;

const caseDto = (c: RoiMethodView["expected"]): MethodCase => ({
  estimate: c.estimate,
  engagement_share: c.engagementShare,
  partial_weight: c.partialWeight,
  success_hours: c.successHours,
  partial_hours: c.partialHours,
  failed_hours: c.failedHours,
  delivered_hours: c.deliveredHours,
  developer_hours: c.developerHours,
  hours_saved: c.hoursSaved,
  delivered_usd: c.deliveredUsd,
  value_usd: c.valueUsd,
  spend_usd: c.spendUsd,
  net_usd: c.netUsd,
  return_per_dollar: c.returnPerDollar,
  savings_rate_pct: c.savingsRatePct,
});

/** The portal's ROI method (three cases) of a view. */
export const methodSchema = z.strictObject({
  period: windowSchema.nullable().meta({ description: "The period whose seats are charged" }),
  active_developers: num,
  sessions: num,
  by_outcome: z.strictObject({ success: num, partial: num, failed: num, other: num }),
  ai_hours: num,
  human_hourly_rate: num,
  spend: z.strictObject({
    seats: num,
    months: num,
    seat_price_per_month: num,
    usd: num,
    basis: z.enum(["assumed_seats", "measured", "mixed"]).meta({
      description: "Where the spend comes from: seat price only, measured token usage (issue 13), or both",
    }),
    measured_usd: num.nullable(),
    measured_developers: num,
    unpriced_requests: num.meta({ description: "Measured requests of models without a price (not in usd)" }),
  }),
  outcome_signal: z.strictObject({
    signal: z.enum(["self_report", "shipped"]).meta({
      description:
        "The outcome the sessions were valued by: self-report, or git's shipped verdict (issue 15)",
    }),
    from_git: num.meta({ description: "Counted sessions valued by their git verdict" }),
    self_report: num.meta({ description: "Counted sessions valued by their reported outcome" }),
  }),
  conservative: methodCase,
  expected: methodCase,
  optimistic: methodCase,
});

/** {@link methodSchema} of the method loader's result. */
export const methodDto = (m: RoiMethodView): z.output<typeof methodSchema> => ({
  period: windowDto(m.period),
  active_developers: m.activeDevelopers,
  sessions: m.sessions,
  by_outcome: { ...m.byOutcome },
  ai_hours: m.aiHours,
  human_hourly_rate: m.humanHourlyRate,
  spend: {
    seats: m.spend.seats,
    months: m.spend.months,
    seat_price_per_month: m.spend.seatPricePerMonth,
    usd: m.spend.usd,
    basis: m.spend.basis,
    measured_usd: m.spend.measuredUsd,
    measured_developers: m.spend.measuredDevelopers,
    unpriced_requests: m.spend.unpricedRequests,
  },
  outcome_signal: {
    signal: m.outcomeSignal.signal,
    from_git: m.outcomeSignal.fromGit,
    self_report: m.outcomeSignal.selfReport,
  },
  conservative: caseDto(m.conservative),
  expected: caseDto(m.expected),
  optimistic: caseDto(m.optimistic),
});

const finding = z.strictObject({
  key: z.string(),
  gaps: num,
  long: num,
  share_pct: num,
  team_share_pct: num,
  delta_pt: num,
  flagged: z.boolean(),
});
const findingsDto = (fs: Friction["developer"]): z.output<typeof finding>[] =>
  fs.map((f) => ({
    key: f.key,
    gaps: f.gaps,
    long: f.long,
    share_pct: f.sharePct,
    team_share_pct: f.teamSharePct,
    delta_pt: f.deltaPt,
    flagged: f.flagged,
  }));

const frictionSchema = z.strictObject({
  rule: z.strictObject({ max_gap_minutes: num, long_gap_minutes: num, margin_pt: num, min_gaps: num }),
  team: z.strictObject({ gaps: num, long: num, share_pct: num }),
  developer: z.array(finding),
  project: z.array(finding),
  model: z.array(finding),
});

const compareSide = z.strictObject({
  window: windowSchema.nullable(),
  covered: z.boolean(),
  values: kpiValuesSchema,
});
type Side = Extract<PeriodCompare, { ok: true }>["before"];
const sideDto = (s: Side): z.output<typeof compareSide> => ({
  window: windowDto(s.window),
  covered: s.covered,
  values: kpiValuesDto(s.values),
});

const compareSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  before: compareSide,
  after: compareSide,
  change: kpiValuesSchema.extend({
    sessions: num.nullable(),
    completed: num.nullable(),
    ai_hours: num.nullable(),
    human_hours: num.nullable(),
    time_saved_hours: num.nullable(),
    cost_saved: num.nullable(),
    roi_pct: num.nullable(),
    multiplier: num.nullable(),
    avg_effectiveness: num.nullable(),
  }),
});

/** What the summary route loads (each from the read model, for one scope). */
export interface SummaryInput {
  filters: DashboardFilters;
  assumptions: Assumptions;
  report: Slice;
  kpis: Kpis;
  method: RoiMethodView;
  friction: Friction;
  /** The compare-mode block, already checked to be valid (an invalid range is the route's 400). */
  compare: Extract<PeriodCompare, { ok: true }> | null;
}

/** The body of GET /api/v1/summary. */
export const summaryResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    ...kpiFields,
    assumptions: assumptionsSchema,
    ...reportFields,
    method: methodSchema,
    friction: frictionSchema,
    compare: compareSchema.optional().meta({ description: "Only with the `compare` parameter" }),
  }),
  (s: SummaryInput) => ({
    filters: filtersDto(s.filters),
    ...kpiFieldsDto(s.kpis),
    assumptions: {
      human_hourly_rate: s.assumptions.humanHourlyRate,
      ai_monthly_cost: s.assumptions.aiMonthlyCost,
      working_hours_per_month: s.assumptions.workingHoursPerMonth,
      oversight_ratio: s.assumptions.oversightRatio,
    },
    ...reportFieldsDto(s.report),
    method: methodDto(s.method),
    friction: {
      rule: {
        max_gap_minutes: s.friction.rule.maxGapMinutes,
        long_gap_minutes: s.friction.rule.longGapMinutes,
        margin_pt: s.friction.rule.marginPt,
        min_gaps: s.friction.rule.minGaps,
      },
      team: { gaps: s.friction.team.gaps, long: s.friction.team.long, share_pct: s.friction.team.sharePct },
      developer: findingsDto(s.friction.developer),
      project: findingsDto(s.friction.project),
      model: findingsDto(s.friction.model),
    },
    ...(s.compare
      ? {
          compare: {
            from: s.compare.from,
            to: s.compare.to,
            before: sideDto(s.compare.before),
            after: sideDto(s.compare.after),
            change: {
              sessions: s.compare.change.sessions,
              completed: s.compare.change.completed,
              ai_hours: s.compare.change.aiHours,
              human_hours: s.compare.change.humanHours,
              time_saved_hours: s.compare.change.timeSavedHours,
              cost_saved: s.compare.change.costSaved,
              roi_pct: s.compare.change.roiPct,
              multiplier: s.compare.change.multiplier,
              avg_effectiveness: s.compare.change.avgEffectiveness,
              success_rate_pct: s.compare.change.successRatePct,
            },
          },
        }
      : {}),
  }),
);
