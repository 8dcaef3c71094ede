/**
 * Weekly time series (UTC weeks starting Monday) of the filtered sessions: sessions and time saved per
 * week, overall or per developer (sparklines). Bucketing and sums run in SQL; time saved comes from the
 * stats package's ROI over each week's totals.
 */
import { calculateRoiFromTotals } from "ai-session-tracker-mcp/stats";
import { getDataSpan, queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, PRODUCTIVE_COMPLETED, sessionScope, weekStartOf, weekStartSql } from "./scope";
import { developerNames } from "./slices";

/** One week of the trend. `weekStartMs` is Monday 00:00 UTC. */
export interface TrendPoint {
  weekStartMs: number;
  /** ISO date of the Monday ("2026-03-02"). */
  week: string;
  sessions: number;
  completed: number;
  /** Hours saved (estimated human hours − AI hours of productive completed sessions), 2 dp. */
  timeSavedHours: number;
  costSaved: number;
}

interface Row {
  k: string | number;
  wk: number;
  n: number;
  pcn: number;
  ai: number;
  hm: number;
}

const WEEK_MS = 604_800_000;

/**
 * Most buckets one series has: 50 years of weeks, more than the ingest's bounds (2000-01-01 to a day
 * after the ingest) let real data span, so it only ever cuts data stored before those bounds existed.
 */
export const MAX_TREND_WEEKS = 2_609;

/** Mondays of the weeks overlapping `[fromMs, toMs)`, the latest {@link MAX_TREND_WEEKS} of them. */
function weeksBetween(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  const first = Math.max(weekStartOf(fromMs), weekStartOf(toMs - 1) - (MAX_TREND_WEEKS - 1) * WEEK_MS);
  for (let w = first; w < toMs; w += WEEK_MS) out.push(w);
  return out;
}

function series(rows: readonly Row[], weeks: readonly number[], input: FilteredInput): TrendPoint[] {
  const byWeek = new Map(rows.map((r) => [r.wk, r]));
  return weeks.map((wk) => {
    const r = byWeek.get(wk);
    const roi = calculateRoiFromTotals(
      {
        completedSessions: r?.pcn ?? 0,
        aiMinutes: r?.ai ?? 0,
        humanMinutes: r?.hm ?? 0,
        oversightGapMinutes: 0,
        totalInteractions: 0,
        ratingIntSum: 0,
      },
      input.assumptions,
    );
    return {
      weekStartMs: wk,
      week: new Date(wk).toISOString().slice(0, 10),
      sessions: r?.n ?? 0,
      completed: r?.pcn ?? 0,
      timeSavedHours: roi.time_metrics.time_saved_hours,
      costSaved: roi.cost_metrics.cost_saved,
    };
  });
}

function query(input: FilteredInput, byDeveloper: boolean) {
  const window = queryWindow(input);
  const scope = sessionScope(input.filters, window);
  const rows = all<Row>(
    input.db,
    `SELECT ${byDeveloper ? "s.developer_id" : "''"} AS k, ${weekStartSql("s.start_ms")} AS wk, count(*) AS n,
       sum(${PRODUCTIVE_COMPLETED.sql}) AS pcn,
       total(CASE WHEN ${PRODUCTIVE_COMPLETED.sql} THEN s.duration_minutes END) AS ai,
       total(CASE WHEN ${PRODUCTIVE_COMPLETED.sql} THEN s.estimate_minutes END) AS hm
     FROM sessions s WHERE ${scope.sql} AND s.start_ms IS NOT NULL GROUP BY 1, 2 ORDER BY 2`,
    [
      ...PRODUCTIVE_COMPLETED.params,
      ...PRODUCTIVE_COMPLETED.params,
      ...PRODUCTIVE_COMPLETED.params,
      ...scope.params,
    ],
  );
  // Buckets span the data in range, never the range asked for alone: a window's weeks start no earlier
  // than the first record (a preset keeps its empty weeks when the data began before it), and no series
  // runs past a week after the request time (a future-dated row cannot stretch it), within the cap.
  const horizon = input.nowMs + WEEK_MS;
  const span = getDataSpan(input);
  let weeks: number[] = [];
  if (span && window) {
    weeks = weeksBetween(Math.max(window.fromMs, span.firstMs), Math.min(window.toMs, horizon));
  } else if (span && rows.length) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const r of rows) {
      lo = Math.min(lo, r.wk);
      hi = Math.max(hi, r.wk);
    }
    weeks = weeksBetween(lo, Math.min(hi + 1, horizon));
  }
  return { rows, weeks };
}

/** Weekly sessions and time saved for the filters (every week of the range, empty weeks as 0). */
export function getWeeklyTrend(input: FilteredInput): TrendPoint[] {
  return memo(input.db, "trend", [input.filters, input.nowMs, input.assumptions ?? null], () => {
    const { rows, weeks } = query(input, false);
    return series(rows, weeks, input);
  });
}

/** The weekly series per developer (name → points), for the Developers table's sparklines. */
export function getWeeklyTrendByDeveloper(input: FilteredInput): Map<string, TrendPoint[]> {
  return memo(input.db, "trendByDeveloper", [input.filters, input.nowMs, input.assumptions ?? null], () =>
    trendByDeveloper(input),
  );
}

function trendByDeveloper(input: FilteredInput): Map<string, TrendPoint[]> {
  const { rows, weeks } = query(input, true);
  const names = developerNames(input);
  const grouped = new Map<string, Row[]>();
  for (const r of rows) {
    const name = names.get(Number(r.k)) ?? String(r.k);
    const list = grouped.get(name) ?? [];
    list.push(r);
    grouped.set(name, list);
  }
  return new Map([...grouped].map(([name, rs]) => [name, series(rs, weeks, input)]));
}
