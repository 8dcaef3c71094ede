/**
 * `usage.json` — measured token usage extracted from the coding agents' own logs (Claude Code, Codex) by
 * `ai-session-tracker usage`. Not an upstream file: the original tracker neither writes nor reads it.
 *
 * One record per (agent, conversation, model, UTC hour). Numbers and names only — never prompt or
 * response text. The file is a JSON array of records sorted by that key; a record for an hour that is
 * still running is rewritten with larger counts on the next extraction, so readers treat the key as the
 * identity and the later (larger) version as the truth.
 */
import { z } from "zod";
import { TrackerError } from "../errors.js";
import { describeZodError } from "./coerce.js";
import type { ParseResult, SkippedRecord } from "./parse-files.js";

/** File name of the usage file in the tracker folder (next to the four upstream files). */
export const USAGE_FILE_NAME = "usage.json";

/** The agents whose logs are read. */
export const USAGE_AGENTS = ["claude-code", "codex"] as const;
/** An agent whose logs are read. */
export type UsageAgent = (typeof USAGE_AGENTS)[number];

/**
 * Token counts by kind, in the order prices are listed. Disjoint except `reasoning_output_tokens`:
 * - `input_tokens`: input not read from nor written to a cache (Codex: input − cached input);
 * - `output_tokens`: all billed output, reasoning included (OpenAI counts reasoning inside output);
 * - `cache_write_5m_tokens` / `cache_write_1h_tokens`: prompt-cache writes with a 5-minute / 1-hour
 *   lifetime (Anthropic prices them differently; a log without the split counts all writes as 5 min,
 *   Anthropic's default lifetime);
 * - `cache_read_tokens`: input served from the prompt cache;
 * - `reasoning_output_tokens`: the part of `output_tokens` the agent reports as reasoning
 *   (informational: priced as output, never added to it).
 */
export const TOKEN_KINDS = [
  "input_tokens",
  "output_tokens",
  "cache_write_5m_tokens",
  "cache_write_1h_tokens",
  "cache_read_tokens",
  "reasoning_output_tokens",
] as const;
/** One token kind. */
export type TokenKind = (typeof TOKEN_KINDS)[number];
/** Token counts by kind (non-negative integers). */
export type TokenCounts = Record<TokenKind, number>;

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const isoUtc = z.iso.datetime({ offset: true });
/** Start of a UTC hour, `YYYY-MM-DDTHH:00:00Z`. */
const hourStart = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/, "expected YYYY-MM-DDTHH:00:00Z");

const tokenFields = Object.fromEntries(TOKEN_KINDS.map((kind) => [kind, count])) as Record<
  TokenKind,
  typeof count
>;

/** One usage record as written (extra keys are kept by readers and ignored). */
export const usageRecordSchema = z.looseObject({
  agent: z.enum(USAGE_AGENTS),
  /** The agent's version as its log states it (Claude Code `version`, Codex `cli_version`), or null. */
  agent_version: z.string().max(100).nullable(),
  /** Claude Code `sessionId`, Codex session id: one agent conversation. */
  conversation_id: z.string().min(1).max(200),
  /** The conversation's working folder's base name (the folder itself is never written). */
  project: z.string().max(500),
  /** Model name as the agent logged it (not normalised: pricing matches it). */
  model: z.string().min(1).max(200),
  /** UTC hour the counts fall in. */
  hour: hourStart,
  /** First and last time (ISO-8601, UTC) a counted request of this record was logged. */
  first_timestamp: isoUtc,
  last_timestamp: isoUtc,
  /** Model requests counted (Claude Code: distinct messages; Codex: token_count events with usage). */
  requests: count,
  ...tokenFields,
});
/** One usage record. */
export type UsageRecord = z.infer<typeof usageRecordSchema>;

/** The exact pattern {@link isoUtc} checks (zod's own), for the fast path. */
const ISO_UTC = z.regexes.datetime({ offset: true });
const HOUR_START = /^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/;
/** A record's number of own keys when it has exactly the contract's fields (no extra keys). */
const FIELD_COUNT = 9 + TOKEN_KINDS.length;

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isText = (v: unknown, min: number, max: number): v is string =>
  typeof v === "string" && v.length >= min && v.length <= max;

/**
 * Fast path for the common, well-typed record (exactly the contract's fields, plain values): `typeof`
 * and the schema's own patterns, about ten times cheaper than the zod object parse on JSON-parsed
 * input (it runs once per usage record of a cold ingest). Returns null when anything is unusual (an
 * extra key, a wrong type, a value out of range); the caller then goes through
 * {@link usageRecordSchema}, which gives the reason. Both paths produce equal records.
 */
export function normalizeUsageFast(value: unknown): UsageRecord | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const { agent, agent_version, conversation_id, project, model, hour, first_timestamp, last_timestamp } = v;
  const { requests, input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens } = v;
  const { cache_read_tokens, reasoning_output_tokens } = v;
  if (agent !== "claude-code" && agent !== "codex") return null;
  if (agent_version !== null && !isText(agent_version, 0, 100)) return null;
  if (!isText(conversation_id, 1, 200) || !isText(project, 0, 500) || !isText(model, 1, 200)) return null;
  if (typeof hour !== "string" || !HOUR_START.test(hour)) return null;
  if (typeof first_timestamp !== "string" || !ISO_UTC.test(first_timestamp)) return null;
  if (typeof last_timestamp !== "string" || !ISO_UTC.test(last_timestamp)) return null;
  if (
    !isCount(requests) ||
    !isCount(input_tokens) ||
    !isCount(output_tokens) ||
    !isCount(cache_write_5m_tokens) ||
    !isCount(cache_write_1h_tokens) ||
    !isCount(cache_read_tokens) ||
    !isCount(reasoning_output_tokens)
  )
    return null;
  // Extra keys are kept by the schema (loose object): leave those records to it.
  if (Object.keys(v).length !== FIELD_COUNT) return null;
  return {
    agent,
    agent_version,
    conversation_id,
    project,
    model,
    hour,
    first_timestamp,
    last_timestamp,
    requests,
    input_tokens,
    output_tokens,
    cache_write_5m_tokens,
    cache_write_1h_tokens,
    cache_read_tokens,
    reasoning_output_tokens,
  };
}

/** The identity of a usage record: agent, conversation, model and hour (tab-joined). */
export function usageRecordKey(r: Pick<UsageRecord, "agent" | "conversation_id" | "model" | "hour">): string {
  return `${r.agent}\t${r.conversation_id}\t${r.model}\t${r.hour}`;
}

/**
 * Parses the JSON value of `usage.json`. Bad records are skipped with a reason (key = array index).
 * @throws TrackerError `corrupt_file` when `data` is not an array.
 */
export function parseUsageFile(data: unknown): ParseResult<UsageRecord> {
  if (!Array.isArray(data)) {
    throw new TrackerError("corrupt_file", `${USAGE_FILE_NAME} must hold a JSON array`);
  }
  const records: UsageRecord[] = [];
  const skipped: SkippedRecord[] = [];
  for (let i = 0; i < data.length; i++) {
    let record = normalizeUsageFast(data[i]);
    if (record === null) {
      const parsed = usageRecordSchema.safeParse(data[i]);
      if (!parsed.success) {
        skipped.push({ key: i, reason: describeZodError(parsed.error) });
        continue;
      }
      record = parsed.data;
    }
    if (record.last_timestamp < record.first_timestamp) {
      skipped.push({ key: i, reason: "last_timestamp is before first_timestamp" });
      continue;
    }
    records.push(record);
  }
  return { records, skipped };
}
