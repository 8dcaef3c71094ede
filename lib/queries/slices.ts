/**
 * The figures of upstream's report (ROI, outcome-weighted ROI, gaps and friction, effectiveness, token
 * stats) for the sessions a set of filters selects — overall, or for each value of one grouping column
 * (developer, project, model, task type). SQL does the counting, summing and gap detection with GROUP BY
 * and window functions over indexed columns; the stats package's `*FromTotals` functions turn those
 * aggregates into figures, so every formula and rounding stays the package's.
 *
 * Gaps are detected per developer (each developer's own timeline, never interleaved with another's)
 * and combined by adding counts and rounded minutes; friction indicators are reported per developer.
 */

import type { SessionTokenStats } from "ai-session-tracker-mcp/contract";
import type { Assumptions } from "ai-session-tracker-mcp/stats";
import {
  calculateRoiFromTotals,
  type EffectivenessDistribution,
  effectivenessFromTotals,
  type GapClassification,
  type OutcomeWeightedRoi,
  outcomeWeightedRoiFromTotals,
  type RoiMetrics,
  summarizeGapAggregates,
  tokenStatsFromTotals,
} from "ai-session-tracker-mcp/stats";
import type { TokenAggregates } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import type { DashboardFilters, TimeWindow } from "@/lib/filters";
import { memo } from "./memo";
import { addRows, ONE_DEVELOPER, perDeveloper, rowFilters } from "./per-developer";
import { all, childScope, PRODUCTIVE_COMPLETED, sessionScope } from "./scope";

/** Which column the slices are grouped by. */
export type SliceGroup = "none" | "developer" | "project" | "model" | "task";

/** The grouping column of each slice group, over sessions `s` and over a child table `x` (joined or not). */
export const GROUP_SQL: Record<SliceGroup, { session: string; child: string; join: boolean }> = {
  none: { session: "''", child: "''", join: false },
  developer: { session: "s.developer_id", child: "x.developer_id", join: false },
  project: { session: "s.project", child: "s.project", join: true },
  model: { session: "s.model_name", child: "s.model_name", join: true },
  task: { session: "s.task_type", child: "s.task_type", join: true },
};

/** Gap analysis of a slice: combined counts plus each developer's own friction indicators. */
export interface GapAnalysis {
  total_gaps: number;
  /** Mean of the rounded gap minutes over every developer's gaps, 1 dp. */
  average_gap_minutes: number;
  by_classification: Record<GapClassification, number>;
  /** Indicators for the union (long-break ratio, average); the trend only exists per developer. */
  friction_indicators: string[];
  byDeveloper: {
    developer: string;
    total_gaps: number;
    average_gap_minutes: number;
    friction_indicators: string[];
  }[];
}

/** All report figures of one slice. Hours are durations, money USD, percentages 0–100. */
export interface Slice {
  key: string;
  /** Sessions in scope (every status and task type, as upstream's "Total sessions"). */
  sessions: number;
  /** Sessions with status completed, human_review included (upstream's dashboard count). */
  completedAll: number;
  roi: RoiMetrics;
  outcomeRoi: OutcomeWeightedRoi;
  gaps: GapAnalysis;
  effectiveness: { distribution: EffectivenessDistribution; average: number; count: number };
  tokens: SessionTokenStats;
}

/** Input of {@link computeSlices}. */
export interface SliceInput {
  db: Store;
  filters: DashboardFilters;
  window: TimeWindow | null;
  group?: SliceGroup;
  assumptions?: Partial<Assumptions>;
  /**
   * "sessions" skips the gap and interaction passes (multiplier, effectiveness and tokens come out as 0):
   * for charts that only show session counts, time and money.
   */
  detail?: "full" | "sessions";
}

type Key = string | number;

interface SessionRow {
  k: Key;
  outcome: string | null;
  pc: number;
  n: number;
  ai: number;
  hm: number;
  completed: number;
}

interface GapRow {
  k: Key;
  dev: number;
  cls: GapClassification;
  n: number;
  rsum: number;
  fsum: number;
  fcount: number;
}

/** Per-session interaction totals summed per slice key (see `session_interaction_totals`). */
interface InteractionRow extends TokenAggregates {
  k: Key;
  n: number;
  isum: number;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
}

/** Names of developers by id (small table). */
export async function developerNames({ db }: { db: Store }): Promise<Map<number, string>> {
  return new Map(
    (await all<{ id: number; name: string }>(db, "SELECT id, name FROM developers")).map((r) => [
      r.id,
      r.name,
    ]),
  );
}

function emptyClasses(): Record<GapClassification, number> {
  return { quick: 0, normal: 0, extended: 0, long_break: 0 };
}

/**
 * Report figures for the filtered sessions, grouped by `group` (one slice per value; "none" gives one
 * slice keyed ""). Developer slices are keyed by developer name. Slices come sorted by session count.
 */
export function computeSlices(input: SliceInput): Promise<Slice[]> {
  const { db, filters, window, group = "none", assumptions, detail = "full" } = input;
  return memo(db, "slices", [filters, window, group, assumptions ?? null, detail], () =>
    computeSlicesUncached({ db, filters, window, group, assumptions, detail }),
  );
}

/** One developer's grouped rows of a slice pass (see {@link computeSlicesUncached}). */
interface DeveloperRows {
  sessions: SessionRow[];
  gaps: GapRow[];
  interactions: InteractionRow[];
}

async function computeSlicesUncached(
  input: Required<Omit<SliceInput, "assumptions">> & SliceInput,
): Promise<Slice[]> {
  const { db, filters, window, group, assumptions, detail } = input;
  const g = GROUP_SQL[group];
  const scope = sessionScope(filters, window);
  const full = detail === "full";
  const child = childScope("session_interaction_totals", filters, window, g.join ? "inner" : "none");

  // Each developer's rows on their own (cached under their data version, per-developer.ts): an ingest
  // that changed one developer's file recomputes only theirs. Rows of one key from several developers
  // are added up below.
  const parts = await perDeveloper(
    db,
    "slices",
    [rowFilters(filters), group, detail],
    filters.developer,
    async (dev) => {
      const one = { dev };
      const sessions = await all<SessionRow>(
        db,
        `SELECT ${g.session} AS k, s.outcome AS outcome, ${PRODUCTIVE_COMPLETED.sql} AS pc, count(*) AS n,
         COALESCE(sum(s.duration_minutes), 0) AS ai, COALESCE(sum(s.estimate_minutes), 0) AS hm, sum(CASE WHEN s.status = 'completed' THEN 1 ELSE 0 END) AS completed
       FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} GROUP BY 1, 2, 3`,
        [...PRODUCTIVE_COMPLETED.params, ...scope.params, one],
      );
      const gaps = !full
        ? []
        : await all<GapRow>(
            db,
            `WITH t AS (
         SELECT ${g.session} AS k, s.developer_id AS dev, s.start_ms AS st,
           LAG(s.end_ms) OVER (PARTITION BY ${g.session}, s.developer_id ORDER BY s.start_ms, s.id) AS pe
         FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} AND s.start_ms IS NOT NULL
       ), gp AS (
         SELECT k, dev, st, CAST(st - pe AS DOUBLE PRECISION) / 60000 AS m FROM t WHERE pe IS NOT NULL AND st >= pe
       ), r AS (
         SELECT k, dev, m, py_round(m, 1) AS rm,
           ROW_NUMBER() OVER (PARTITION BY k, dev ORDER BY st) AS rn, COUNT(*) OVER (PARTITION BY k, dev) AS c
         FROM gp
       )
       SELECT k, dev, classify_gap(m) AS cls, count(*) AS n, COALESCE(sum(rm), 0) AS rsum,
         COALESCE(sum(CASE WHEN rn <= c / 2 THEN rm ELSE 0 END), 0) AS fsum, sum(CASE WHEN rn <= c / 2 THEN 1 ELSE 0 END) AS fcount
       FROM r GROUP BY 1, 2, 3`,
            [...scope.params, one],
          );
      const interactions = !full
        ? []
        : await all<InteractionRow>(
            db,
            `SELECT ${g.child} AS k, sum(x.interactions) AS n, sum(x.rating_int_sum) AS isum,
         sum(x.rated_1) AS r1, sum(x.rated_2) AS r2, sum(x.rated_3) AS r3, sum(x.rated_4) AS r4, sum(x.rated_5) AS r5,
         sum(x.tokens_in) AS tin, sum(x.tokens_out) AS tout, max(x.tokens_in_max) AS pin, max(x.tokens_out_max) AS pout,
         COALESCE(sum(x.cache_hit_rate_sum), 0) AS rate, sum(x.cached_tokens) AS cached, sum(x.new_tokens) AS fresh,
         max(x.context_pct_max) AS ctx
       FROM ${child.sql} AND x.developer_id = @dev GROUP BY 1`,
            [...child.params, one],
          );
      return { sessions, gaps, interactions } satisfies DeveloperRows;
    },
    [window],
  );
  const sessionRows = parts.flatMap((p) => p.sessions);
  const gapRows = parts.flatMap((p) => p.gaps);
  const interactionRows = parts.flatMap((p) => p.interactions);

  const names =
    group === "developer" || gapRows.length > 0 ? await developerNames({ db }) : new Map<number, string>();
  const label = (k: Key): string => (group === "developer" ? (names.get(Number(k)) ?? String(k)) : String(k));

  interface Acc {
    sessions: SessionRow[];
    gaps: GapRow[];
    interactions: InteractionRow[];
  }
  const acc = new Map<string, Acc>();
  const at = (k: Key): Acc => {
    const key = label(k);
    let a = acc.get(key);
    if (!a) {
      a = { sessions: [], gaps: [], interactions: [] };
      acc.set(key, a);
    }
    return a;
  };
  for (const r of sessionRows) at(r.k).sessions.push(r);
  for (const r of gapRows) at(r.k).gaps.push(r);
  for (const r of interactionRows) at(r.k).interactions.push(r);
  if (group === "none" && acc.size === 0) at("");

  const slices: Slice[] = [];
  for (const [key, a] of acc) {
    let sessions = 0;
    let completedAll = 0;
    let completedPc = 0;
    let aiMinutes = 0;
    let humanMinutes = 0;
    const outcomes = new Map<string | null, { sessions: number; aiMinutes: number; humanMinutes: number }>();
    for (const r of a.sessions) {
      sessions += r.n;
      completedAll += r.completed;
      if (!r.pc) continue;
      completedPc += r.n;
      aiMinutes += r.ai;
      humanMinutes += r.hm;
      const o = outcomes.get(r.outcome);
      if (o) {
        o.sessions += r.n;
        o.aiMinutes += r.ai;
        o.humanMinutes += r.hm;
      } else outcomes.set(r.outcome, { sessions: r.n, aiMinutes: r.ai, humanMinutes: r.hm });
    }

    const perDev = new Map<
      number,
      { classes: Record<GapClassification, number>; rsum: number; fsum: number; fcount: number }
    >();
    const classes = emptyClasses();
    let rsumAll = 0;
    let oversightGapMinutes = 0;
    for (const r of a.gaps) {
      let d = perDev.get(r.dev);
      if (!d) {
        d = { classes: emptyClasses(), rsum: 0, fsum: 0, fcount: 0 };
        perDev.set(r.dev, d);
      }
      d.classes[r.cls] += r.n;
      d.rsum += r.rsum;
      d.fsum += r.fsum;
      d.fcount += r.fcount;
      classes[r.cls] += r.n;
      rsumAll += r.rsum;
      if (r.cls === "quick" || r.cls === "normal") oversightGapMinutes += r.rsum;
    }
    const byDeveloper: GapAnalysis["byDeveloper"] = [];
    for (const [dev, d] of perDev) {
      const total = d.classes.quick + d.classes.normal + d.classes.extended + d.classes.long_break;
      const s = summarizeGapAggregates({
        byClassification: d.classes,
        roundedMinutesSum: d.rsum,
        halves: {
          firstSum: d.fsum,
          firstCount: d.fcount,
          secondSum: d.rsum - d.fsum,
          secondCount: total - d.fcount,
        },
      });
      byDeveloper.push({
        developer: names.get(dev) ?? String(dev),
        total_gaps: s.summary.total_gaps,
        average_gap_minutes: s.summary.average_gap_minutes,
        friction_indicators: s.friction_indicators,
      });
    }
    byDeveloper.sort((x, y) => x.developer.localeCompare(y.developer));
    const union = summarizeGapAggregates({ byClassification: classes, roundedMinutesSum: rsumAll });

    // One interaction row per key and developer; absent when the slice has no interactions.
    const x = mergeInteractions(a.interactions);
    const eff = effectivenessFromTotals({
      distribution: { 1: x?.r1 ?? 0, 2: x?.r2 ?? 0, 3: x?.r3 ?? 0, 4: x?.r4 ?? 0, 5: x?.r5 ?? 0 },
      count: x?.n ?? 0,
      intSum: x?.isum ?? 0,
    });

    slices.push({
      key,
      sessions,
      completedAll,
      roi: calculateRoiFromTotals(
        {
          completedSessions: completedPc,
          aiMinutes,
          humanMinutes,
          oversightGapMinutes,
          totalInteractions: eff.count,
          ratingIntSum: eff.intSum,
        },
        assumptions,
      ),
      outcomeRoi: outcomeWeightedRoiFromTotals(
        [...outcomes].map(([outcome, o]) => ({ outcome, ...o })),
        assumptions,
      ),
      gaps: {
        total_gaps: union.summary.total_gaps,
        average_gap_minutes: union.summary.average_gap_minutes,
        by_classification: union.summary.by_classification,
        friction_indicators: union.friction_indicators,
        byDeveloper,
      },
      effectiveness: { distribution: eff.distribution, average: eff.average, count: eff.count },
      tokens: tokenStatsFromTotals({
        turns: eff.count,
        totalIn: x?.tin ?? 0,
        totalOut: x?.tout ?? 0,
        peakIn: x?.pin ?? Number.NEGATIVE_INFINITY,
        peakOut: x?.pout ?? Number.NEGATIVE_INFINITY,
        cacheHitRateSum: x?.rate ?? 0,
        totalCached: x?.cached ?? 0,
        totalNew: x?.fresh ?? 0,
        peakContextPct: x?.ctx ?? Number.NEGATIVE_INFINITY,
      }),
    });
  }
  slices.sort((x, y) => y.sessions - x.sessions || x.key.localeCompare(y.key));
  return slices;
}

/** The developers' interaction rows of one key added up (sums; peaks by max); undefined when none. */
function mergeInteractions(rows: readonly InteractionRow[]): InteractionRow | undefined {
  if (rows.length <= 1) return rows[0];
  return rows.reduce((m, r) => addRows(m, r, ["pin", "pout", "ctx"]));
}

/** The single slice of {@link computeSlices} without grouping. */
export async function computeTotals(input: Omit<SliceInput, "group">): Promise<Slice> {
  const [s] = await computeSlices({ ...input, group: "none" });
  if (!s) throw new Error("computeSlices returned no slice");
  return s;
}
