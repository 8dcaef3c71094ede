/**
 * GET /api/v1/interactions: a page of the interactions the pages count for the filters, each with the
 * session page's fields (text the recorder withheld is "" with its length in `*_withheld_chars`).
 */
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import type { RowsPage } from "@/lib/queries/child-rows-page";
import {
  INTERACTION_SORTS,
  type InteractionRow,
  type InteractionSort,
} from "@/lib/queries/list-interactions";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema } from "./figures";
import { childRowDto, childRowFields, listPageDto, listPageFields } from "./list-page";
import { interactionFields } from "./sessions";

/** The body of GET /api/v1/interactions. */
export const interactionsResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    rows: z.array(z.strictObject({ ...childRowFields, ...interactionFields })),
    ...listPageFields(Object.keys(INTERACTION_SORTS) as [InteractionSort, ...InteractionSort[]]),
  }),
  ({ filters, page }: { filters: DashboardFilters; page: RowsPage<InteractionRow, InteractionSort> }) => ({
    filters: filtersDto(filters),
    rows: page.rows.map((r) => ({
      ...childRowDto(r),
      prompt: r.prompt,
      response_summary: r.responseSummary,
      effectiveness_rating: r.effectivenessRating,
      iteration_count: r.iterationCount,
      tools_used: r.toolsUsed,
      tokens_in: r.tokensIn,
      tokens_out: r.tokensOut,
      cache_hit_rate: r.cacheHitRate,
      context_pct: r.contextPct,
      // Present only for withheld text, as on the session page.
      ...(r.promptWithheldChars === null ? {} : { prompt_withheld_chars: r.promptWithheldChars }),
      ...(r.summaryWithheldChars === null ? {} : { summary_withheld_chars: r.summaryWithheldChars }),
    })),
    ...listPageDto(page),
  }),
);
