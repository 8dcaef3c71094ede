/**
 * Overview KPI cards: the headline report figures of the filtered sessions, and the same figures for
 * the previous period of equal length (for "change vs previous period").
 */
import type { Assumptions } from "ai-session-tracker-mcp/stats";
import type { PortalDb } from "@/lib/db/client";
import { type DashboardFilters, previousWindow, resolveWindow, type TimeWindow } from "@/lib/filters";
import { queryWindow } from "./data-span";
import { computeTotals, type Slice } from "./slices";

/** The ten headline figures. Hours are durations, money USD, percentages 0–100. */
export interface KpiValues {
  sessions: number;
  /** Productive completed sessions (upstream report's "Completed sessions"). */
  completed: number;
  aiHours: number;
  humanHours: number;
  timeSavedHours: number;
  costSaved: number;
  roiPct: number;
  multiplier: number;
  /** Average effectiveness 1–5 (upstream's 2-dp value). */
  avgEffectiveness: number;
  /** Share of productive completed sessions whose outcome is success; null when none. */
  successRatePct: number | null;
}

/** KPI cards DTO. */
export interface Kpis {
  window: TimeWindow | null;
  previousWindow: TimeWindow | null;
  current: KpiValues;
  /** Null when the range is unbounded ("All time"). */
  previous: KpiValues | null;
}

/** Maps a report slice to the KPI figures (all taken from the stats package's results). */
export function kpiValues(s: Slice): KpiValues {
  const { time_metrics: t, cost_metrics: c, productivity_metrics: p } = s.roi;
  const o = s.outcomeRoi;
  return {
    sessions: s.sessions,
    completed: t.completed_sessions,
    aiHours: t.total_ai_hours,
    humanHours: t.estimated_human_hours,
    timeSavedHours: t.time_saved_hours,
    costSaved: c.cost_saved,
    roiPct: c.roi_percentage,
    multiplier: c.productivity_multiplier,
    avgEffectiveness: p.average_effectiveness,
    successRatePct: o.completed_sessions ? (o.by_outcome.success / o.completed_sessions) * 100 : null,
  };
}

/**
 * KPI figures for the filters at `nowMs`, with the previous period's. Pass `current` when the caller
 * already holds the report slice of the same filters (saves computing it twice).
 */
export function getKpis(input: {
  db: PortalDb;
  filters: DashboardFilters;
  nowMs: number;
  assumptions?: Partial<Assumptions>;
  current?: Slice;
}): Kpis {
  const window = queryWindow(input);
  // A custom range reaching back before the first record means "everything since": like all time, it
  // has no earlier period to compare with (the clamp would otherwise invent an empty one).
  const asked = resolveWindow(input.filters, input.nowMs);
  const prev = window && asked && window.fromMs > asked.fromMs ? null : previousWindow(window);
  const current = kpiValues(input.current ?? computeTotals({ ...input, window }));
  const previous = prev ? kpiValues(computeTotals({ ...input, window: prev })) : null;
  return { window, previousWindow: prev, current, previous };
}
