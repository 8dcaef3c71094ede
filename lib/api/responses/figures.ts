/**
 * Schemas and mappings shared by the figure resources (summary, developers, developers/{name}): the
 * filters echo, time windows, upstream's report blocks and the KPI values. Upstream's blocks (`roi`,
 * `outcome_roi`, `gaps`, `effectiveness`, `tokens`) are snake_case already and are passed through
 * untouched, so their figures are exactly the stats package's (only `gaps.byDeveloper` is renamed).
 */
import { z } from "zod";
import type { WithheldSummary } from "@/lib/auth/privacy";
import type { DashboardFilters, TimeWindow } from "@/lib/filters";
import { OUTCOME_FILTERS, RANGE_PRESETS } from "@/lib/filters";
import type { Kpis, KpiValues } from "@/lib/queries/get-kpis";
import type { Slice } from "@/lib/queries/slices";

const num = z.number();
const ms = z.number().meta({ description: "Epoch milliseconds (UTC)" });

/** The filters the figures were computed for (after the route's own overrides). */
export const filtersSchema = z.strictObject({
  range: z.enum(RANGE_PRESETS),
  from: z.string().optional(),
  to: z.string().optional(),
  developer: z.string().optional(),
  project: z.string().optional(),
  model: z.string().optional(),
  task: z.string().optional(),
  outcome: z.enum(OUTCOME_FILTERS).optional(),
  compare: z.string().optional(),
});

/** The filters echo: the URL filters only (named one by one: anything else a scope carries stays out). */
export const filtersDto = (f: DashboardFilters): z.output<typeof filtersSchema> => ({
  range: f.range,
  from: f.from,
  to: f.to,
  developer: f.developer,
  project: f.project,
  model: f.model,
  task: f.task,
  outcome: f.outcome,
  compare: f.compare,
});

/** A half-open UTC window `[from_ms, to_ms)`. */
export const windowSchema = z.strictObject({ from_ms: ms, to_ms: ms });

/** A window's DTO; null stays null (all time). */
export const windowDto = (w: TimeWindow | null): z.output<typeof windowSchema> | null =>
  w && { from_ms: w.fromMs, to_ms: w.toMs };

/** The KPI cards' figures. Hours are durations, money USD, percentages 0–100. */
export const kpiValuesSchema = z.strictObject({
  sessions: num,
  completed: num,
  ai_hours: num,
  human_hours: num,
  time_saved_hours: num,
  cost_saved: num,
  roi_pct: num,
  multiplier: num,
  avg_effectiveness: num,
  success_rate_pct: num.nullable(),
});

/** KPI values' DTO. */
export const kpiValuesDto = (v: KpiValues): z.output<typeof kpiValuesSchema> => ({
  sessions: v.sessions,
  completed: v.completed,
  ai_hours: v.aiHours,
  human_hours: v.humanHours,
  time_saved_hours: v.timeSavedHours,
  cost_saved: v.costSaved,
  roi_pct: v.roiPct,
  multiplier: v.multiplier,
  avg_effectiveness: v.avgEffectiveness,
  success_rate_pct: v.successRatePct,
});

/** The KPI fields of a figures body: the window, the values and the previous period's. */
export const kpiFields = {
  window: windowSchema.nullable(),
  kpis: kpiValuesSchema,
  previous: kpiValuesSchema.nullable().meta({ description: "Null unless `comparison` is previous" }),
  comparison: z.enum(["previous", "no_comparable_period", "unbounded"]),
  previous_window: windowSchema.nullable(),
};

/** {@link kpiFields} of the KPI loader's result. */
export const kpiFieldsDto = (k: Kpis) => ({
  window: windowDto(k.window),
  kpis: kpiValuesDto(k.current),
  previous: k.previous && kpiValuesDto(k.previous),
  comparison: k.comparison,
  previous_window: windowDto(k.previousWindow),
});

const outcomeCounts = z.strictObject({ success: num, partial: num, failed: num, other: num });

/** Upstream's report blocks of one slice (its `calculate_roi_metrics` dict and friends). */
export const reportFields = {
  sessions: num.meta({ description: "Sessions in scope (every status and task type)" }),
  completed_all: num.meta({ description: "Completed sessions, human_review included" }),
  roi: z.strictObject({
    time_metrics: z.strictObject({
      total_ai_minutes: num,
      total_ai_hours: num,
      estimated_human_hours: num,
      time_saved_hours: num,
      completed_sessions: num,
    }),
    cost_metrics: z.strictObject({
      human_baseline_cost: num,
      ai_subscription_cost: num,
      oversight_cost: num,
      total_ai_cost: num,
      cost_saved: num,
      roi_percentage: num,
      productivity_multiplier: num,
    }),
    productivity_metrics: z.strictObject({
      total_interactions: num,
      average_effectiveness: num,
      interactions_per_session: num,
    }),
    config: z.strictObject({ human_hourly_rate: num, ai_monthly_cost: num, ai_hourly_rate: num }),
  }),
  outcome_roi: z.strictObject({
    completed_sessions: num,
    by_outcome: outcomeCounts,
    human_value_hours: num,
    ai_hours: num,
    human_value_cost: num,
    total_ai_cost: num,
    cost_saved: num,
    roi_percentage: num,
  }),
  gaps: z.strictObject({
    total_gaps: num,
    average_gap_minutes: num,
    by_classification: z.strictObject({ quick: num, normal: num, extended: num, long_break: num }),
    friction_indicators: z.array(z.string()),
    by_developer: z.array(
      z.strictObject({
        developer: z.string(),
        total_gaps: num,
        average_gap_minutes: num,
        friction_indicators: z.array(z.string()),
      }),
    ),
  }),
  effectiveness: z.strictObject({
    distribution: z.strictObject({ 1: num, 2: num, 3: num, 4: num, 5: num }),
    average: num,
    count: num,
  }),
  tokens: z.strictObject({
    token_stats: z.strictObject({
      total_in: num,
      total_out: num,
      turns: num,
      avg_in_per_turn: num,
      avg_out_per_turn: num,
      peak_in: num,
      peak_out: num,
    }),
    cache_stats: z.strictObject({ hit_rate_pct: num, total_cached: num, total_new: num }),
    context_stats: z.strictObject({ peak_utilization_pct: num, compactions: num }),
  }),
};

/** {@link reportFields} of a slice: upstream's blocks as computed (`roi` untouched). */
export const reportFieldsDto = (s: Slice) => {
  const { byDeveloper, ...gaps } = s.gaps;
  return {
    sessions: s.sessions,
    completed_all: s.completedAll,
    roi: s.roi,
    outcome_roi: s.outcomeRoi,
    gaps: { ...gaps, by_developer: byDeveloper },
    effectiveness: s.effectiveness,
    tokens: s.tokens,
  };
};

/** What member privacy withheld from a list or breakdown (null: nothing, or an admin/lead caller). */
export const withheldSchema = z
  .strictObject({
    rows: num.meta({
      description: "Rows left out: each would expose fewer than min_group_size other people",
    }),
    min_group_size: num,
    reason: z.string(),
  })
  .nullable();

/** {@link withheldSchema} of the read model's summary. */
export const withheldDto = (w: WithheldSummary | null): z.output<typeof withheldSchema> =>
  w && { rows: w.rows, min_group_size: w.minGroupSize, reason: w.reason };
