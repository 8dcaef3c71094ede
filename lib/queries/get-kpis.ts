/**
 * Overview KPI cards: the headline report figures of the filtered sessions, and the same figures for
 * the previous period of equal length (for "change vs previous period") — only where the data covers
 * that period: the first record the filters select (date aside) must be at or before the previous
 * period's start (by UTC day, {@link coversFrom}). Otherwise the change would be against an empty or half-empty period (a green ▲ for
 * every figure on a 90-day range of 90 days of data), and the cards say "no comparable period".
 */
import type { Assumptions } from "ai-session-tracker-mcp/stats";
import type { Store } from "@/lib/db/store";
import { type DashboardFilters, previousWindow, resolveWindow, type TimeWindow } from "@/lib/filters";
import { queryWindow } from "./data-span";
import { memo } from "./memo";
import { get, sessionScope } from "./scope";
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

/**
 * Whether the KPIs carry a change: "previous" (the data covers the previous period),
 * "no_comparable_period" (it does not), "unbounded" (all time, or a range reaching back before the data).
 */
export type KpiComparison = "previous" | "no_comparable_period" | "unbounded";

/** KPI cards DTO. */
export interface Kpis {
  window: TimeWindow | null;
  /** The period of equal length before the window (null when unbounded), whether covered or not. */
  previousWindow: TimeWindow | null;
  comparison: KpiComparison;
  current: KpiValues;
  /** The previous period's figures; null unless `comparison` is "previous". */
  previous: KpiValues | null;
}

const DAY_MS = 86_400_000;

/**
 * Whether data starting at `firstMs` covers a period from `fromMs`: its first record's UTC day begins at
 * or before that start (a custom range is whole days; a first session at 09:00 covers its day).
 */
export function coversFrom(firstMs: number | null, fromMs: number): boolean {
  return firstMs !== null && Math.floor(firstMs / DAY_MS) * DAY_MS <= fromMs;
}

/**
 * Start (epoch ms) of the first session the filters select, the date range aside; null when none.
 * One index lookup for a developer / project / model / task filter; memoised until the data changes.
 */
export async function firstRecordMs(input: { db: Store; filters: DashboardFilters }): Promise<number | null> {
  return memo(input.db, "firstRecord", [input.filters], async () => {
    const scope = sessionScope(input.filters, null);
    return (
      (
        await get<{ f: number | null }>(
          input.db,
          `SELECT min(s.start_ms) AS f FROM sessions s WHERE ${scope.sql}`,
          scope.params,
        )
      )?.f ?? null
    );
  });
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
export async function getKpis(input: {
  db: Store;
  filters: DashboardFilters;
  nowMs: number;
  assumptions?: Partial<Assumptions>;
  current?: Slice;
}): Promise<Kpis> {
  const window = await queryWindow(input);
  // A custom range reaching back before the first record means "everything since": like all time, it
  // has no earlier period to compare with (the clamp would otherwise invent an empty one).
  const asked = resolveWindow(input.filters, input.nowMs);
  const prev = window && asked && window.fromMs > asked.fromMs ? null : previousWindow(window);
  const first = prev ? await firstRecordMs(input) : null;
  const comparison: KpiComparison = !prev
    ? "unbounded"
    : coversFrom(first, prev.fromMs)
      ? "previous"
      : "no_comparable_period";
  const current = kpiValues(input.current ?? (await computeTotals({ ...input, window })));
  const previous =
    comparison === "previous" && prev ? kpiValues(await computeTotals({ ...input, window: prev })) : null;
  return { window, previousWindow: prev, comparison, current, previous };
}
