/**
 * Pricing of measured token usage (portal extension, issue 13): a price row per model with the date it
 * took effect, the lookup that finds the row in force for a model at a time, and the cost of a set of
 * token counts. Prices are USD per million tokens. The shipped rows are in `pricing-defaults.ts`; the
 * portal's admin may add or override rows (same shape).
 *
 * A model without a row is *unpriced*: callers report it and leave its cost out (null), never $0.
 */
import type { TokenCounts } from "../contract/usage-schema.js";
import { pyRound } from "./rounding.js";

/** One model's prices from `effective_from` (UTC date, inclusive) until a later row for it. */
export interface PriceRow {
  /** Model id without date suffix or provider prefix, lower case (see {@link normalizeModelName}). */
  model: string;
  /** `YYYY-MM-DD`, UTC. */
  effective_from: string;
  /** USD per million tokens. */
  input: number;
  output: number;
  cache_write_5m: number;
  cache_write_1h: number;
  cache_read: number;
  /** Where the figures come from (URL and the day they were read), shown beside the table. */
  source: string;
}

/**
 * The name prices are matched on: lower case, without a provider prefix (`anthropic/`, `openai/`…), a
 * context-size tag (`[1m]`) or a release-date suffix (`-20250929`, `@20250929`), so every snapshot of a
 * model finds its family's row.
 */
export function normalizeModelName(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^[a-z0-9_-]+\//, "")
    .replace(/\[[^\]]*\]$/, "")
    .replace(/[-@]\d{8}$/, "")
    .replace(/-\d{4}-\d{2}-\d{2}$/, "");
}

/**
 * The row in force for `model` at `atIso` (an ISO time or date; compared by its UTC date): among rows
 * of the normalised name with `effective_from` ≤ that date, the latest. A row of the rows' own order
 * later in `rows` wins a tie, so an admin's row placed after the defaults overrides them.
 * Returns null when no row applies (unknown model, or a time before its first price).
 */
export function findPrice(rows: readonly PriceRow[], model: string, atIso: string): PriceRow | null {
  const name = normalizeModelName(model);
  const day = atIso.slice(0, 10);
  let best: PriceRow | null = null;
  for (const row of rows) {
    if (row.model !== name || row.effective_from > day) continue;
    if (best === null || row.effective_from >= best.effective_from) best = row;
  }
  return best;
}

/**
 * Cost in USD of `counts` at `row`'s prices: input, output, both cache writes and cache reads, each
 * × price ÷ 1e6. Reasoning tokens are part of output already and are not added again. Not rounded.
 */
export function usageCost(counts: TokenCounts, row: PriceRow): number {
  return (
    (counts.input_tokens * row.input +
      counts.output_tokens * row.output +
      counts.cache_write_5m_tokens * row.cache_write_5m +
      counts.cache_write_1h_tokens * row.cache_write_1h +
      counts.cache_read_tokens * row.cache_read) /
    1_000_000
  );
}

/** Measured cost per unit of work (issue 13): USD, 2 dp; null when there is no cost or no unit. */
export interface CostPerUnit {
  perSession: number | null;
  perSuccessfulSession: number | null;
  perValueHour: number | null;
}

/**
 * Measured AI cost ÷ counted sessions, ÷ successful sessions, ÷ hours saved (the ROI method's expected
 * value hours). A failed session's cost stays in the numerator: the work that succeeded carries it.
 */
export function costPerUnit(input: {
  costUsd: number | null;
  sessions: number;
  successfulSessions: number;
  valueHours: number;
}): CostPerUnit {
  const per = (n: number) => (input.costUsd === null || !(n > 0) ? null : pyRound(input.costUsd / n, 2));
  return {
    perSession: per(input.sessions),
    perSuccessfulSession: per(input.successfulSessions),
    perValueHour: per(input.valueHours),
  };
}
