/**
 * Estimation accuracy (initial and final estimate vs actual time) of the filtered sessions, overall, by
 * task type and by developer. SQL computes the ratios' counts, sums and medians (window functions);
 * `estimationAccuracyFromAggregates` of the stats package turns them into the figures.
 */
import { type EstimationAccuracy, estimationAccuracyFromAggregates } from "ai-session-tracker-mcp/stats";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, get, sessionScope } from "./scope";
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

/**
 * The sessions estimation accuracy reads, as CTE `b`: the same readings as calculateEstimationAccuracy
 * (completed, duration > 0; initial falls back to the legacy human estimate (nullish); a final of 0 or
 * null is "not given").
 */
function baseCte(input: FilteredInput): { sql: string; params: unknown[] } {
  const scope = sessionScope(input.filters, queryWindow(input));
  return {
    sql: `b AS MATERIALIZED (
      SELECT s.task_type AS t, s.developer_id AS dv, s.duration_minutes AS d,
        coalesce(s.initial_estimate_minutes, s.human_time_estimate_minutes, 0) AS ini,
        coalesce(s.final_estimate_minutes, 0) AS fin
      FROM sessions s WHERE ${scope.sql} AND s.status = 'completed' AND s.duration_minutes > 0)`,
    params: scope.params,
  };
}

/**
 * The overall figures alone: counts and sums in one aggregate, each median as the middle of one sorted
 * read (ORDER BY … LIMIT/OFFSET) — several times cheaper than the window functions the per-group medians
 * of {@link byGroups} need.
 */
function overallOnly(input: FilteredInput): EstimationAccuracy {
  const b = baseCte(input);
  const t = get<{
    considered: number;
    apeN: number;
    apeSum: number;
    ni: number;
    si: number;
    nf: number;
    sf: number;
  }>(
    input.db,
    `WITH ${b.sql}
     SELECT count(*) AS considered, coalesce(sum(ini > 0 AND fin > 0), 0) AS apeN,
       total(CASE WHEN ini > 0 AND fin > 0 THEN abs(ini - fin) / fin END) AS apeSum,
       coalesce(sum(ini > 0), 0) AS ni, total(CASE WHEN ini > 0 THEN ini / d END) AS si,
       coalesce(sum(fin > 0), 0) AS nf, total(CASE WHEN fin > 0 THEN fin / d END) AS sf
     FROM b`,
    b.params,
  );
  if (!t) return EMPTY;
  const median = (col: "ini" | "fin", n: number): number | null => {
    if (n === 0) return null;
    const row = get<{ m: number }>(
      input.db,
      `WITH ${b.sql} SELECT avg(v) AS m FROM (SELECT ${col} / d AS v FROM b WHERE ${col} > 0 ORDER BY v LIMIT ? OFFSET ?)`,
      [...b.params, n % 2 === 1 ? 1 : 2, Math.floor((n - 1) / 2)],
    );
    return row?.m ?? null;
  };
  return estimationAccuracyFromAggregates({
    considered: t.considered,
    initial: { count: t.ni, sum: t.si, median: median("ini", t.ni) },
    final: { count: t.nf, sum: t.sf, median: median("fin", t.nf) },
    ape: { count: t.apeN, sum: t.apeSum },
  });
}

/** One pass over the scoped sessions for the three groupings (whole selection, task type, developer). */
function byGroups(input: FilteredInput): Groups {
  const b = baseCte(input);
  const base = `${b.sql},
    g AS (SELECT 'all' AS gk, '' AS k, d, ini, fin FROM b
      UNION ALL SELECT 'task', t, d, ini, fin FROM b
      UNION ALL SELECT 'dev', dv, d, ini, fin FROM b)`;
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
    b.params,
  );
  const totals = all<TotalRow>(
    input.db,
    `WITH ${base}
     SELECT gk, k, count(*) AS considered, sum(ini > 0 AND fin > 0) AS apeN,
       total(CASE WHEN ini > 0 AND fin > 0 THEN abs(ini - fin) / fin END) AS apeSum
     FROM g GROUP BY 1, 2`,
    b.params,
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
    const names = developerNames(input);
    const rows = (m: Map<string | number, EstimationAccuracy>, label: (k: string | number) => string) =>
      [...m]
        .map(([k, v]) => ({ key: label(k), ...v }))
        .sort((a, b) => b.sessions_considered - a.sessions_considered);
    if (!breakdowns) return { overall: overallOnly(input), byTaskType: [], byDeveloper: [] };
    const g = byGroups(input);
    return {
      overall: g.all.get("") ?? EMPTY,
      byTaskType: rows(g.task, String),
      byDeveloper: rows(g.dev, (k) => names.get(Number(k)) ?? String(k)),
    };
  });
}
