/**
 * Measured AI spend (issue 13): the token usage the recorder extracted from the agents' logs
 * (`usage` rows), priced per model with the price row in force on each day, per month × developer ×
 * project × model — what finance books — with totals per developer, project and model, the usage no
 * price row covers (listed, never priced at $0) and cache efficiency per model.
 *
 * A usage record may exist in several versions (it grew between extractions; a conflict copy holds an
 * older one): per identity (developer, agent, conversation, model, hour) the version with the most
 * requests, then the most tokens, is taken.
 */
import { TOKEN_KINDS, type TokenCounts } from "ai-session-tracker-mcp/contract";
import { findPrice, type PriceRow, pyRound, usageCost } from "ai-session-tracker-mcp/stats";
import type { Store } from "@/lib/db/store";
import type { DashboardFilters, TimeWindow } from "@/lib/filters";
import { queryWindow } from "./data-span";
import { memo } from "./memo";
import { all, type ScopedFilters, type SqlPart, usageScope } from "./scope";
// A cycle by design: session-usage reuses this file's sums, and the report lists its top sessions.
import { type SessionSpend, topSessionsBySpend } from "./session-usage";

/** Tokens and money of one group. Money is USD; `costUsd` covers the priced part only (2 dp). */
export interface SpendFigures {
  requests: number;
  tokens: TokenCounts;
  /** USD of the priced usage, 2 dp; null when none of it is priced. */
  costUsd: number | null;
  /** Requests no price row covers (their tokens are in `tokens`, their cost is unknown). */
  unpricedRequests: number;
}

/** One line of the finance view. */
export interface SpendLine extends SpendFigures {
  /** `YYYY-MM` (UTC). */
  month: string;
  developer: string;
  project: string;
  model: string;
}

/** A group total (developer, project or model). */
export interface SpendGroup extends SpendFigures {
  key: string;
}

/** Cache efficiency of one model: the share of input served from the cache. */
export interface CacheEfficiency {
  model: string;
  /** cache reads ÷ (input + cache writes + cache reads), 0–100, 1 dp; null without input. */
  cacheReadPct: number | null;
  /** USD the cache reads saved against paying the input price for them, 2 dp; null when unpriced. */
  savedUsd: number | null;
}

/**
 * How the usage relates to the recorded sessions: `matched` overlaps a session of the same developer and
 * project in time; `otherProject` overlaps only sessions of another project (the agent's working folder
 * is named differently from the tracker's project); `noSession` overlaps no session of the developer at
 * all (work the agent did without a tracked session).
 */
export interface SpendMatching {
  matched: SpendFigures;
  otherProject: SpendFigures;
  noSession: SpendFigures;
}

/** The spend report of one view. */
export interface SpendReport {
  period: TimeWindow | null;
  total: SpendFigures;
  lines: SpendLine[];
  byDeveloper: SpendGroup[];
  byProject: SpendGroup[];
  byModel: SpendGroup[];
  /** Per UTC day (`key` = `YYYY-MM-DD`), oldest first. */
  byDay: SpendGroup[];
  /** The most expensive sessions: the usage joined to each (lib/queries/session-usage.ts), top 10. */
  topSessions: SessionSpend[];
  /** Models with usage no price row covers: list them, add a price in Settings. */
  unpricedModels: string[];
  cache: CacheEfficiency[];
  /** The usage joined to the recorded sessions, and what is unmatched and why. */
  matching: SpendMatching;
}

interface DayRow {
  developer: string;
  project: string;
  model: string;
  dayMs: number;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_write_5m_tokens: number;
  cache_write_1h_tokens: number;
  cache_read_tokens: number;
  reasoning_output_tokens: number;
}

const DAY_MS = 86_400_000;
/** `SUM(kind) AS kind` for every token kind. */
export const tokenSums = TOKEN_KINDS.map((k) => `SUM(${k}) AS ${k}`).join(", ");
const tokenTotal =
  "input_tokens + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens";

/**
 * The latest version of every usage record in scope, as a FROM clause (alias `r`) with its parameters:
 * one row per (developer, agent, conversation, model, hour).
 */
export function resolvedUsage(scope: SqlPart): SqlPart {
  return {
    sql: `(SELECT * FROM (
        SELECT u.*, ROW_NUMBER() OVER (
          PARTITION BY u.developer_id, u.agent, u.conversation_id, u.model, u.hour_ms
          ORDER BY u.requests DESC, (${tokenTotal}) DESC, u.id) AS rn
        FROM usage u WHERE ${scope.sql}) AS latest WHERE rn = 1) r`,
    params: scope.params,
  };
}

/** An empty accumulator of {@link SpendFigures} (`priced` = the unrounded USD so far). */
export function zeroFigures(): SpendFigures & { priced: number } {
  const tokens = Object.fromEntries(TOKEN_KINDS.map((k) => [k, 0])) as TokenCounts;
  return { requests: 0, tokens, costUsd: null, unpricedRequests: 0, priced: 0 };
}

/** A group being summed. */
export type Acc = ReturnType<typeof zeroFigures>;

/** Adds one priced (or unpriced: `cost` null) row's requests and tokens to `acc`. */
export function add(acc: Acc, row: TokenCounts & { requests: number }, cost: number | null): void {
  acc.requests += row.requests;
  for (const k of TOKEN_KINDS) acc.tokens[k] += row[k];
  if (cost === null) acc.unpricedRequests += row.requests;
  else {
    acc.priced += cost;
    acc.costUsd = 0; // marks "something priced"; the rounded sum is set when the group is finished
  }
}

/** The figures of a finished group: the priced USD rounded to cents, null when nothing was priced. */
export function finish(acc: Acc): SpendFigures {
  return {
    requests: acc.requests,
    tokens: acc.tokens,
    costUsd: acc.costUsd === null ? null : pyRound(acc.priced, 2),
    unpricedRequests: acc.unpricedRequests,
  };
}

function grouped(map: Map<string, Acc>): SpendGroup[] {
  return [...map]
    .map(([key, acc]) => ({ key, ...finish(acc) }))
    .sort((a, b) => (b.costUsd ?? -1) - (a.costUsd ?? -1) || a.key.localeCompare(b.key));
}

/** A session overlaps a usage record: same developer, start ≤ its last request, end ≥ its first. */
const OVERLAPS = (project: boolean) => `EXISTS (SELECT 1 FROM sessions s WHERE s.developer_id = r.developer_id
  ${project ? "AND s.project = r.project" : ""}
  AND s.start_ms <= r.last_ms AND s.start_ms >= r.first_ms - ${7 * DAY_MS}
  AND coalesce(s.end_ms, s.start_ms) >= r.first_ms)`;

async function matching(db: Store, from: SqlPart, prices: readonly PriceRow[]): Promise<SpendMatching> {
  const rows = await all<Omit<DayRow, "developer" | "project"> & { m: keyof SpendMatching }>(
    db,
    `SELECT CASE WHEN ${OVERLAPS(true)} THEN 'matched' WHEN ${OVERLAPS(false)} THEN 'otherProject'
              ELSE 'noSession' END AS m,
            r.model AS model, (r.hour_ms / ${DAY_MS}) * ${DAY_MS} AS "dayMs", SUM(r.requests) AS requests, ${tokenSums}
     FROM ${from.sql} GROUP BY m, r.model, "dayMs"`,
    from.params,
  );
  const acc = { matched: zeroFigures(), otherProject: zeroFigures(), noSession: zeroFigures() };
  for (const row of rows) {
    const price = findPrice(prices, row.model, new Date(row.dayMs).toISOString().slice(0, 10));
    add(acc[row.m], row, price ? usageCost(row, price) : null);
  }
  return {
    matched: finish(acc.matched),
    otherProject: finish(acc.otherProject),
    noSession: finish(acc.noSession),
  };
}

/** Input of {@link getSpend}. */
export interface SpendInput {
  db: Store;
  filters: ScopedFilters & DashboardFilters;
  nowMs: number;
  /** The price table in force (`getPriceRows`). */
  prices: readonly PriceRow[];
}

/** The measured spend of the filtered view (see the module header). */
export async function getSpend({ db, filters, nowMs, prices }: SpendInput): Promise<SpendReport> {
  return memo(db, "spend", [filters, nowMs, prices], async () => {
    const period = await queryWindow({ db, filters, nowMs });
    const from = resolvedUsage(usageScope(filters, period));
    const rows = await all<DayRow>(
      db,
      `SELECT d.name AS developer, r.project AS project, r.model AS model,
              (r.hour_ms / ${DAY_MS}) * ${DAY_MS} AS "dayMs", SUM(r.requests) AS requests, ${tokenSums}
       FROM ${from.sql} JOIN developers d ON d.id = r.developer_id
       GROUP BY d.name, r.project, r.model, "dayMs"`,
      from.params,
    );
    const total = zeroFigures();
    const lines = new Map<
      string,
      Acc & { month: string; developer: string; project: string; model: string }
    >();
    const byDeveloper = new Map<string, Acc>();
    const byProject = new Map<string, Acc>();
    const byModel = new Map<string, Acc>();
    const byDay = new Map<string, Acc>();
    const cache = new Map<string, { read: number; input: number; saved: number | null }>();
    const unpriced = new Set<string>();
    const at = <K>(map: Map<K, Acc>, key: K) => {
      const acc = map.get(key) ?? zeroFigures();
      map.set(key, acc);
      return acc;
    };
    for (const row of rows) {
      const day = new Date(row.dayMs).toISOString().slice(0, 10);
      const price = findPrice(prices, row.model, day);
      const cost = price ? usageCost(row, price) : null;
      if (!price) unpriced.add(row.model);
      const month = day.slice(0, 7);
      const lineKey = `${month}\u001f${row.developer}\u001f${row.project}\u001f${row.model}`;
      let line = lines.get(lineKey);
      if (!line) {
        line = { ...zeroFigures(), month, developer: row.developer, project: row.project, model: row.model };
        lines.set(lineKey, line);
      }
      for (const acc of [
        total,
        line,
        at(byDeveloper, row.developer),
        at(byProject, row.project),
        at(byModel, row.model),
        at(byDay, day),
      ])
        add(acc, row, cost);
      const c = cache.get(row.model) ?? { read: 0, input: 0, saved: 0 };
      c.read += row.cache_read_tokens;
      c.input +=
        row.input_tokens + row.cache_write_5m_tokens + row.cache_write_1h_tokens + row.cache_read_tokens;
      c.saved =
        price && c.saved !== null
          ? c.saved + (row.cache_read_tokens * (price.input - price.cache_read)) / 1e6
          : null;
      cache.set(row.model, c);
    }
    return {
      period,
      total: finish(total),
      lines: [...lines.values()]
        .map(({ month, developer, project, model, ...acc }) => ({
          month,
          developer,
          project,
          model,
          ...finish(acc),
        }))
        .sort(
          (a, b) =>
            a.month.localeCompare(b.month) ||
            a.developer.localeCompare(b.developer) ||
            a.project.localeCompare(b.project) ||
            a.model.localeCompare(b.model),
        ),
      byDeveloper: grouped(byDeveloper),
      byProject: grouped(byProject),
      byModel: grouped(byModel),
      byDay: grouped(byDay).sort((a, b) => a.key.localeCompare(b.key)),
      topSessions: await topSessionsBySpend({ db, from, prices, limit: 10 }),
      unpricedModels: [...unpriced].sort(),
      cache: [...cache]
        .map(([model, c]) => ({
          model,
          cacheReadPct: c.input > 0 ? pyRound((c.read / c.input) * 100, 1) : null,
          savedUsd: c.saved === null ? null : pyRound(c.saved, 2),
        }))
        .sort((a, b) => a.model.localeCompare(b.model)),
      matching: await matching(db, from, prices),
    };
  });
}

/** A developer's measured spend in one project (USD of the priced part; requests in all). */
export interface MeasuredPart {
  usd: number;
  requests: number;
  unpricedRequests: number;
}

/**
 * Measured spend per developer id and project for the ROI method's spend input: the same resolved usage
 * and prices as {@link getSpend}, in `window` and the developer / project filters.
 */
export async function measuredSpendByDeveloper(input: {
  db: Store;
  filters: ScopedFilters;
  window: TimeWindow | null;
  prices: readonly PriceRow[];
}): Promise<Map<number, Map<string, MeasuredPart>>> {
  const { db, filters, window, prices } = input;
  const from = resolvedUsage(usageScope({ ...filters, model: undefined }, window));
  const rows = await all<Omit<DayRow, "developer"> & { dev: number }>(
    db,
    `SELECT r.developer_id AS dev, r.project AS project, r.model AS model,
            (r.hour_ms / ${DAY_MS}) * ${DAY_MS} AS "dayMs", SUM(r.requests) AS requests, ${tokenSums}
     FROM ${from.sql} GROUP BY r.developer_id, r.project, r.model, "dayMs"`,
    from.params,
  );
  const out = new Map<number, Map<string, MeasuredPart>>();
  for (const row of rows) {
    const price = findPrice(prices, row.model, new Date(row.dayMs).toISOString().slice(0, 10));
    const byProject = out.get(row.dev) ?? new Map<string, MeasuredPart>();
    out.set(row.dev, byProject);
    const part = byProject.get(row.project) ?? { usd: 0, requests: 0, unpricedRequests: 0 };
    byProject.set(row.project, part);
    part.requests += row.requests;
    if (price) part.usd += usageCost(row, price);
    else part.unpricedRequests += row.requests;
  }
  return out;
}
