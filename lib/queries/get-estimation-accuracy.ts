/**
 * Estimation accuracy (initial and final estimate vs actual time) of the filtered sessions, overall, by
 * task type and by developer. SQL reads each developer's ratios (kept per developer, per-developer.ts);
 * their counts, sums and medians (across the developers' sorted ratios, without merging them:
 * sorted-median.ts) are taken in memory and `estimationAccuracyFromAggregates` of the stats package turns
 * them into the figures.
 */
import { type EstimationAccuracy, estimationAccuracyFromAggregates } from "ai-session-tracker-mcp/stats";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper, rowFilters } from "./per-developer";
import { all, sessionScope } from "./scope";
import { developerNames } from "./slices";
import { medianOfSorted } from "./sorted-median";

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
 * What estimation accuracy needs of a group of sessions: the readings' counts and sums and every
 * initial / actual and final / actual ratio, sorted (for the medians). The readings are those of
 * calculateEstimationAccuracy: completed, duration > 0; initial falls back to the legacy human estimate
 * (nullish); a final of 0 or null is "not given"; the absolute error of initial against final needs both.
 */
interface Sums {
  considered: number;
  initial: Float64Array;
  final: Float64Array;
  initialSum: number;
  finalSum: number;
  apeN: number;
  apeSum: number;
}

/** One developer's sums: overall and per task type. */
interface DeveloperSums {
  dev: number;
  all: Sums;
  byTask: Map<string, Sums>;
}

type Reading = { t: string; ri: number | null; rf: number | null; ape: number | null };

function sumsOf(rows: readonly Reading[]): Sums {
  const initial: number[] = [];
  const final: number[] = [];
  let initialSum = 0;
  let finalSum = 0;
  let apeN = 0;
  let apeSum = 0;
  for (const r of rows) {
    if (r.ri !== null) {
      initial.push(r.ri);
      initialSum += r.ri;
    }
    if (r.rf !== null) {
      final.push(r.rf);
      finalSum += r.rf;
    }
    if (r.ape !== null) {
      apeN += 1;
      apeSum += r.ape;
    }
  }
  return {
    considered: rows.length,
    initial: Float64Array.from(initial).sort(),
    final: Float64Array.from(final).sort(),
    initialSum,
    finalSum,
    apeN,
    apeSum,
  };
}

async function developerSums(
  input: FilteredInput,
  dev: number,
  scope: { sql: string; params: unknown[] },
): Promise<DeveloperSums> {
  const rows = await all<Reading>(
    input.db,
    `WITH b AS (
       SELECT s.task_type AS t, s.duration_minutes AS d, s.start_ms AS st, s.id AS id,
         coalesce(s.initial_estimate_minutes, s.human_time_estimate_minutes, 0) AS ini,
         coalesce(s.final_estimate_minutes, 0) AS fin
       FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} AND s.status = 'completed' AND s.duration_minutes > 0)
     SELECT t, CASE WHEN ini > 0 THEN ini / d END AS ri, CASE WHEN fin > 0 THEN fin / d END AS rf,
       CASE WHEN ini > 0 AND fin > 0 THEN abs(ini - fin) / fin END AS ape
     FROM b
     -- One order whatever the plan: the sums are added in row order, and a float sum's last digits
     -- depend on it (PostgreSQL returned the rows of two equivalent windows in different orders).
     ORDER BY st, id`,
    [...scope.params, { dev }],
  );
  const perTask = new Map<string, Reading[]>();
  for (const r of rows) {
    const list = perTask.get(r.t) ?? [];
    list.push(r);
    perTask.set(r.t, list);
  }
  return { dev, all: sumsOf(rows), byTask: new Map([...perTask].map(([t, list]) => [t, sumsOf(list)])) };
}

/** The figures of several developers' sums taken together (medians across their sorted ratios). */
function figuresOf(parts: readonly Sums[]): EstimationAccuracy {
  const stat = (pick: (p: Sums) => Float64Array, sum: (p: Sums) => number) => ({
    ...medianOfSorted(parts.map(pick)),
    sum: parts.reduce((a, p) => a + sum(p), 0),
  });
  return estimationAccuracyFromAggregates({
    considered: parts.reduce((a, p) => a + p.considered, 0),
    initial: stat(
      (p) => p.initial,
      (p) => p.initialSum,
    ),
    final: stat(
      (p) => p.final,
      (p) => p.finalSum,
    ),
    ape: { count: parts.reduce((a, p) => a + p.apeN, 0), sum: parts.reduce((a, p) => a + p.apeSum, 0) },
  });
}

/**
 * The whole selection, and by task type and developer when `breakdowns`: each developer's readings are
 * read once and their sums and sorted ratios kept under their data version (per-developer.ts).
 */
async function byGroups(input: FilteredInput, breakdowns: boolean): Promise<Groups> {
  const window = await queryWindow(input);
  const scope = sessionScope(input.filters, window);
  const devs = await perDeveloper(
    input.db,
    "estimation",
    [rowFilters(input.filters)],
    input.filters.developer,
    async (dev) => await developerSums(input, dev, scope),
    [window],
  );
  const out: Groups = { all: new Map(), task: new Map(), dev: new Map() };
  const withData = devs.filter((d) => d.all.considered > 0);
  if (withData.length) out.all.set("", figuresOf(withData.map((d) => d.all)));
  if (!breakdowns) return out;
  const tasks = new Map<string, Sums[]>();
  for (const d of withData) {
    out.dev.set(d.dev, figuresOf([d.all]));
    for (const [t, sums] of d.byTask) tasks.set(t, [...(tasks.get(t) ?? []), sums]);
  }
  for (const [t, parts] of tasks) out.task.set(t, figuresOf(parts));
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
export async function getEstimationAccuracy(
  input: FilteredInput & { breakdowns?: boolean },
): Promise<EstimationBreakdown> {
  const breakdowns = input.breakdowns ?? true;
  return memo(input.db, "estimation", [input.filters, input.nowMs, breakdowns], async () => {
    const names = await developerNames(input);
    const rows = (m: Map<string | number, EstimationAccuracy>, label: (k: string | number) => string) =>
      [...m]
        .map(([k, v]) => ({ key: label(k), ...v }))
        .sort((a, b) => b.sessions_considered - a.sessions_considered);
    const g = await byGroups(input, breakdowns);
    if (!breakdowns) return { overall: g.all.get("") ?? EMPTY, byTaskType: [], byDeveloper: [] };
    return {
      overall: g.all.get("") ?? EMPTY,
      byTaskType: rows(g.task, String),
      byDeveloper: rows(g.dev, (k) => names.get(Number(k)) ?? String(k)),
    };
  });
}
