/**
 * Estimation accuracy (initial and final estimate vs actual time) of the filtered sessions, overall, by
 * task type and by developer. SQL reads each developer's ratios (kept per developer, per-developer.ts);
 * their counts, sums and medians are taken in memory and `estimationAccuracyFromAggregates` of the stats
 * package turns them into the figures.
 */
import { type EstimationAccuracy, estimationAccuracyFromAggregates } from "ai-session-tracker-mcp/stats";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper } from "./per-developer";
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

type Groups = Record<"all" | "task" | "dev", Map<string | number, EstimationAccuracy>>;

/**
 * One developer's readings, one entry per session estimation accuracy reads — the same readings as
 * calculateEstimationAccuracy (completed, duration > 0; initial falls back to the legacy human estimate
 * (nullish); a final of 0 or null is "not given"): the task type, initial / actual and final / actual
 * (NaN when not given) and the absolute error of the initial against the final estimate (NaN unless both).
 */
interface Readings {
  task: string[];
  initial: Float64Array;
  final: Float64Array;
  ape: Float64Array;
}

function readings(input: FilteredInput, dev: number, scope: { sql: string; params: unknown[] }): Readings {
  const rows = all<{ t: string; ri: number | null; rf: number | null; ape: number | null }>(
    input.db,
    `WITH b AS (
       SELECT s.task_type AS t, s.duration_minutes AS d,
         coalesce(s.initial_estimate_minutes, s.human_time_estimate_minutes, 0) AS ini,
         coalesce(s.final_estimate_minutes, 0) AS fin
       FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} AND s.status = 'completed' AND s.duration_minutes > 0)
     SELECT t, CASE WHEN ini > 0 THEN ini / d END AS ri, CASE WHEN fin > 0 THEN fin / d END AS rf,
       CASE WHEN ini > 0 AND fin > 0 THEN abs(ini - fin) / fin END AS ape
     FROM b`,
    [...scope.params, { dev }],
  );
  const col = (pick: (r: (typeof rows)[number]) => number | null) =>
    Float64Array.from(rows, (r) => pick(r) ?? Number.NaN);
  return {
    task: rows.map((r) => r.t),
    initial: col((r) => r.ri),
    final: col((r) => r.rf),
    ape: col((r) => r.ape),
  };
}

/** Counts, sums and medians of one group's readings, turned into figures by the stats package. */
class GroupAcc {
  considered = 0;
  initial: number[] = [];
  final: number[] = [];
  apeN = 0;
  apeSum = 0;
  add(r: Readings, i: number): void {
    this.considered += 1;
    const ri = r.initial[i] ?? Number.NaN;
    const rf = r.final[i] ?? Number.NaN;
    const ape = r.ape[i] ?? Number.NaN;
    if (!Number.isNaN(ri)) this.initial.push(ri);
    if (!Number.isNaN(rf)) this.final.push(rf);
    if (!Number.isNaN(ape)) {
      this.apeN += 1;
      this.apeSum += ape;
    }
  }
  figures(): EstimationAccuracy {
    const stat = (values: number[]) => {
      values.sort((a, b) => a - b);
      const n = values.length;
      // The middle value, or the mean of the two middle values (as SQL's avg() over them).
      const median =
        n === 0
          ? null
          : n % 2
            ? (values[(n - 1) / 2] ?? null)
            : ((values[n / 2 - 1] ?? 0) + (values[n / 2] ?? 0)) / 2;
      return { count: n, sum: values.reduce((a, v) => a + v, 0), median };
    };
    return estimationAccuracyFromAggregates({
      considered: this.considered,
      initial: stat(this.initial),
      final: stat(this.final),
      ape: { count: this.apeN, sum: this.apeSum },
    });
  }
}

/**
 * The whole selection, and by task type and developer when `breakdowns`: each developer's readings are
 * read once and cached under their data version (per-developer.ts); counts, sums and medians are taken
 * over the readings in memory.
 */
function byGroups(input: FilteredInput, breakdowns: boolean): Groups {
  const scope = sessionScope(input.filters, queryWindow(input));
  const devs = perDeveloper(input.db, "estimation", [scope], input.filters.developer, (dev) => ({
    dev,
    r: readings(input, dev, scope),
  }));
  const accs: Record<"all" | "task" | "dev", Map<string | number, GroupAcc>> = {
    all: new Map(),
    task: new Map(),
    dev: new Map(),
  };
  const at = (g: "all" | "task" | "dev", k: string | number) => {
    let a = accs[g].get(k);
    if (!a) {
      a = new GroupAcc();
      accs[g].set(k, a);
    }
    return a;
  };
  for (const { dev, r } of devs) {
    for (let i = 0; i < r.task.length; i++) {
      at("all", "").add(r, i);
      if (!breakdowns) continue;
      at("task", r.task[i] ?? "").add(r, i);
      at("dev", dev).add(r, i);
    }
  }
  const out: Groups = { all: new Map(), task: new Map(), dev: new Map() };
  for (const g of ["all", "task", "dev"] as const) for (const [k, a] of accs[g]) out[g].set(k, a.figures());
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
    const g = byGroups(input, breakdowns);
    if (!breakdowns) return { overall: g.all.get("") ?? EMPTY, byTaskType: [], byDeveloper: [] };
    return {
      overall: g.all.get("") ?? EMPTY,
      byTaskType: rows(g.task, String),
      byDeveloper: rows(g.dev, (k) => names.get(Number(k)) ?? String(k)),
    };
  });
}
