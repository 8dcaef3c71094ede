/**
 * The raw usage rows (`/api/v1/usage`, issue 13): the latest version of every usage record the filters
 * select (one per developer, agent, conversation, model and hour — as the Spend page sums them), a page
 * at a time, sorted, each priced with the price row in force on its day.
 */
import { TOKEN_KINDS, type TokenCounts } from "ai-session-tracker-mcp/contract";
import { findPrice, type PriceRow, pyRound, usageCost } from "ai-session-tracker-mcp/stats";
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import type { DashboardFilters } from "@/lib/filters";
import { type ListParams, listParamsSchema, type RowsPage } from "./child-rows-page";
import { queryWindow } from "./data-span";
import { resolvedUsage } from "./get-spend";
import { all, type ScopedFilters, usageScope } from "./scope";

/** Sort keys of the usage list → SQL over alias `r` (developers `d`); ties break on the row id. */
export const USAGE_SORTS = {
  hour: "r.hour_ms",
  developer: "d.name",
  project: "r.project",
  model: "r.model",
  requests: "r.requests",
  output: "r.output_tokens",
} as const;

/** A sort key of the usage list. */
export type UsageSort = keyof typeof USAGE_SORTS;
/** The sort keys holding text (ordered by code point on both engines). */
const TEXT_SORTS: readonly UsageSort[] = ["developer", "project", "model"];
/** The list's params: page, page size (5..200, default 25), sort (default hour) and direction (default desc). */
export const usageListParamsSchema = listParamsSchema(USAGE_SORTS, "hour");
/** Parsed list params. */
export type UsageListParams = ListParams<UsageSort>;

/** One usage record (its latest version), priced. */
export interface UsageRow extends TokenCounts {
  id: number;
  developer: string;
  agent: string;
  agentVersion: string | null;
  conversationId: string;
  project: string;
  model: string;
  /** Start of the UTC hour as written in usage.json, and as epoch ms. */
  hour: string;
  hourMs: number;
  firstMs: number;
  lastMs: number;
  requests: number;
  /** USD at the price row in force on the hour's day, 6 dp; null when no price row covers the model. */
  costUsd: number | null;
}

/** A page of usage rows; `total` counts every row the filters select. */
export type UsagePage = RowsPage<UsageRow, UsageSort>;

/** Input of {@link listUsage}: `filters.onlyDevelopers` (set by the read model) limits rows to a member's folders. */
export interface UsageListInput {
  db: Store;
  filters: ScopedFilters & DashboardFilters;
  nowMs: number;
  /** The price table in force (`getPriceRows`). */
  prices: readonly PriceRow[];
  params: UsageListParams;
  /** Every row in the params' order, no page (CSV export). */
  everyRow?: boolean;
}

const COLUMNS = `r.id AS id, d.name AS developer, r.agent AS agent, r.agent_version AS "agentVersion",
  r.conversation_id AS "conversationId", r.project AS project, r.model AS model, r.hour AS hour,
  r.hour_ms AS "hourMs", r.first_ms AS "firstMs", r.last_ms AS "lastMs", r.requests AS requests,
  ${TOKEN_KINDS.map((k) => `r.${k} AS ${k}`).join(", ")}`;

/** The usage rows of the filtered view (see the module header). */
export async function listUsage({
  db,
  filters,
  nowMs,
  prices,
  params: p,
  everyRow,
}: UsageListInput): Promise<UsagePage> {
  const from = resolvedUsage(usageScope(filters, await queryWindow({ db, filters, nowMs })));
  const n = (await all<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${from.sql}`, from.params))[0]?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(n / p.pageSize));
  const page = Math.min(p.page, pageCount);
  const dir = p.dir === "asc" ? "ASC" : "DESC";
  const limit = everyRow ? "" : `LIMIT ${p.pageSize} OFFSET ${(page - 1) * p.pageSize}`;
  const rows = await all<Omit<UsageRow, "costUsd">>(
    db,
    `SELECT ${COLUMNS} FROM ${from.sql} JOIN developers d ON d.id = r.developer_id
     ORDER BY ${sqlFor(db).sortKey(USAGE_SORTS[p.sort], dir, { text: TEXT_SORTS.includes(p.sort) })}, r.id ${dir} ${limit}`,
    from.params,
  );
  const priced = rows.map((r) => {
    // Priced by the hour's UTC day, as the Spend page prices it.
    const price = findPrice(prices, r.model, new Date(r.hourMs).toISOString());
    return { ...r, costUsd: price ? pyRound(usageCost(r, price), 6) : null };
  });
  return { rows: priced, total: n, page, pageCount, params: { ...p, page } };
}
