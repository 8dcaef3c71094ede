/**
 * "For whom": one comparison row per developer / project / model / task type of the filtered sessions —
 * sessions, active days, outcome-weighted value hours, hours saved per active week, success rate,
 * effectiveness, issues per session and a weekly sparkline — sortable by any column.
 *
 * A fixed number of grouped passes per table, whatever the number of rows: sessions grouped by (key, week,
 * outcome, counted) give every session figure and the sparkline, a second GROUP BY key counts distinct
 * days, the per-session interaction totals and the issues are grouped by key. The stats package turns the
 * sums into figures (`calculateRoiFromTotals`, `outcomeWeightedRoiFromTotals`, `effectivenessFromTotals`).
 * The return per dollar is the portal ROI method's expected case for the same slice (`get-roi-method.ts`,
 * its own grouped pass), so a row's return equals that slice's receipt.
 */
import {
  calculateRoiFromTotals,
  effectivenessFromTotals,
  outcomeWeightedRoiFromTotals,
  type RoiMethodSettings,
} from "ai-session-tracker-mcp/stats";
import { z } from "zod";
import { sqlFor } from "@/lib/db/dialect";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { getRoiMethodSlices } from "./get-roi-method";
import { plotSpan } from "./get-trend";
import { memo } from "./memo";
import { addRows, ONE_DEVELOPER, perDeveloper, rowFilters } from "./per-developer";
import { all, childScope, PRODUCTIVE_COMPLETED, sessionScope, weekStartSql } from "./scope";
import { developerNames } from "./slices";
import { bucketCoverage } from "./trend-buckets";

/** What a comparison table groups by. */
export const COMPARISON_GROUPS = ["developer", "project", "model", "task"] as const;
/** One of {@link COMPARISON_GROUPS}. */
export type ComparisonGroup = (typeof COMPARISON_GROUPS)[number];

/** Columns a comparison table sorts by (the URL's `sort`). */
export const COMPARISON_SORTS = [
  "name",
  "sessions",
  "activeDays",
  "valueHours",
  "hoursSaved",
  "return",
  "successRate",
  "effectiveness",
  "issuesPerSession",
] as const;
/** One of {@link COMPARISON_SORTS}. */
export type ComparisonSort = (typeof COMPARISON_SORTS)[number];

/** The sort a table opens with. */
export const DEFAULT_COMPARISON_SORT = { sort: "sessions", dir: "desc" } as const satisfies {
  sort: ComparisonSort;
  dir: "asc" | "desc";
};

/**
 * Strict zod schema of `?sort=…&dir=…` (API routes: an unknown column is a 400). Absent keys take the
 * defaults. Pages use {@link parseComparisonSort}, which falls back instead.
 */
export const comparisonSortSchema = z.object({
  sort: z.enum(COMPARISON_SORTS).default(DEFAULT_COMPARISON_SORT.sort),
  dir: z.enum(["asc", "desc"]).default(DEFAULT_COMPARISON_SORT.dir),
});
/** A parsed sort. */
export type ComparisonSortParams = z.infer<typeof comparisonSortSchema>;

/**
 * The sort of a page's URL; a bad column or direction falls back to the default and says which value it
 * ignored (`rejected`), so the page can show that it did.
 */
export function parseComparisonSort(raw: { sort?: string; dir?: string }): ComparisonSortParams & {
  rejected: string | null;
} {
  const sort = z.enum(COMPARISON_SORTS).safeParse(raw.sort ?? DEFAULT_COMPARISON_SORT.sort);
  const dir = z.enum(["asc", "desc"]).safeParse(raw.dir ?? DEFAULT_COMPARISON_SORT.dir);
  const rejected = [!sort.success ? raw.sort : undefined, !dir.success ? raw.dir : undefined].filter(
    (v): v is string => v !== undefined,
  );
  return {
    sort: sort.success ? sort.data : DEFAULT_COMPARISON_SORT.sort,
    dir: dir.success ? dir.data : DEFAULT_COMPARISON_SORT.dir,
    rejected: rejected.length ? rejected.join(", ") : null,
  };
}

/** One row of a comparison table. Hours are durations; percentages 0–100. */
export interface ComparisonRow {
  /** Developer name, project ("" = no project), model or task type. */
  key: string;
  /** Sessions in scope (every status and task type). */
  sessions: number;
  /** Distinct UTC days with a session start. */
  activeDays: number;
  /** Distinct UTC weeks (Monday-based) with a session start. */
  activeWeeks: number;
  /** Outcome-weighted estimated human hours (success 1, partial ½, failed 0), 2 dp (stats package). */
  valueHours: number;
  /** Upstream's time saved (estimate − AI hours of productive completed sessions), 2 dp. */
  hoursSaved: number;
  /** {@link hoursSaved} / {@link activeWeeks}; null with no active week. */
  hoursSavedPerActiveWeek: number | null;
  /** Return per dollar spent, the portal ROI method's expected case for this slice; null without spend or method settings. */
  returnPerDollar: number | null;
  /** Success share of productive completed sessions; null when none. */
  successRatePct: number | null;
  /** Average effectiveness 1–5 (upstream's 2-dp value; 0 when no interaction). */
  effectiveness: number;
  /** Interactions behind {@link effectiveness}. */
  interactions: number;
  issues: number;
  /** issues / sessions; null with no session. */
  issuesPerSession: number | null;
  /** Sessions per week, oldest first, over the whole weeks of the table's sparkline ({@link Comparison.weeks}). */
  trend: number[];
}

/** A comparison table's rows (unsorted: {@link sortComparison} orders them) and its sparkline weeks. */
export interface Comparison {
  group: ComparisonGroup;
  rows: ComparisonRow[];
  /** Monday 00:00 UTC (epoch ms) of each sparkline point: the latest whole weeks (partial weeks left out). */
  weeks: number[];
}

const KEY_SQL: Record<ComparisonGroup, { session: string; child: string; join: boolean }> = {
  developer: { session: "s.developer_id", child: "x.developer_id", join: false },
  project: { session: "s.project", child: "s.project", join: true },
  model: { session: "s.model_name", child: "s.model_name", join: true },
  task: { session: "s.task_type", child: "s.task_type", join: true },
};

/** Most weeks a sparkline shows (the latest ones): a row stays readable at all-time ranges. */
export const SPARKLINE_WEEKS = 26;
const WEEK_MS = 604_800_000;

/** Sessions of one key, week, outcome and counted-or-not (`pc`: productive and completed). */
interface CellRow {
  k: string | number;
  wk: number | null;
  outcome: string | null;
  pc: number;
  n: number;
  ai: number;
  hm: number;
}

/** Sessions of one key and week (every outcome and status). */
interface WeekRow {
  k: string | number;
  wk: number | null;
  n: number;
}

/** Counted (productive completed) sessions of one key and outcome: count and minutes. */
interface OutcomeRow {
  k: string | number;
  outcome: string | null;
  n: number;
  ai: number;
  hm: number;
}

/**
 * One developer's cells folded once (they are cached): sessions per key and week, and counted sessions
 * per key and outcome — far fewer rows for the merge of every developer than the cells themselves.
 */
function reduceCells(cells: readonly CellRow[]): { weekRows: WeekRow[]; outcomeRows: OutcomeRow[] } {
  const weeks = new Map<string, WeekRow>();
  const outcomes = new Map<string, OutcomeRow>();
  for (const c of cells) {
    const wkKey = `${c.k}\u0000${c.wk}`;
    const w = weeks.get(wkKey);
    if (w) w.n += c.n;
    else weeks.set(wkKey, { k: c.k, wk: c.wk, n: c.n });
    if (!c.pc) continue;
    const oKey = `${c.k}\u0000${c.outcome === null ? "\u0001" : c.outcome}`;
    const o = outcomes.get(oKey);
    if (o) {
      o.n += c.n;
      o.ai += c.ai;
      o.hm += c.hm;
    } else outcomes.set(oKey, { k: c.k, outcome: c.outcome, n: c.n, ai: c.ai, hm: c.hm });
  }
  return { weekRows: [...weeks.values()], outcomeRows: [...outcomes.values()] };
}

/** Interaction sums of one key (one developer's, or added up). */
type InteractionSums = { k: string | number; n: number; isum: number } & Record<
  `r${1 | 2 | 3 | 4 | 5}`,
  number
>;

/** Input of {@link getComparison}. */
export type ComparisonInput = FilteredInput & {
  group: ComparisonGroup;
  /** The ROI method's settings in force; without them every row's return is null. */
  method?: RoiMethodSettings;
};

/** The comparison rows of `group` for the filters (memoised until the data changes). */
export async function getComparison(input: ComparisonInput): Promise<Comparison> {
  return memo(
    input.db,
    "comparison",
    [input.group, input.filters, input.nowMs, input.assumptions ?? null, input.method ?? null],
    () => computeComparison(input),
  );
}

async function computeComparison(input: ComparisonInput): Promise<Comparison> {
  const { db, filters, group, assumptions } = input;
  const window = await queryWindow(input);
  const g = KEY_SQL[group];
  const scope = sessionScope(filters, window);
  const child = (table: "session_interaction_totals" | "issues") =>
    childScope(table, filters, window, g.join ? "inner" : "none");
  // The rows come out in the order of their keys' first cells: SQLite's grouped order (keys, weeks,
  // outcomes ascending, NULLs first, texts by code point), asked for explicitly so PostgreSQL (hash
  // aggregates) gives it too. SQLite reads the groups in that order already: no extra sort.
  const dialect = sqlFor(db);
  const cellOrder = [
    dialect.sortKey(g.session, "ASC", { text: group !== "developer" }),
    dialect.sortKey("wk", "ASC"),
    dialect.sortKey("s.outcome", "ASC", { text: true }),
  ].join(", ");
  const inter = child("session_interaction_totals");
  const iss = child("issues");
  // Each developer's rows on their own, cached under their data version (per-developer.ts); rows of one
  // key from several developers are added up (days: united) below.
  const parts = await perDeveloper(
    db,
    "comparison",
    [group, rowFilters(filters)],
    filters.developer,
    async (dev) => {
      const one = { dev };
      // Plain sums grouped by (key, week, outcome, counted): no per-outcome CASE columns, which cost more
      // than the grouping on a large window; the days of each key need their own GROUP BY.
      const cells = await all<CellRow>(
        db,
        `SELECT ${g.session} AS k, ${weekStartSql("s.start_ms")} AS wk, s.outcome AS outcome,
         ${PRODUCTIVE_COMPLETED.sql} AS pc, count(*) AS n, COALESCE(sum(s.duration_minutes), 0) AS ai,
         COALESCE(sum(s.estimate_minutes), 0) AS hm
       FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} GROUP BY 1, 2, 3, 4
       ORDER BY ${cellOrder}`,
        [...PRODUCTIVE_COMPLETED.params, ...scope.params, one],
      );
      const days = await all<{ k: string | number; d: number }>(
        db,
        `SELECT ${g.session} AS k, s.start_ms / 86400000 AS d FROM sessions s
       WHERE ${ONE_DEVELOPER} AND ${scope.sql} AND s.start_ms IS NOT NULL GROUP BY 1, 2`,
        [...scope.params, one],
      );
      const interactions = await all<InteractionSums>(
        db,
        `SELECT ${g.child} AS k, sum(x.interactions) AS n, sum(x.rating_int_sum) AS isum, sum(x.rated_1) AS r1,
         sum(x.rated_2) AS r2, sum(x.rated_3) AS r3, sum(x.rated_4) AS r4, sum(x.rated_5) AS r5
       FROM ${inter.sql} AND x.developer_id = @dev GROUP BY 1`,
        [...inter.params, one],
      );
      const issues = await all<{ k: string | number; n: number }>(
        db,
        `SELECT ${g.child} AS k, count(*) AS n FROM ${iss.sql} AND x.developer_id = @dev GROUP BY 1`,
        [...iss.params, one],
      );
      return { ...reduceCells(cells), days, interactions, issues };
    },
    [window],
  );
  const weekRows = parts.flatMap((p) => p.weekRows);
  const outcomeRows = parts.flatMap((p) => p.outcomeRows);

  const names = group === "developer" ? await developerNames({ db }) : null;
  const label = (k: string | number) => (names ? (names.get(Number(k)) ?? String(k)) : String(k));

  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of weekRows) {
    if (r.wk === null) continue;
    lo = Math.min(lo, r.wk);
    hi = Math.max(hi, r.wk);
  }
  // Whole weeks only (as the overview's sparklines): a week the range, the data's start or the request
  // time cuts would end (or start) the line in a fake drop.
  const covered = (await plotSpan(input, window))?.covered;
  const whole: number[] = [];
  if (covered && hi >= lo)
    for (let w = lo; w <= hi; w += WEEK_MS) if (bucketCoverage(w, "week", covered) >= 1) whole.push(w);
  const weeks = whole.slice(-SPARKLINE_WEEKS);
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));

  const byKey = new Map<string, { weeks: WeekRow[]; outcomes: OutcomeRow[] }>();
  const keyRows = (k: string | number) => {
    const key = label(k);
    let e = byKey.get(key);
    if (!e) {
      e = { weeks: [], outcomes: [] };
      byKey.set(key, e);
    }
    return e;
  };
  for (const r of weekRows) keyRows(r.k).weeks.push(r);
  for (const r of outcomeRows) keyRows(r.k).outcomes.push(r);
  const interByKey = new Map<string, InteractionSums>();
  for (const r of parts.flatMap((p) => p.interactions)) {
    const key = label(r.k);
    const m = interByKey.get(key);
    interByKey.set(key, m ? addRows(m, r) : r);
  }
  const returns = new Map(
    input.method
      ? (await getRoiMethodSlices({ db, filters, nowMs: input.nowMs, method: input.method, group })).map(
          (v) => [v.key, v.expected.returnPerDollar],
        )
      : [],
  );
  const issuesByKey = new Map<string, number>();
  for (const r of parts.flatMap((p) => p.issues))
    issuesByKey.set(label(r.k), (issuesByKey.get(label(r.k)) ?? 0) + r.n);
  const daySets = new Map<string, Set<number>>();
  for (const r of parts.flatMap((p) => p.days)) {
    const key = label(r.k);
    const set = daySets.get(key) ?? new Set<number>();
    set.add(r.d);
    daySets.set(key, set);
  }

  const rows: ComparisonRow[] = [];
  for (const [key, list] of byKey) {
    let sessions = 0;
    const trend = weeks.map(() => 0);
    const activeWeekSet = new Set<number>();
    const byOutcome = new Map<
      string | null,
      { outcome: string | null; sessions: number; aiMinutes: number; humanMinutes: number }
    >();
    for (const r of list.weeks) {
      sessions += r.n;
      if (r.wk !== null) {
        activeWeekSet.add(r.wk);
        const i = weekIndex.get(r.wk);
        if (i !== undefined) trend[i] = (trend[i] ?? 0) + r.n;
      }
    }
    for (const r of list.outcomes) {
      const o = byOutcome.get(r.outcome) ?? {
        outcome: r.outcome,
        sessions: 0,
        aiMinutes: 0,
        humanMinutes: 0,
      };
      o.sessions += r.n;
      o.aiMinutes += r.ai;
      o.humanMinutes += r.hm;
      byOutcome.set(r.outcome, o);
    }
    const activeDays = daySets.get(key)?.size ?? 0;
    const activeWeeks = activeWeekSet.size;
    const classes = [...byOutcome.values()];
    const completed = classes.reduce((a, c) => a + c.sessions, 0);
    const roi = calculateRoiFromTotals(
      {
        completedSessions: completed,
        aiMinutes: classes.reduce((a, c) => a + c.aiMinutes, 0),
        humanMinutes: classes.reduce((a, c) => a + c.humanMinutes, 0),
        oversightGapMinutes: 0,
        totalInteractions: 0,
        ratingIntSum: 0,
      },
      assumptions,
    );
    const oroi = outcomeWeightedRoiFromTotals(classes, assumptions);
    const x = interByKey.get(key);
    const eff = effectivenessFromTotals({
      distribution: { 1: x?.r1 ?? 0, 2: x?.r2 ?? 0, 3: x?.r3 ?? 0, 4: x?.r4 ?? 0, 5: x?.r5 ?? 0 },
      count: x?.n ?? 0,
      intSum: x?.isum ?? 0,
    });
    const issues = issuesByKey.get(key) ?? 0;
    const hoursSaved = roi.time_metrics.time_saved_hours;
    rows.push({
      key,
      sessions,
      activeDays,
      activeWeeks,
      valueHours: oroi.human_value_hours,
      hoursSaved,
      hoursSavedPerActiveWeek: activeWeeks ? hoursSaved / activeWeeks : null,
      returnPerDollar: returns.get(key) ?? null,
      successRatePct: oroi.completed_sessions
        ? (oroi.by_outcome.success / oroi.completed_sessions) * 100
        : null,
      effectiveness: eff.average,
      interactions: eff.count,
      issues,
      issuesPerSession: sessions ? issues / sessions : null,
      trend,
    });
  }
  return { group, rows, weeks };
}

const SORT_VALUE: Record<Exclude<ComparisonSort, "name">, (r: ComparisonRow) => number | null> = {
  sessions: (r) => r.sessions,
  activeDays: (r) => r.activeDays,
  valueHours: (r) => r.valueHours,
  hoursSaved: (r) => r.hoursSavedPerActiveWeek,
  return: (r) => r.returnPerDollar,
  successRate: (r) => r.successRatePct,
  effectiveness: (r) => (r.interactions ? r.effectiveness : null),
  issuesPerSession: (r) => r.issuesPerSession,
};

/**
 * The rows ordered by `sort` in `dir`; rows without a value for the column come last either way, ties
 * by name. Returns a new array (memoised rows are shared).
 */
export function sortComparison(rows: readonly ComparisonRow[], s: ComparisonSortParams): ComparisonRow[] {
  const sign = s.dir === "asc" ? 1 : -1;
  const byName = (a: ComparisonRow, b: ComparisonRow) => a.key.localeCompare(b.key);
  if (s.sort === "name") return [...rows].sort((a, b) => sign * byName(a, b));
  const value = SORT_VALUE[s.sort];
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return sign * (va - vb) || byName(a, b);
  });
}
