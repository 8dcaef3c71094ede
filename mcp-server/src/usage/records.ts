/** Usage records built from counted requests: one per (agent, conversation, model, UTC hour). */
import {
  TOKEN_KINDS,
  type TokenCounts,
  type UsageAgent,
  type UsageRecord,
  usageRecordKey,
} from "../contract/usage-schema.js";
import type { UsageEvent } from "./usage-event.js";

/** Records by key. */
export type RecordMap = Map<string, UsageRecord>;

/** The UTC hour an ISO time falls in, `YYYY-MM-DDTHH:00:00Z`. */
export function hourOf(iso: string): string {
  return `${iso.slice(0, 13)}:00:00Z`;
}

/** Adds `counts` (and `requests` requests) of `event` to its record in `records`; returns the record's key. */
export function addEvent(records: RecordMap, agent: UsageAgent, event: UsageEvent, requests: number): string {
  const hour = hourOf(event.timestamp);
  const key = usageRecordKey({ agent, conversation_id: event.conversationId, model: event.model, hour });
  let record = records.get(key);
  if (!record) {
    record = {
      agent,
      agent_version: event.agentVersion,
      conversation_id: event.conversationId,
      project: event.project,
      model: event.model,
      hour,
      first_timestamp: event.timestamp,
      last_timestamp: event.timestamp,
      requests: 0,
      ...zeroCounts(),
    };
    records.set(key, record);
  }
  addCounts(record, event.counts);
  record.requests += requests;
  if (event.timestamp < record.first_timestamp) record.first_timestamp = event.timestamp;
  if (event.timestamp > record.last_timestamp) record.last_timestamp = event.timestamp;
  if (event.agentVersion !== null) record.agent_version = event.agentVersion;
  return key;
}

/** Six zeros. */
export function zeroCounts(): TokenCounts {
  return {
    input_tokens: 0,
    output_tokens: 0,
    cache_write_5m_tokens: 0,
    cache_write_1h_tokens: 0,
    cache_read_tokens: 0,
    reasoning_output_tokens: 0,
  };
}

/** Adds `counts` into `into`, kind by kind. */
export function addCounts(into: TokenCounts, counts: TokenCounts): void {
  for (const kind of TOKEN_KINDS) into[kind] += counts[kind];
}

/** Counts as a tuple in TOKEN_KINDS order (the state's compact form), and back. */
export function countsTuple(counts: TokenCounts): number[] {
  return TOKEN_KINDS.map((kind) => counts[kind]);
}
export function countsFromTuple(tuple: readonly number[]): TokenCounts {
  const counts = zeroCounts();
  TOKEN_KINDS.forEach((kind, i) => {
    counts[kind] = tuple[i] ?? 0;
  });
  return counts;
}

/**
 * Sums records of the same key (one conversation's requests may sit in several files: sub-agents,
 * resumed conversations): counts and requests add, the time span widens, the later version wins.
 */
export function mergeRecords(into: RecordMap, records: readonly UsageRecord[]): void {
  for (const r of records) {
    const key = usageRecordKey(r);
    const have = into.get(key);
    if (!have) {
      into.set(key, { ...r });
      continue;
    }
    addCounts(have, r);
    have.requests += r.requests;
    if (r.first_timestamp < have.first_timestamp) have.first_timestamp = r.first_timestamp;
    if (r.last_timestamp > have.last_timestamp) {
      have.last_timestamp = r.last_timestamp;
      if (r.agent_version !== null) have.agent_version = r.agent_version;
    }
  }
}
