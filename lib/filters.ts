/**
 * Dashboard filters as they live in the URL (`?range=30d&developer=alice&model=…`), parsed once by zod
 * at the page or route edge, and turned back into query strings so every link keeps them.
 * Times are UTC; a custom range `from`/`to` is a pair of calendar days, both included.
 */
import { z } from "zod";
import { calendarDayMs, NO_PROJECT } from "@/lib/filter-values";
import { date } from "@/lib/format";

/** Date range choices: rolling presets, everything, or a custom pair of days. */
export const RANGE_PRESETS = ["7d", "30d", "90d", "all", "custom"] as const;
/** One of {@link RANGE_PRESETS}. */
export type RangePreset = (typeof RANGE_PRESETS)[number];
/** Range used when the URL names none. */
export const DEFAULT_RANGE: RangePreset = "30d";

/** Outcome filter values; `none` = sessions without an outcome (active or never rated). */
export const OUTCOME_FILTERS = ["success", "partial", "failed", "none"] as const;
/** One of {@link OUTCOME_FILTERS}. */
export type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

const DAY_MS = 86_400_000;
const PRESET_DAYS: Record<"7d" | "30d" | "90d", number> = { "7d": 7, "30d": 30, "90d": 90 };

export { type CustomRangeProblem, calendarDayMs, customRangeProblem, NO_PROJECT } from "@/lib/filter-values";

/** Longest filter value kept from a URL (longer names cannot be filtered on, so lists leave them out). */
export const FILTER_VALUE_MAX = 200;

/** A URL value: first of repeated keys, trimmed; empty, or over 200 characters (no real name is), means "not set". */
const param = z.preprocess((v) => {
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first !== "string") return undefined;
  const t = first.trim();
  return t === "" ? undefined : t;
}, z.string().max(FILTER_VALUE_MAX).optional().catch(undefined));

const day = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v),
  z
    .string()
    .refine((s) => calendarDayMs(s) !== null)
    .optional()
    .catch(undefined),
);

/** Zod schema of the filter search params; invalid values fall back to "not set" instead of failing. */
export const dashboardFiltersSchema = z.object({
  range: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(RANGE_PRESETS).catch(DEFAULT_RANGE)),
  from: day,
  to: day,
  developer: param,
  project: param,
  model: param,
  task: param,
  outcome: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z.enum(OUTCOME_FILTERS).optional().catch(undefined),
  ),
  /** Compare mode's "before" range, raw (`2026-09-01..2026-09-30`); validated by lib/compare-range.ts. */
  compare: param,
});

/** Parsed dashboard filters. */
export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

/** The filter keys carried in URLs, in display order. */
export const FILTER_KEYS = [
  "range",
  "from",
  "to",
  "developer",
  "project",
  "model",
  "task",
  "outcome",
  "compare",
] as const;

/** Search params as Next passes them (`await searchParams`) or as URLSearchParams. */
export type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

function toRecord(input: SearchParamsInput): Record<string, string | string[] | undefined> {
  if (!(input instanceof URLSearchParams)) return input;
  const out: Record<string, string> = {};
  for (const [k, v] of input) if (!(k in out)) out[k] = v;
  return out;
}

/** Parses filters from search params; never throws (bad values are dropped). */
export function parseFilters(input: SearchParamsInput): DashboardFilters {
  // Every field falls back on its own (`.catch`), so this parse cannot fail on any search params;
  // a non-object (a caller's bug) still falls back to the defaults rather than becoming a 500.
  const parsed = dashboardFiltersSchema.safeParse(toRecord(input));
  const f = parsed.success ? parsed.data : dashboardFiltersSchema.parse({});
  // `/none` (NO_PROJECT) selects the sessions without a project, whose stored project is "".
  const g = f.project === NO_PROJECT ? { ...f, project: "" } : f;
  // A custom range needs at least one day; otherwise fall back to the default preset.
  if (g.range === "custom" && !g.from && !g.to) return { ...g, range: DEFAULT_RANGE };
  return g;
}

/** A half-open UTC window `[fromMs, toMs)` in epoch milliseconds. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/**
 * The window the filters select at `nowMs`, or null for "all time". Presets end at `nowMs`; a custom
 * range covers whole UTC days from `from` 00:00 through `to` 24:00 (a missing end is open-ended).
 */
export function resolveWindow(f: DashboardFilters, nowMs: number): TimeWindow | null {
  if (f.range === "all") return null;
  if (f.range === "custom") {
    const fromMs = f.from ? Date.parse(`${f.from}T00:00:00Z`) : 0;
    const toMs = f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY_MS : 8.64e15;
    return fromMs <= toMs ? { fromMs, toMs } : { fromMs: toMs - DAY_MS, toMs: fromMs + DAY_MS };
  }
  return { fromMs: nowMs - PRESET_DAYS[f.range] * DAY_MS, toMs: nowMs };
}

/** The window of equal length just before `w` (for "change vs previous period"); null if unbounded. */
export function previousWindow(w: TimeWindow | null): TimeWindow | null {
  if (!w || w.fromMs <= 0 || w.toMs >= 8.64e15) return null;
  const len = w.toMs - w.fromMs;
  return { fromMs: w.fromMs - len, toMs: w.fromMs };
}

/** Human label of the selected range ("Last 30 days", "All time", "1 Mar 2026 – 31 Mar 2026"). */
export function describeRange(f: DashboardFilters): string {
  switch (f.range) {
    case "7d":
      return "Last 7 days";
    case "30d":
      return "Last 30 days";
    case "90d":
      return "Last 90 days";
    case "all":
      return "All time";
    case "custom":
      return `${f.from ? date(f.from) : "…"} – ${f.to ? date(f.to) : "…"}`;
  }
}

/**
 * Query string (with leading `?`, or "" when empty) of the filters with `overrides` applied;
 * an override of `undefined` or "" removes the key (a filter on "no project" is written as {@link NO_PROJECT};
 * pass it as an override to set one). Extra keys (page, sort) may be passed in overrides.
 * The default range is left out to keep URLs short.
 */
export function filtersToQuery(
  f: Partial<DashboardFilters>,
  overrides: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | number | undefined> = {};
  for (const k of FILTER_KEYS) merged[k] = f[k];
  if (f.project === "") merged.project = NO_PROJECT;
  Object.assign(merged, overrides);
  if (merged.range !== "custom") {
    merged.from = undefined;
    merged.to = undefined;
  }
  if (merged.range === DEFAULT_RANGE) merged.range = undefined;
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "") continue;
    params.set(k, String(v));
  }
  const q = params.toString();
  return q ? `?${q}` : "";
}

/**
 * Request time rounded up to the next whole minute (epoch ms): preset windows then stay the same for a
 * minute, so cached figures are reused across requests, and nothing already started is cut off.
 */
export function quantizeNow(nowMs: number, stepMs = 60_000): number {
  return Math.ceil(nowMs / stepMs) * stepMs;
}
