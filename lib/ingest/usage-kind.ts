/**
 * The usage kind (`usage.json`, issue 13) in the ingest's held-record table (`HELD_KINDS` in merge.ts):
 * rows are de-duplicated and reference-counted like requests. Identity is the record's (agent,
 * conversation, model, hour) plus its counts, so a record that grew between extractions, or an
 * older version in a conflict copy, is another row; readers take the largest version per identity.
 */
import { TOKEN_KINDS, type UsageRecord } from "ai-session-tracker-mcp/contract";
// Types only: merge.ts imports this module for HELD_KINDS (a value import back would be a cycle).
import type { HeldKindRules } from "./merge";

/**
 * The key text of a usage record (the `usage_key` column): its identity, then its counts and times
 * written out (exact, and short enough: no hash collisions to reason about).
 */
export function usageKey(r: UsageRecord): string {
  const counts = TOKEN_KINDS.map((k) => r[k]).join(",");
  return `${r.agent}\u001f${r.conversation_id}\u001f${r.model}\u001f${r.hour}\u001f${r.requests},${counts},${r.first_timestamp},${r.last_timestamp}`;
}

const ms = (iso: string) => Date.parse(iso);

/** The held-kind rules of usage records. */
export const USAGE_RULES: HeldKindRules<UsageRecord> = {
  columns: [
    "developer_id",
    "usage_key",
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
    ...TOKEN_KINDS, // the column names are the contract's token kinds
  ],
  keyColumns: ["developer_id", "usage_key"],
  keySql: "usage_key",
  hash: () => 0,
  key: (r) => usageKey(r),
  // biome-ignore format: the values in `columns` order, one line per group
  insert: (st, d, r, key, _hash, tsMs) => st.run(
    d, key, r.agent, r.agent_version, r.conversation_id, r.project, r.model,
    r.hour, tsMs, ms(r.first_timestamp), ms(r.last_timestamp), r.requests,
    r.input_tokens, r.output_tokens, r.cache_write_5m_tokens, r.cache_write_1h_tokens, r.cache_read_tokens, r.reasoning_output_tokens,
  ),
  keyValues: (developerId, _r, key) => [developerId, key],
};
