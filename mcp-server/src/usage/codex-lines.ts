/**
 * Codex rollout lines → counted requests. `session_meta` names the conversation (`payload.id`), its
 * working folder (`payload.cwd`) and the CLI version (`payload.cli_version`); `turn_context` sets the
 * model (`payload.model`) for what follows; `event_msg` lines with `payload.type == "token_count"` carry
 * `payload.info.total_token_usage` (cumulative for the conversation) and `last_token_usage` (the last
 * turn), each with `input_tokens` (cached included), `cached_input_tokens`, `output_tokens` (reasoning
 * included, as OpenAI bills it) and `reasoning_output_tokens`.
 *
 * Codex repeats a token_count event unchanged at times, so a request is the *difference* of the
 * cumulative totals: a repeat adds nothing. A total that went down (a new context after compaction
 * or a resumed conversation) is a reset: that event counts its `last_token_usage`. Without totals
 * (older versions) `last_token_usage` is all there is.
 */
import type { TokenCounts } from "../contract/usage-schema.js";
import { isoTime, objectField, rawField, stringField, tokenCount } from "./usage-event.js";

/** Cumulative counters: input (cached included), cached input, output, reasoning output. */
export type CodexTotals = [number, number, number, number];

/** What a Codex file's reader carries from one line to the next (kept between runs). */
export interface CodexCursor {
  conversationId: string | null;
  cwd: string | null;
  agentVersion: string | null;
  model: string | null;
  totals: CodexTotals | null;
}

/** A request counted from a token_count line. */
export interface CodexRequest {
  timestamp: string;
  counts: TokenCounts;
}

function totalsOf(usage: Record<string, unknown> | undefined): CodexTotals | null {
  if (!usage) return null;
  return [
    tokenCount(usage.input_tokens),
    tokenCount(usage.cached_input_tokens),
    tokenCount(usage.output_tokens),
    tokenCount(usage.reasoning_output_tokens),
  ];
}

function toCounts([input, cached, output, reasoning]: CodexTotals): TokenCounts {
  const read = Math.min(cached, input);
  return {
    input_tokens: input - read,
    output_tokens: output,
    cache_write_5m_tokens: 0,
    cache_write_1h_tokens: 0,
    cache_read_tokens: read,
    reasoning_output_tokens: reasoning,
  };
}

/**
 * Reads one parsed rollout line, updating `cursor`; returns the request it counts, or null (meta lines,
 * repeats, events without usage).
 */
export function readCodexLine(value: unknown, cursor: CodexCursor): CodexRequest | null {
  const type = stringField(value, "type");
  const payload = objectField(value, "payload");
  if (type === "session_meta") {
    cursor.conversationId = stringField(payload, "id") ?? cursor.conversationId;
    cursor.cwd = stringField(payload, "cwd") ?? cursor.cwd;
    cursor.agentVersion = stringField(payload, "cli_version") ?? cursor.agentVersion;
    return null;
  }
  if (type === "turn_context") {
    cursor.model = stringField(payload, "model") ?? cursor.model;
    cursor.cwd ??= stringField(payload, "cwd");
    return null;
  }
  if (type !== "event_msg" || stringField(payload, "type") !== "token_count") return null;
  const info = objectField(payload, "info");
  const total = totalsOf(objectField(info, "total_token_usage"));
  const last = totalsOf(objectField(info, "last_token_usage"));
  let delta: CodexTotals | null;
  if (total === null) delta = last;
  else {
    const previous = cursor.totals;
    if (previous === null || total.some((v, i) => v < (previous[i] ?? 0))) delta = last ?? total;
    else delta = total.map((v, i) => v - (previous[i] ?? 0)) as CodexTotals;
    cursor.totals = total;
  }
  const timestamp = isoTime(rawField(value, "timestamp"));
  if (delta === null || timestamp === null || delta.every((v) => v === 0)) return null;
  return { timestamp, counts: toCounts(delta) };
}
