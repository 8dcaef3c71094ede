/**
 * GET /api/v1/requests: upstream's request stats (`requests.json`) for the filters, as the Requests
 * panel shows them. Only the date, developer, project and model filters apply (requests are not tied to
 * sessions); the stats dict is upstream's, snake_case already.
 */
import type { RequestStats } from "ai-session-tracker-mcp/stats";
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema } from "./figures";

const num = z.number();

/** The body of GET /api/v1/requests. */
export const requestsResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    total_requests: num,
    total_tokens_in: num,
    total_tokens_out: num,
    total_cached_tokens: num,
    total_new_tokens: num,
    avg_tokens_in: num,
    avg_tokens_out: num,
    avg_cache_hit_rate: num.meta({ description: "0–1" }),
    by_type: z.record(z.string(), num).meta({ description: "Requests per type (keys are data)" }),
    by_model: z.record(z.string(), num).meta({ description: "Requests per model (keys are data)" }),
  }),
  ({ filters, stats }: { filters: DashboardFilters; stats: RequestStats }) => ({
    filters: filtersDto(filters),
    total_requests: stats.total_requests,
    total_tokens_in: stats.total_tokens_in,
    total_tokens_out: stats.total_tokens_out,
    total_cached_tokens: stats.total_cached_tokens,
    total_new_tokens: stats.total_new_tokens,
    avg_tokens_in: stats.avg_tokens_in,
    avg_tokens_out: stats.avg_tokens_out,
    avg_cache_hit_rate: stats.avg_cache_hit_rate,
    by_type: stats.by_type,
    by_model: stats.by_model,
  }),
);
