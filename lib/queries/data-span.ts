/**
 * The span of time the data covers, and the query window clamped to it. A custom range is free text in
 * the URL (`from=0000-01-01`), and a range's length must never decide how much work a request does (a
 * bucket per week from year 0 took 18 s and 2 GB): every windowed read model takes its window from
 * {@link queryWindow}, and the trend's buckets are bounded by the data's span (see `get-trend.ts`).
 */
import type { Store } from "@/lib/db/store";
import { type DashboardFilters, resolveWindow, type TimeWindow } from "@/lib/filters";
import { memo } from "./memo";
import { get } from "./scope";

const DAY_MS = 86_400_000;

/** First and last record time in the database (epoch ms, UTC). */
export interface DataSpan {
  firstMs: number;
  lastMs: number;
}

/**
 * First and last time of any session start or request (the two record kinds a window selects on;
 * interactions and issues follow their sessions), or null when the database holds none. Two index
 * lookups per table; memoised until the data changes.
 */
export function getDataSpan({ db }: { db: Store }): Promise<DataSpan | null> {
  return memo(db, "dataSpan", [], async () => {
    const row = await get<{ f: number | null; l: number | null }>(
      db,
      // One min() or max() per SELECT: only then does SQLite answer it from the index's ends.
      `SELECT min(f) AS f, max(l) AS l FROM (
         SELECT (SELECT min(start_ms) FROM sessions) AS f, (SELECT max(start_ms) FROM sessions) AS l
         UNION ALL SELECT (SELECT min(ts_ms) FROM requests), (SELECT max(ts_ms) FROM requests))`,
    );
    return row && row.f !== null && row.l !== null ? { firstMs: row.f, lastMs: row.l } : null;
  });
}

/**
 * A custom range clamped to whole UTC days of the data's span: `from` before the first record becomes
 * the first record's day, `to` after the last one its day's end. Selects exactly the same records as
 * the unclamped window. A range that misses the data (or no data) becomes an empty window at its start.
 */
export function clampToData(w: TimeWindow, span: DataSpan | null): TimeWindow {
  if (!span) return { fromMs: w.fromMs, toMs: w.fromMs };
  const firstDay = Math.floor(span.firstMs / DAY_MS) * DAY_MS;
  const lastDayEnd = Math.floor(span.lastMs / DAY_MS) * DAY_MS + DAY_MS;
  const fromMs = Math.max(w.fromMs, firstDay);
  const toMs = Math.min(w.toMs, lastDayEnd);
  return fromMs <= toMs ? { fromMs, toMs } : { fromMs, toMs: fromMs };
}

/**
 * The window the read models query for `filters` at `nowMs`: presets as {@link resolveWindow} gives
 * them (at most 90 days), a custom range clamped to the data ({@link clampToData}), null for all time.
 */
export async function queryWindow(input: {
  db: Store;
  filters: DashboardFilters;
  nowMs: number;
}): Promise<TimeWindow | null> {
  const w = resolveWindow(input.filters, input.nowMs);
  if (!w || input.filters.range !== "custom") return w;
  return clampToData(w, await getDataSpan(input));
}
