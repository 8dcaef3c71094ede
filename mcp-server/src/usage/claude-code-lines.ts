/**
 * Claude Code transcript lines → counted requests. An assistant line carries `message.model`,
 * `message.usage` (`input_tokens`, `output_tokens`, `cache_creation_input_tokens` — split into
 * `cache_creation.ephemeral_5m_input_tokens` / `ephemeral_1h_input_tokens` by newer versions —
 * `cache_read_input_tokens`), `timestamp`, `sessionId`, `cwd`, `version`, `message.id` and `requestId`.
 *
 * While a response streams, Claude Code writes one line per content block, each repeating the
 * message's usage: a request is identified by `message.id` + `requestId` and counted once (the largest
 * count seen per kind wins, so a line written before the final usage does not under-count). A resumed
 * conversation repeats earlier messages in its new file: the same key seen in any file counts once.
 */
import { createHash } from "node:crypto";
import type { TokenCounts } from "../contract/usage-schema.js";
import { isoTime, objectField, rawField, stringField, tokenCount } from "./usage-event.js";

/** What one parsed line says, before de-duplication. */
export interface ClaudeLine {
  /** `cwd` of the line, when it has one (decides the file's project). */
  cwd: string | null;
  /** Present on assistant lines with usage. */
  request: {
    /** Hash of `message.id` + `requestId`, or null when the line has neither (then it counts alone). */
    key: string | null;
    conversationId: string | null;
    agentVersion: string | null;
    model: string;
    timestamp: string;
    counts: TokenCounts;
  } | null;
}

/** Claude Code's placeholder for messages it made up itself (errors, interruptions): never billed. */
const SYNTHETIC_MODEL = "<synthetic>";

/** Reads one parsed transcript line (the value of `JSON.parse(line)`). */
export function readClaudeLine(value: unknown): ClaudeLine {
  const cwd = stringField(value, "cwd");
  const message = objectField(value, "message");
  const usage = objectField(message, "usage");
  const model = stringField(message, "model");
  const timestamp = isoTime(rawField(value, "timestamp"));
  if (
    stringField(value, "type") !== "assistant" ||
    !usage ||
    !model ||
    model === SYNTHETIC_MODEL ||
    !timestamp
  )
    return { cwd, request: null };
  const split = objectField(usage, "cache_creation");
  const writes = tokenCount(usage.cache_creation_input_tokens);
  const write1h = split ? tokenCount(split.ephemeral_1h_input_tokens) : 0;
  // Without the split (older versions) every write is a 5-minute write, Anthropic's default lifetime.
  const write5m = split ? Math.max(tokenCount(split.ephemeral_5m_input_tokens), writes - write1h) : writes;
  const messageId = stringField(message, "id");
  const requestId = stringField(value, "requestId");
  return {
    cwd,
    request: {
      key:
        messageId === null && requestId === null
          ? null
          : createHash("sha256")
              .update(`${messageId ?? ""}:${requestId ?? ""}`)
              .digest("base64url")
              .slice(0, 16),
      conversationId: stringField(value, "sessionId"),
      agentVersion: stringField(value, "version"),
      model,
      timestamp,
      counts: {
        input_tokens: tokenCount(usage.input_tokens),
        output_tokens: tokenCount(usage.output_tokens),
        cache_write_5m_tokens: write5m,
        cache_write_1h_tokens: write1h,
        cache_read_tokens: tokenCount(usage.cache_read_input_tokens),
        reasoning_output_tokens: 0,
      },
    },
  };
}
