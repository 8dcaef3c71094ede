/**
 * Adoption: who uses the tracker and how often — active developers per UTC day and week, active days per
 * developer, developers whose folder exists but who recorded nothing in the range, and days since each
 * developer's last session. One grouped pass over the window's sessions by (developer, day) gives every
 * windowed figure; the last session per developer is one index lookup each (GROUP BY on the
 * `(developer_id, start_ms)` index).
 */
import { sqlFor } from "@/lib/db/dialect";
import type { TimeWindow } from "@/lib/filters";
import { getDataSpan, queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { EVER, ONE_DEVELOPER, perDeveloper, rowFilters } from "./per-developer";
import { all, sessionScope, weekStartOf } from "./scope";

const DAY_MS = 86_400_000;
/** Most days the per-day series lists (the latest ones). */
export const ADOPTION_MAX_DAYS = 366;

/** One developer's adoption figures. Times are epoch ms UTC. */
export interface DeveloperAdoption {
  developer: string;
  /** Sessions in the range. */
  sessions: number;
  /** Distinct UTC days with a session start in the range. */
  activeDays: number;
  /** Start of the latest session at or before the request time (any date, the other filters apply). */
  lastSessionMs: number | null;
  /** Whole days from {@link lastSessionMs} to the request time; null when there is none. */
  daysSinceLast: number | null;
}

/** Adoption DTO. Days and weeks are UTC (`YYYY-MM-DD`, weeks by their Monday). */
export interface Adoption {
  window: TimeWindow | null;
  /** Developers with a folder in the shared root (after the developer filter). */
  developers: number;
  /** Developers with at least one session in the range. */
  active: number;
  perDay: { day: string; developers: number }[];
  perWeek: { week: string; developers: number }[];
  /** Every developer with a folder, most active days first (then name). */
  byDeveloper: DeveloperAdoption[];
  /** Developers with a folder and no session in the range (name order). */
  silent: string[];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Adoption figures for the filters at `nowMs` (memoised until the data changes). */
export async function getAdoption(input: FilteredInput): Promise<Adoption> {
  return memo(input.db, "adoption", [input.filters, input.nowMs], async () => await computeAdoption(input));
}

async function computeAdoption(input: FilteredInput): Promise<Adoption> {
  const { db, filters, nowMs } = input;
  const window = await queryWindow(input);
  const scope = sessionScope(filters, window);
  // Any date: "days since the last session" must not stop at the range's start.
  const undated = sessionScope(filters, null);
  // Each developer's days on their own, cached under their data version (per-developer.ts) and the
  // sessions of the two windows they read: the range, and every session up to the request time.
  const upToNow: TimeWindow = { fromMs: EVER, toMs: nowMs + 1 };
  const parts = await perDeveloper(
    db,
    "adoption",
    [rowFilters(filters)],
    filters.developer,
    async (dev) => ({
      cells: await all<{ dev: number; d: number | null; n: number }>(
        db,
        `SELECT s.developer_id AS dev, s.start_ms / 86400000 AS d, count(*) AS n
       FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} GROUP BY 1, 2`,
        [...scope.params, { dev }],
      ),
      last: await all<{ dev: number; last: number }>(
        db,
        `SELECT s.developer_id AS dev, max(s.start_ms) AS last FROM sessions s
       WHERE ${ONE_DEVELOPER} AND ${undated.sql} AND s.start_ms <= ? GROUP BY 1`,
        [...undated.params, nowMs, { dev }],
      ),
    }),
    [window, upToNow],
  );
  const cells = parts.flatMap((p) => p.cells);
  const last = parts.flatMap((p) => p.last);
  const folders = await all<{ id: number; name: string }>(
    db,
    `SELECT d.id, d.name FROM developers d
     WHERE EXISTS (SELECT 1 FROM sources src WHERE src.developer_id = d.id)${filters.developer ? " AND d.name = ?" : ""}
     ORDER BY ${sqlFor(db).sortKey("d.name", "ASC", { text: true })}`,
    filters.developer ? [filters.developer] : [],
  );

  const perDev = new Map<number, { sessions: number; days: number }>();
  const devsPerDay = new Map<number, Set<number>>();
  for (const c of cells) {
    const p = perDev.get(c.dev) ?? { sessions: 0, days: 0 };
    p.sessions += c.n;
    if (c.d !== null) {
      p.days += 1;
      const set = devsPerDay.get(c.d) ?? new Set<number>();
      set.add(c.dev);
      devsPerDay.set(c.d, set);
    }
    perDev.set(c.dev, p);
  }
  const lastBy = new Map(last.map((r) => [r.dev, r.last]));

  // The days of the range the data covers (not before the first record, not after the request time).
  const span = await getDataSpan(input);
  const dayNumbers = [...devsPerDay.keys()];
  let firstDay = dayNumbers.length ? Math.min(...dayNumbers) : null;
  let lastDay = dayNumbers.length ? Math.max(...dayNumbers) : null;
  if (span && window) {
    firstDay = Math.floor(Math.max(window.fromMs, span.firstMs) / DAY_MS);
    lastDay = Math.floor((Math.min(window.toMs, nowMs) - 1) / DAY_MS);
  }
  const perDay: Adoption["perDay"] = [];
  const devsPerWeek = new Map<number, Set<number>>();
  if (firstDay !== null && lastDay !== null) {
    for (let d = Math.max(firstDay, lastDay - ADOPTION_MAX_DAYS + 1); d <= lastDay; d++) {
      const set = devsPerDay.get(d);
      perDay.push({ day: isoDay(d * DAY_MS), developers: set?.size ?? 0 });
      const wk = weekStartOf(d * DAY_MS);
      const w = devsPerWeek.get(wk) ?? new Set<number>();
      for (const dev of set ?? []) w.add(dev);
      devsPerWeek.set(wk, w);
    }
  }
  const perWeek = [...devsPerWeek].map(([wk, set]) => ({ week: isoDay(wk), developers: set.size }));

  const byDeveloper: DeveloperAdoption[] = folders.map((f) => {
    const p = perDev.get(f.id);
    const lastMs = lastBy.get(f.id) ?? null;
    return {
      developer: f.name,
      sessions: p?.sessions ?? 0,
      activeDays: p?.days ?? 0,
      lastSessionMs: lastMs,
      daysSinceLast: lastMs === null ? null : Math.floor((nowMs - lastMs) / DAY_MS),
    };
  });
  byDeveloper.sort((a, b) => b.activeDays - a.activeDays || a.developer.localeCompare(b.developer));
  return {
    window,
    developers: folders.length,
    active: byDeveloper.filter((d) => d.sessions > 0).length,
    perDay,
    perWeek,
    byDeveloper,
    silent: byDeveloper
      .filter((d) => d.sessions === 0)
      .map((d) => d.developer)
      .sort((a, b) => a.localeCompare(b)),
  };
}
