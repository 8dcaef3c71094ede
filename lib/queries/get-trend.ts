/**
 * Time series of the filtered sessions: sessions and time saved per bucket, overall or per developer
 * (sparklines). The bucket size follows the length of the span plotted (`trend-buckets.ts`: days up to a
 * month, weeks up to ~6 months, months beyond); a bucket the range (or the data, or the request time)
 * covers only in part is marked `partial` with its `coverage`, so a half week never reads as a collapse.
 * Bucketing and sums run in SQL; time saved comes from the stats package's ROI over each bucket's totals.
 */
import { calculateRoiFromTotals } from "ai-session-tracker-mcp/stats";
import { sqlFor } from "@/lib/db/dialect";
import type { TimeWindow } from "@/lib/filters";
import { getDataSpan, queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper, rowFilters } from "./per-developer";
import { all, PRODUCTIVE_COMPLETED, sessionScope } from "./scope";
import { developerNames } from "./slices";
import {
  bucketCoverage,
  bucketForSpan,
  bucketStartSql,
  bucketsBetween,
  MAX_BUCKETS,
  nextBucketStart,
  type TrendBucket,
} from "./trend-buckets";

/** One bucket of a trend. Times epoch ms, UTC. */
export interface BucketPoint {
  startMs: number;
  /** Start of the next bucket (exclusive end). */
  endMs: number;
  /** ISO date of the bucket's first day ("2026-03-02"). */
  start: string;
  sessions: number;
  completed: number;
  /** Hours saved (estimated human hours − AI hours of productive completed sessions), 2 dp. */
  timeSavedHours: number;
  costSaved: number;
  /** True when the range covers only part of the bucket (see `coverage`). */
  partial: boolean;
  /** Share 0–1 of the bucket inside the range, the data and the request time. */
  coverage: number;
}

/** A trend: its bucket size and the points. */
export interface TrendSeries {
  bucket: TrendBucket;
  points: BucketPoint[];
}

/** One week of the weekly trend (the per-developer sparklines). `weekStartMs` is Monday 00:00 UTC. */
export interface TrendPoint extends BucketPoint {
  weekStartMs: number;
  /** ISO date of the Monday ("2026-03-02"). */
  week: string;
}

interface Row {
  k: string | number;
  b: number;
  n: number;
  pcn: number;
  ai: number;
  hm: number;
}

/** Most weekly buckets one series has (kept for callers of the weekly trend). */
export const MAX_TREND_WEEKS = MAX_BUCKETS.week;

const WEEK_MS = 604_800_000;

/**
 * The span plotted and the span covered (for partial flags: inside the range, the data and the request
 * time) of the filters, or null without data. The comparison table's sparklines use the covered span too.
 */
export async function plotSpan(input: FilteredInput, window: TimeWindow | null) {
  const span = await getDataSpan(input);
  if (!span) return null;
  // Buckets span the data in range, never the range asked for alone: they start no earlier than the
  // first record and no series runs past a week after the request time (a future-dated row cannot
  // stretch it). The covered span ends at the request time: a bucket still running is partial.
  const horizon = input.nowMs + WEEK_MS;
  const fromMs = Math.max(window?.fromMs ?? span.firstMs, span.firstMs);
  const toMs = Math.min(window?.toMs ?? span.lastMs + 1, horizon);
  const covered = { fromMs, toMs: Math.min(window?.toMs ?? input.nowMs, input.nowMs) };
  return { fromMs, toMs: Math.max(fromMs, toMs), covered };
}

/** Every developer's rows of a bucket added up into one row keyed "" (bucket order). */
function addBuckets(rows: readonly Row[]): Row[] {
  const out = new Map<number, Row>();
  for (const r of rows) {
    const m = out.get(r.b);
    out.set(
      r.b,
      m ? { ...m, n: m.n + r.n, pcn: m.pcn + r.pcn, ai: m.ai + r.ai, hm: m.hm + r.hm } : { ...r, k: "" },
    );
  }
  return [...out.values()].sort((a, b) => a.b - b.b);
}

function series(
  rows: readonly Row[],
  buckets: readonly number[],
  bucket: TrendBucket,
  covered: TimeWindow,
  input: FilteredInput,
): BucketPoint[] {
  const byBucket = new Map(rows.map((r) => [r.b, r]));
  return buckets.map((b) => {
    const r = byBucket.get(b);
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
    const coverage = bucketCoverage(b, bucket, covered);
    return {
      startMs: b,
      endMs: nextBucketStart(b, bucket),
      start: new Date(b).toISOString().slice(0, 10),
      sessions: r?.n ?? 0,
      completed: r?.pcn ?? 0,
      timeSavedHours: roi.time_metrics.time_saved_hours,
      costSaved: roi.cost_metrics.cost_saved,
      partial: coverage < 1,
      coverage: Math.round(coverage * 1000) / 1000,
    };
  });
}

async function query(input: FilteredInput, byDeveloper: boolean, bucketAsked: TrendBucket | "auto") {
  const window = await queryWindow(input);
  const plot = await plotSpan(input, window);
  const bucket = bucketAsked === "auto" ? bucketForSpan(plot ? plot.toMs - plot.fromMs : 0) : bucketAsked;
  const scope = sessionScope(input.filters, window);
  // Each developer's buckets on their own, cached under their data version (per-developer.ts); the
  // overall series adds the developers' rows of a bucket up.
  const parts = await perDeveloper(
    input.db,
    "trend",
    [rowFilters(input.filters), bucket],
    input.filters.developer,
    async (dev) =>
      await all<Row>(
        input.db,
        `SELECT s.developer_id AS k, ${bucketStartSql("s.start_ms", bucket, sqlFor(input.db))} AS b, count(*) AS n,
         sum(CASE WHEN ${PRODUCTIVE_COMPLETED.sql} THEN 1 ELSE 0 END) AS pcn,
         COALESCE(sum(CASE WHEN ${PRODUCTIVE_COMPLETED.sql} THEN s.duration_minutes END), 0) AS ai,
         COALESCE(sum(CASE WHEN ${PRODUCTIVE_COMPLETED.sql} THEN s.estimate_minutes END), 0) AS hm
       FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} AND s.start_ms IS NOT NULL GROUP BY 1, 2 ORDER BY 2`,
        [
          ...PRODUCTIVE_COMPLETED.params,
          ...PRODUCTIVE_COMPLETED.params,
          ...PRODUCTIVE_COMPLETED.params,
          ...scope.params,
          { dev },
        ],
      ),
    [window],
  );
  const rows = byDeveloper ? parts.flat() : addBuckets(parts.flat());
  let buckets: number[] = [];
  if (plot && window) buckets = bucketsBetween(plot.fromMs, plot.toMs, bucket);
  else if (plot && rows.length) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const r of rows) {
      lo = Math.min(lo, r.b);
      hi = Math.max(hi, r.b);
    }
    buckets = bucketsBetween(lo, Math.min(hi + 1, input.nowMs + WEEK_MS), bucket);
  }
  const covered = plot?.covered ?? { fromMs: 0, toMs: 0 };
  return { rows, buckets, bucket, covered };
}

/** Sessions and time saved per bucket for the filters, the bucket size chosen by the span's length. */
export async function getTrend(input: FilteredInput): Promise<TrendSeries> {
  return memo(input.db, "trendAuto", [input.filters, input.nowMs, input.assumptions ?? null], async () => {
    const { rows, buckets, bucket, covered } = await query(input, false, "auto");
    return { bucket, points: series(rows, buckets, bucket, covered, input) };
  });
}

const weekly = (points: BucketPoint[]): TrendPoint[] =>
  points.map((p) => ({ ...p, weekStartMs: p.startMs, week: p.start }));

/** Weekly sessions and time saved for the filters (every week of the range, empty weeks as 0). */
export async function getWeeklyTrend(input: FilteredInput): Promise<TrendPoint[]> {
  return memo(input.db, "trend", [input.filters, input.nowMs, input.assumptions ?? null], async () => {
    const { rows, buckets, covered } = await query(input, false, "week");
    return weekly(series(rows, buckets, "week", covered, input));
  });
}

/**
 * The weekly series per developer (name → points), for the Developers table's sparklines. A sparkline
 * should leave out `partial` weeks: a week the range only half covers would end it in a fake drop.
 */
export async function getWeeklyTrendByDeveloper(input: FilteredInput): Promise<Map<string, TrendPoint[]>> {
  return memo(
    input.db,
    "trendByDeveloper",
    [input.filters, input.nowMs, input.assumptions ?? null],
    async () => trendByDeveloper(input),
  );
}

async function trendByDeveloper(input: FilteredInput): Promise<Map<string, TrendPoint[]>> {
  const { rows, buckets, covered } = await query(input, true, "week");
  const names = await developerNames(input);
  const grouped = new Map<string, Row[]>();
  for (const r of rows) {
    const name = names.get(Number(r.k)) ?? String(r.k);
    const list = grouped.get(name) ?? [];
    list.push(r);
    grouped.set(name, list);
  }
  return new Map(
    [...grouped].map(([name, rs]) => [name, weekly(series(rs, buckets, "week", covered, input))]),
  );
}
