/** GET /api/v1/usage: the raw usage rows behind the Spend page (issue 13; lib/queries/list-usage.ts), snake_case. */
import { TOKEN_KINDS } from "ai-session-tracker-mcp/contract";
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import { USAGE_SORTS, type UsagePage, type UsageRow, type UsageSort } from "@/lib/queries/list-usage";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema } from "./figures";
import { listPageDto, listPageFields } from "./list-page";

const num = z.number();

/** What the usage route loads: the filters and a page of rows. */
export interface UsageView {
  filters: DashboardFilters;
  page: UsagePage;
}

/**
 * The CSV columns of a usage row (also its JSON keys, in this order). Deliberately the `usage` table's
 * column names (lib/ingest/usage-kind.ts): the public names are the contract's, so the lists look alike.
 */
export const USAGE_CSV_COLUMNS = [
  "id",
  "developer",
  "agent",
  "agent_version",
  "conversation_id",
  "project",
  "model",
  "hour",
  "hour_ms",
  "first_ms",
  "last_ms",
  "requests",
  ...TOKEN_KINDS,
  "cost_usd",
] as const;

/** A usage row → its snake_case fields. */
function rowDto(r: UsageRow) {
  return {
    id: r.id,
    developer: r.developer,
    agent: r.agent,
    agent_version: r.agentVersion,
    conversation_id: r.conversationId,
    project: r.project,
    model: r.model,
    hour: r.hour,
    hour_ms: r.hourMs,
    first_ms: r.firstMs,
    last_ms: r.lastMs,
    requests: r.requests,
    input_tokens: r.input_tokens,
    output_tokens: r.output_tokens,
    cache_write_5m_tokens: r.cache_write_5m_tokens,
    cache_write_1h_tokens: r.cache_write_1h_tokens,
    cache_read_tokens: r.cache_read_tokens,
    reasoning_output_tokens: r.reasoning_output_tokens,
    cost_usd: r.costUsd,
  };
}

/** The body of GET /api/v1/usage (CSV: every row, USAGE_CSV_COLUMNS). */
export const usageResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    rows: z.array(
      z.strictObject({
        id: num,
        developer: z.string(),
        agent: z.string(),
        agent_version: z.string().nullable(),
        conversation_id: z.string(),
        project: z.string().meta({ description: "The agent's working folder name" }),
        model: z.string().meta({ description: "The agent's own model name (not normalised)" }),
        hour: z.string().meta({ description: "Start of the UTC hour, as written in usage.json" }),
        hour_ms: num,
        first_ms: num,
        last_ms: num,
        requests: num,
        input_tokens: num,
        output_tokens: num,
        cache_write_5m_tokens: num,
        cache_write_1h_tokens: num,
        cache_read_tokens: num,
        reasoning_output_tokens: num.meta({ description: "Part of output_tokens (not priced again)" }),
        cost_usd: num.nullable().meta({
          description: "USD at the price in force on the hour's day, 6 dp; null when the model has no price",
        }),
      }),
    ),
    ...listPageFields(Object.keys(USAGE_SORTS) as [UsageSort, ...UsageSort[]]),
  }),
  ({ filters, page }: UsageView) => ({
    filters: filtersDto(filters),
    rows: page.rows.map(rowDto),
    ...listPageDto(page),
  }),
);

/** The CSV rows of usage rows (cells in USAGE_CSV_COLUMNS order). */
export function usageCsvRows(rows: readonly UsageRow[]): (string | number | null)[][] {
  return rows.map((r) => {
    const d = rowDto(r);
    return USAGE_CSV_COLUMNS.map((c) => d[c]);
  });
}
