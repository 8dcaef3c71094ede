/** GET /api/v1/spend: measured AI spend (issue 13; lib/queries/get-spend.ts), snake_case. */
import { TOKEN_KINDS } from "ai-session-tracker-mcp/contract";
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import type { SpendFigures, SpendReport } from "@/lib/queries/get-spend";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema } from "./figures";

const num = z.number();
/** The snake_case fields of {@link SpendFigures} (tokens flattened by kind). */
export const figures = {
  requests: num,
  input_tokens: num,
  output_tokens: num,
  cache_write_5m_tokens: num,
  cache_write_1h_tokens: num,
  cache_read_tokens: num,
  reasoning_output_tokens: num.meta({ description: "Part of output_tokens (not priced again)" }),
  cost_usd: num
    .nullable()
    .meta({ description: "USD of the priced usage, 2 dp; null when none of it has a price" }),
  unpriced_requests: num.meta({
    description: "Requests of models without a price row (cost unknown, never $0)",
  }),
};
const group = z.strictObject({ key: z.string(), ...figures });

/** {@link SpendFigures} → its snake_case fields. */
export function figuresDto(f: SpendFigures) {
  return {
    requests: f.requests,
    input_tokens: f.tokens.input_tokens,
    output_tokens: f.tokens.output_tokens,
    cache_write_5m_tokens: f.tokens.cache_write_5m_tokens,
    cache_write_1h_tokens: f.tokens.cache_write_1h_tokens,
    cache_read_tokens: f.tokens.cache_read_tokens,
    reasoning_output_tokens: f.tokens.reasoning_output_tokens,
    cost_usd: f.costUsd,
    unpriced_requests: f.unpricedRequests,
  };
}

/** The body of GET /api/v1/spend (CSV: the lines, SPEND_CSV_COLUMNS). */
export const spendResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    total: z.strictObject(figures),
    lines: z.array(
      z.strictObject({
        month: z.string().meta({ description: "YYYY-MM (UTC)" }),
        developer: z.string(),
        project: z.string(),
        model: z.string(),
        ...figures,
      }),
    ),
    by_developer: z.array(group),
    by_project: z.array(group),
    by_model: z.array(group),
    by_day: z.array(group).meta({ description: "Per UTC day (key YYYY-MM-DD), oldest first" }),
    top_sessions: z
      .array(
        z.strictObject({
          id: num.meta({ description: "The portal's session id (GET /api/v1/sessions/{id})" }),
          developer: z.string(),
          project: z.string(),
          session_name: z.string(),
          ...figures,
        }),
      )
      .meta({ description: "The 10 sessions with the most measured cost (usage joined as on the session)" }),
    unpriced_models: z.array(z.string()),
    matching: z
      .strictObject({
        matched: z.strictObject(figures),
        other_project: z.strictObject(figures),
        no_session: z.strictObject(figures),
      })
      .meta({
        description:
          "The usage joined to the recorded sessions: overlapping a session of the same developer and project; only another project's session (the agent's folder is named differently); no session at all",
      }),
    cache: z.array(
      z.strictObject({
        model: z.string(),
        cache_read_pct: num.nullable(),
        saved_usd: num.nullable(),
      }),
    ),
  }),
  (c: { filters: DashboardFilters; spend: SpendReport }) => ({
    filters: filtersDto(c.filters),
    total: figuresDto(c.spend.total),
    lines: c.spend.lines.map((l) => ({
      month: l.month,
      developer: l.developer,
      project: l.project,
      model: l.model,
      ...figuresDto(l),
    })),
    by_developer: c.spend.byDeveloper.map((g) => ({ key: g.key, ...figuresDto(g) })),
    by_project: c.spend.byProject.map((g) => ({ key: g.key, ...figuresDto(g) })),
    by_day: c.spend.byDay.map((g) => ({ key: g.key, ...figuresDto(g) })),
    top_sessions: c.spend.topSessions.map((t) => ({
      id: t.id,
      developer: t.developer,
      project: t.project,
      session_name: t.sessionName,
      ...figuresDto(t),
    })),
    by_model: c.spend.byModel.map((g) => ({ key: g.key, ...figuresDto(g) })),
    unpriced_models: [...c.spend.unpricedModels],
    matching: {
      matched: figuresDto(c.spend.matching.matched),
      other_project: figuresDto(c.spend.matching.otherProject),
      no_session: figuresDto(c.spend.matching.noSession),
    },
    cache: c.spend.cache.map((x) => ({
      model: x.model,
      cache_read_pct: x.cacheReadPct,
      saved_usd: x.savedUsd,
    })),
  }),
);

/** The CSV columns of GET /api/v1/spend?format=csv: one row per month × developer × project × model. */
export const SPEND_CSV_COLUMNS = [
  "month",
  "developer",
  "project",
  "model",
  "requests",
  ...TOKEN_KINDS,
  "cost_usd",
  "unpriced_requests",
] as const;

/** The CSV rows of the spend lines (cells in SPEND_CSV_COLUMNS order). */
export function spendCsvRows(spend: SpendReport): (string | number | null)[][] {
  return spend.lines.map((l) => {
    const f = figuresDto(l);
    return [
      l.month,
      l.developer,
      l.project,
      l.model,
      ...SPEND_CSV_COLUMNS.slice(4).map((c) => f[c as keyof typeof f]),
    ];
  });
}
