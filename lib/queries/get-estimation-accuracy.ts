/**
 * Estimation accuracy (initial and final estimate vs actual time) of the filtered sessions, overall, by
 * task type and by developer. SQL computes the ratios' counts, sums and medians (window functions);
 * `estimationAccuracyFromAggregates` of the stats package turns them into the figures.
 */
import { type EstimationAccuracy, estimationAccuracyFromAggregates } from "ai-session-tracker-mcp/stats";
import { resolveWindow } from "@/lib/filters";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, sessionScope } from "./scope";
import { developerNames } from "./slices";

/** Accuracy of one group (`key` "" for the whole selection). */
export interface EstimationRow extends EstimationAccuracy {
  key: string;
}

/** Estimation accuracy overall, by task type and by developer. */
export interface EstimationBreakdown {
  overall: EstimationAccuracy;
  byTaskType: EstimationRow[];
  byDeveloper: EstimationRow[];
}

interface RatioRow {
  gk: "all" | "task" | "dev";
  k: string | number;
  kind: "i" | "f";
  n: number;
  sum: number;
  median: number | null;
}

interface TotalRow {
  gk: "all" | "task" | "dev";
  k: string | number;
  considered: number;
  apeN: number;
  apeSum: number;
}

type Groups = Record<"all" | "task" | "dev", Map<string | number, EstimationAccuracy>>;

/** One pass over the scoped sessions for the three groupings (whole selection, task type, developer). */
function byGroups(input: FilteredInput, breakdowns: boolean): Groups {
  const scope = sessionScope(input.filters, resolveWindow(input.filters, input.nowMs));
  // Same readings as calculateEstimationAccuracy: completed, duration > 0; initial falls back to the
  // legacy human estimate (nullish); a final of 0 or null is "not given".
  const base = `b AS MATERIALIZED (
      SELECT s.task_type AS t, s.developer_id AS dv, s.duration_minutes AS d,
        coalesce(s.initial_estimate_minutes, s.human_time_estimate_minutes, 0) AS ini,
        coalesce(s.final_estimate_minutes, 0) AS fin
      FROM sessions s WHERE ${scope.sql} AND s.status = 'completed' AND s.duration_minutes > 0),
    g AS (SELECT 'all' AS gk, '' AS k, d, ini, fin FROM b${
      breakdowns
        ? `
      UNION ALL SELECT 'task', t, d, ini, fin FROM b
      UNION ALL SELECT 'dev', dv, d, ini, fin FROM b`
        : ""
    })`;
  const ratios = all<RatioRow>(
    input.db,
    `WITH ${base},
     r AS (SELECT gk, k, 'i' AS kind, ini / d AS v FROM g WHERE ini > 0
           UNION ALL SELECT gk, k, 'f', fin / d FROM g WHERE fin > 0),
     o AS (SELECT gk, k, kind, v, ROW_NUMBER() OVER (PARTITION BY gk, k, kind ORDER BY v) AS rn,
             COUNT(*) OVER (PARTITION BY gk, k, kind) AS c FROM r)
     SELECT gk, k, kind, count(*) AS n, total(v) AS sum,
       avg(CASE WHEN rn IN ((c + 1) / 2, (c + 2) / 2) THEN v END) AS median
     FROM o GROUP BY 1, 2, 3`,
    scope.params,
  );
  const totals = all<TotalRow>(
    input.db,
    `WITH ${base}
     SELECT gk, k, count(*) AS considered, sum(ini > 0 AND fin > 0) AS apeN,
       total(CASE WHEN ini > 0 AND fin > 0 THEN abs(ini - fin) / fin END) AS apeSum
     FROM g GROUP BY 1, 2`,
    scope.params,
  );
  const ratioOf = new Map(ratios.map((r) => [`${r.gk}\u0000${r.k}\u0000${r.kind}`, r]));
  const out: Groups = { all: new Map(), task: new Map(), dev: new Map() };
  for (const t of totals) {
    const pick = (kind: "i" | "f") => {
      const r = ratioOf.get(`${t.gk}\u0000${t.k}\u0000${kind}`);
      return { count: r?.n ?? 0, sum: r?.sum ?? 0, median: r?.median ?? null };
    };
    out[t.gk].set(
      t.k,
      estimationAccuracyFromAggregates({
        considered: t.considered,
        initial: pick("i"),
        final: pick("f"),
        ape: { count: t.apeN, sum: t.apeSum },
      }),
    );
  }
  return out;
}

const EMPTY = estimationAccuracyFromAggregates({
  considered: 0,
  initial: { count: 0, sum: 0, median: null },
  final: { count: 0, sum: 0, median: null },
  ape: { count: 0, sum: 0 },
});

/**
 * Estimation accuracy of the filtered sessions. Ratios > 1 mean the work took less time than estimated.
 * `breakdowns: false` computes the overall figures only (byTaskType/byDeveloper come back empty): the
 * medians' window sort is the expensive part, and the Overview shows only the overall figures.
 */
export function getEstimationAccuracy(input: FilteredInput & { breakdowns?: boolean }): EstimationBreakdown {
  const breakdowns = input.breakdowns ?? true;
  return memo(input.db, "estimation", [input.filters, input.nowMs, breakdowns], () => {
    const names = developerNames(input.db);
    const rows = (m: Map<string | number, EstimationAccuracy>, label: (k: string | number) => string) =>
      [...m]
        .map(([k, v]) => ({ key: label(k), ...v }))
        .sort((a, b) => b.sessions_considered - a.sessions_considered);
    const g = byGroups(input, breakdowns);
    return {
      overall: g.all.get("") ?? EMPTY,
      byTaskType: rows(g.task, String),
      byDeveloper: rows(g.dev, (k) => names.get(Number(k)) ?? String(k)),
    };
  });
}
