/**
 * Estimation accuracy (initial and final estimate vs actual time) of the filtered sessions, overall, by
 * task type and by developer. SQL computes the ratios' counts, sums and medians (window functions);
 * `estimationAccuracyFromAggregates` of the stats package turns them into the figures.
 */
import { type EstimationAccuracy, estimationAccuracyFromAggregates } from "ai-session-tracker-mcp/stats";
import { resolveWindow } from "@/lib/filters";
import type { FilteredInput } from "./get-report";
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
  k: string | number;
  kind: "i" | "f";
  n: number;
  sum: number;
  median: number | null;
}

function byGroup(input: FilteredInput, groupSql: string): Map<string | number, EstimationAccuracy> {
  const scope = sessionScope(input.filters, resolveWindow(input.filters, input.nowMs));
  // Same readings as calculateEstimationAccuracy: completed, duration > 0; initial falls back to the
  // legacy human estimate (nullish); a final of 0 or null is "not given".
  const base = `SELECT ${groupSql} AS k, s.duration_minutes AS d,
      coalesce(s.initial_estimate_minutes, s.human_time_estimate_minutes, 0) AS ini,
      coalesce(s.final_estimate_minutes, 0) AS fin
    FROM sessions s WHERE ${scope.sql} AND s.status = 'completed' AND s.duration_minutes > 0`;
  const ratios = all<RatioRow>(
    input.db,
    `WITH b AS (${base}),
     r AS (SELECT k, 'i' AS kind, ini / d AS v FROM b WHERE ini > 0 UNION ALL SELECT k, 'f', fin / d FROM b WHERE fin > 0),
     o AS (SELECT k, kind, v, ROW_NUMBER() OVER (PARTITION BY k, kind ORDER BY v) AS rn,
             COUNT(*) OVER (PARTITION BY k, kind) AS c FROM r)
     SELECT k, kind, count(*) AS n, total(v) AS sum,
       avg(CASE WHEN rn IN ((c + 1) / 2, (c + 2) / 2) THEN v END) AS median
     FROM o GROUP BY 1, 2`,
    scope.params,
  );
  const totals = all<{ k: string | number; considered: number; apeN: number; apeSum: number }>(
    input.db,
    `WITH b AS (${base})
     SELECT k, count(*) AS considered, sum(ini > 0 AND fin > 0) AS apeN,
       total(CASE WHEN ini > 0 AND fin > 0 THEN abs(ini - fin) / fin END) AS apeSum
     FROM b GROUP BY 1`,
    scope.params,
  );
  const out = new Map<string | number, EstimationAccuracy>();
  for (const t of totals) {
    const pick = (kind: "i" | "f") => {
      const r = ratios.find((x) => x.k === t.k && x.kind === kind);
      return { count: r?.n ?? 0, sum: r?.sum ?? 0, median: r?.median ?? null };
    };
    out.set(
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

/** Estimation accuracy of the filtered sessions. Ratios > 1 mean the work took less time than estimated. */
export function getEstimationAccuracy(input: FilteredInput): EstimationBreakdown {
  const names = developerNames(input.db);
  const rows = (m: Map<string | number, EstimationAccuracy>, label: (k: string | number) => string) =>
    [...m]
      .map(([k, v]) => ({ key: label(k), ...v }))
      .sort((a, b) => b.sessions_considered - a.sessions_considered);
  return {
    overall: byGroup(input, "''").get("") ?? EMPTY,
    byTaskType: rows(byGroup(input, "s.task_type"), String),
    byDeveloper: rows(byGroup(input, "s.developer_id"), (k) => names.get(Number(k)) ?? String(k)),
  };
}
