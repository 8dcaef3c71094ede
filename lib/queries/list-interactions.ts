/**
 * The interactions list (`/api/v1/interactions`): the interactions the pages count for the filters (the
 * report's effectiveness and token figures), a page at a time, sorted. Prompt and response text are as
 * stored: a text the recorder withheld (AI_TRACKER_PROMPTS) is "" with its length beside it, as on the
 * session page — never anything else.
 */
import {
  CHILD_ROW_COLUMNS,
  type ChildRow,
  type ChildRowsInput,
  childRowsPage,
  type ListParams,
  listParamsSchema,
  type RowsPage,
} from "./child-rows-page";

// Laid out like list-issues.ts on purpose (sort keys, params, row, query): one file per resource.
/** Sort keys of the interactions list → SQL over alias `x` (developers `d`). */
export const INTERACTION_SORTS = {
  time: "x.ts_ms",
  developer: "d.name",
  effectiveness: "x.effectiveness_rating",
  iterations: "x.iteration_count",
  tokens_in: "x.tokens_in",
  tokens_out: "x.tokens_out",
} as const;

/** A sort key of the interactions list. */
export type InteractionSort = keyof typeof INTERACTION_SORTS;

/** The list's params: page, page size (5..200, default 25), sort (default time) and direction (default desc). */
export const interactionListParamsSchema = listParamsSchema(INTERACTION_SORTS, "time");
/** Parsed list params. */
export type InteractionListParams = ListParams<InteractionSort>;

/** One interaction (the common columns in {@link ChildRow}). */
export interface InteractionRow extends ChildRow {
  /** "" when withheld (see `promptWithheldChars`). */
  prompt: string;
  /** Length of the prompt the recorder withheld; null when it was written. */
  promptWithheldChars: number | null;
  responseSummary: string;
  summaryWithheldChars: number | null;
  effectivenessRating: number;
  iterationCount: number;
  toolsUsed: string[];
  tokensIn: number;
  tokensOut: number;
  cacheHitRate: number;
  contextPct: number;
}

/** A page of interactions for the filters (`filters.onlyDevelopers`: a member's own folders only). */
export async function listInteractions(
  input: ChildRowsInput<InteractionSort>,
): Promise<RowsPage<InteractionRow, InteractionSort>> {
  const page = await childRowsPage<
    Omit<InteractionRow, "toolsUsed"> & { toolsUsedJson: string },
    InteractionSort
  >(input, {
    name: "interaction-list",
    table: "interactions",
    select: `${CHILD_ROW_COLUMNS},
        x.prompt, x.prompt_withheld_chars AS "promptWithheldChars", x.response_summary AS "responseSummary",
        x.summary_withheld_chars AS "summaryWithheldChars", x.effectiveness_rating AS "effectivenessRating",
        x.iteration_count AS "iterationCount", x.tools_used_json AS "toolsUsedJson", x.tokens_in AS "tokensIn",
        x.tokens_out AS "tokensOut", x.cache_hit_rate AS "cacheHitRate", x.context_pct AS "contextPct"`,
    orderBy: INTERACTION_SORTS,
    textSorts: ["developer"],
  });
  return {
    ...page,
    rows: page.rows.map(({ toolsUsedJson, ...r }) => ({ ...r, toolsUsed: toolsOf(toolsUsedJson) })),
  };
}

/** The stored tools list (a JSON array of names, written by the ingest); anything else reads as none. */
function toolsOf(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : [];
}
