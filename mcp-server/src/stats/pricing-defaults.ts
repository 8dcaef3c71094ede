/**
 * The price rows shipped with the tracker (USD per million tokens), for current Claude, GPT and Gemini
 * models. The portal shows them in Settings, where an admin can add rows or override these (a later
 * row for the same model and date wins). Re-check them quarterly: list prices change.
 *
 * `effective_from` is the model's release or the day a price change took effect where a source states
 * it; `2024-01-01` marks "in force when read, start not verified" (a model cannot have been used
 * before it existed, so an early start never prices usage wrongly).
 *
 * Not modelled: long-context surcharges (Gemini Pro prompts > 200k tokens, Haiku 5.5 prompts > 100k:
 * these rows are the lower band, so such requests are under-priced), batch and priority tiers, regional
 * uplifts, Gemini cache storage per hour. OpenAI and Google charge no cache-write premium, so their
 * cache-write prices are the input price.
 */
import type { PriceRow } from "./pricing.js";

// Sources (read 2026-12-01 through the session's stored-page search):
const ANTHROPIC = "https://platform.claude.com/docs/en/about-claude/pricing (read 2026-12-01)";
const ANTHROPIC_SONNET_5 =
  "https://platform.claude.com/docs/zh-CN/models/sonnet-5/overview (read 2026-12-01)";
const ANTHROPIC_SONNET_5_5 =
  "https://platform.claude.com/docs/zh-CN/models/sonnet-5-5/overview; cache-read cut of 2026-10-07 per github.com/TheKrush/PromptFuel v1.0.23 and github.com/kurofune/claudit v1.9.2 release notes (read 2026-12-01)";
const ANTHROPIC_OPUS_5_5 =
  "https://platform.claude.com/docs/about-claude/models/whats-new-opus-5 ($4/$20) and docs.rs synaps pricing (cache read 0.05×, writes 1.25×/2×) (read 2026-12-01)";
const ANTHROPIC_HAIKU_5_5 =
  "github.com/TheKrush/PromptFuel v1.0.23 release notes, citing Anthropic's pricing page; prompts ≤ 100k band (read 2026-12-01)";
const OPENAI_CODEX =
  "https://fernando-nog.netlify.app/gpt-coding-model-costs-2026/ (OpenAI API prices as of 2026-05-05; read 2026-12-01)";
const OPENAI_GPT_5 =
  "ccusage apps/codex/CLAUDE.md (gpt-5 pricing of 2025-08-07, from OpenAI via LiteLLM; read 2026-12-01)";
const OPENAI_5_4 =
  "https://www.morphllm.com/openai-api-pricing (OpenAI's pricing page as of June 2026; read 2026-12-01)";
const OPENAI_5_2 =
  "docs.rs codex-ops 0.1.3 data/codex-rate-card.json (OpenAI Codex rate card, 25 credits = $1, checked 2026-05-13; read 2026-12-01)";
const GOOGLE =
  "https://www.morphllm.com/gemini-api-pricing (ai.google.dev pricing, ≤200k tier) and deploybase.ai (context caching = 10% of input) (read 2026-12-01)";

type Rates = [input: number, output: number, write5m: number, write1h: number, read: number];

function row(
  model: string,
  effective_from: string,
  [input, output, w5, w1h, read]: Rates,
  source: string,
): PriceRow {
  return {
    model,
    effective_from,
    input,
    output,
    cache_write_5m: w5,
    cache_write_1h: w1h,
    cache_read: read,
    source,
  };
}

/** OpenAI/Google rows: no cache-write premium, so both writes cost the input price. */
function flat(
  model: string,
  effective_from: string,
  input: number,
  output: number,
  read: number,
  source: string,
) {
  return row(model, effective_from, [input, output, input, input, read], source);
}

const OPUS_4 = [15, 75, 18.75, 30, 1.5] satisfies Rates;
const OPUS_4_5 = [5, 25, 6.25, 10, 0.5] satisfies Rates;
const SONNET_4 = [3, 15, 3.75, 6, 0.3] satisfies Rates;
const SONNET_5 = [2, 10, 2.5, 4, 0.2] satisfies Rates;

/**
 * Shipped price rows (see the module comment for sources and what is not modelled). A data table: the
 * rows look alike by nature, one per model and date.
 */
export const DEFAULT_PRICE_ROWS: readonly PriceRow[] = [
  // Anthropic — the five prices each (input, output, 5-minute write, 1-hour write, cache read).
  row("claude-fable-5-1", "2024-01-01", [10, 50, 12.5, 20, 0.25], ANTHROPIC),
  row("claude-fable-5", "2024-01-01", [10, 50, 12.5, 20, 1], ANTHROPIC),
  row("claude-opus-5-5", "2024-01-01", [4, 20, 5, 8, 0.2], ANTHROPIC_OPUS_5_5),
  row("claude-opus-5", "2026-07-24", OPUS_4_5, ANTHROPIC),
  row("claude-opus-4-8", "2024-01-01", OPUS_4_5, ANTHROPIC),
  row("claude-opus-4-7", "2024-01-01", OPUS_4_5, ANTHROPIC),
  row("claude-opus-4-6", "2024-01-01", OPUS_4_5, ANTHROPIC),
  row("claude-opus-4-5", "2025-11-24", OPUS_4_5, ANTHROPIC),
  row("claude-opus-4-1", "2025-08-05", OPUS_4, ANTHROPIC),
  row("claude-opus-4", "2025-05-22", OPUS_4, ANTHROPIC),
  row("claude-opus-4-0", "2025-05-22", OPUS_4, ANTHROPIC),
  row("claude-sonnet-5-5", "2024-01-01", SONNET_5, ANTHROPIC_SONNET_5_5),
  row("claude-sonnet-5-5", "2026-10-07", [2, 10, 2.5, 4, 0.1], ANTHROPIC_SONNET_5_5),
  row("claude-sonnet-5", "2026-06-30", SONNET_5, ANTHROPIC_SONNET_5),
  row("claude-sonnet-4-6", "2024-01-01", SONNET_4, ANTHROPIC),
  row("claude-sonnet-4-5", "2025-09-29", SONNET_4, ANTHROPIC),
  row("claude-sonnet-4", "2025-05-22", SONNET_4, ANTHROPIC),
  row("claude-sonnet-4-0", "2025-05-22", SONNET_4, ANTHROPIC),
  row("claude-3-7-sonnet", "2025-02-24", SONNET_4, ANTHROPIC),
  row("claude-haiku-5-5", "2026-10-07", [0.1, 0.5, 0.125, 0.2, 0.01], ANTHROPIC_HAIKU_5_5),
  row("claude-haiku-4-5", "2025-10-15", [1, 5, 1.25, 2, 0.1], ANTHROPIC),
  row("claude-3-5-haiku", "2024-10-22", [0.8, 4, 1, 1.6, 0.08], ANTHROPIC),
  // OpenAI (Codex's models) — input, output, cached input.
  flat("gpt-5", "2025-08-07", 1.25, 10, 0.125, OPENAI_GPT_5),
  flat("gpt-5-codex", "2025-09-15", 1.25, 10, 0.125, OPENAI_CODEX),
  flat("gpt-5.1", "2024-01-01", 1.25, 10, 0.125, OPENAI_CODEX),
  flat("gpt-5.1-codex", "2024-01-01", 1.25, 10, 0.125, OPENAI_CODEX),
  flat("gpt-5.1-codex-max", "2024-01-01", 1.25, 10, 0.125, OPENAI_CODEX),
  flat("gpt-5.2", "2024-01-01", 1.75, 14, 0.175, OPENAI_5_2),
  flat("gpt-5.2-codex", "2024-01-01", 1.75, 14, 0.175, OPENAI_CODEX),
  flat("gpt-5.3-codex", "2024-01-01", 1.75, 14, 0.175, OPENAI_CODEX),
  flat("gpt-5.4", "2024-01-01", 2.5, 15, 0.25, OPENAI_5_4),
  flat("gpt-5.4-mini", "2024-01-01", 0.75, 4.5, 0.075, OPENAI_5_4),
  flat("gpt-5.4-nano", "2024-01-01", 0.2, 1.25, 0.02, OPENAI_5_4),
  flat("gpt-5.5", "2024-01-01", 5, 30, 0.5, OPENAI_5_4),
  // Google Gemini — input, output, cached input (≤200k-token prompts).
  flat("gemini-3.5-flash", "2024-01-01", 1.5, 9, 0.15, GOOGLE),
  flat("gemini-3.1-pro", "2024-01-01", 2, 12, 0.2, GOOGLE),
  flat("gemini-3.1-flash-lite", "2024-01-01", 0.25, 1.5, 0.025, GOOGLE),
  flat("gemini-3-flash", "2024-01-01", 0.5, 3, 0.05, GOOGLE),
  flat("gemini-2.5-pro", "2024-01-01", 1.25, 10, 0.125, GOOGLE),
  flat("gemini-2.5-flash", "2024-01-01", 0.3, 2.5, 0.03, GOOGLE),
  flat("gemini-2.5-flash-lite", "2024-01-01", 0.1, 0.4, 0.01, GOOGLE),
];
