/**
 * The merge rules of the ingest: what makes two copies of a record one row, which version of a session
 * wins, and what a resolved row holds. The store (`store.ts`) prepares and runs the statements; the rules
 * that SQL applies are given here as SQL text (the winner order, each kind's key over its row), and each
 * kind binds a record to the INSERT the store hands it.
 *
 * - Sessions: the `sessions` row of a (developer, session id) is its best version ({@link WINNER_ORDER}):
 *   completed over active, later end, more interactions, primary file over a conflict copy, then the
 *   oldest version.
 * - Interactions and issues are one row per (developer, session id, timestamp, content hash), requests
 *   one per (developer, request key): {@link HELD_KINDS}, one entry per record kind.
 */
import {
  type AiRequest,
  type Interaction,
  type Issue,
  type Session,
  USAGE_FIELDS,
  type UsageRecord,
} from "ai-session-tracker-mcp/contract";
import { estimateMinutes } from "ai-session-tracker-mcp/stats";
import type { TrackerKind } from "@/lib/db/schema";
import type { InteractionTotalsBatch } from "./interaction-totals";
import { USAGE_RULES } from "./usage-kind";

/** 32-bit FNV-1a over UTF-16 code units of the parts (with a separator): the content part of a dedup key. */
export function contentHash(...parts: string[]): number {
  let h = 0x811c9dc5;
  for (let p = 0; p < parts.length; p++) {
    const s = parts[p] as string;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** An epoch-ms column value from a converted time (NaN = no or unparseable time → NULL). */
export function msOrNull(ms: number | undefined): number | null {
  return ms === undefined || Number.isNaN(ms) ? null : ms;
}

// ---------------------------------------------------------------------------------------------------
// Sessions

/** Winner order of the versions of one (developer, session id), as SQL over `session_versions`. */
export const WINNER_ORDER =
  "(status = 'completed') DESC, (end_ms IS NULL) ASC, end_ms DESC, total_interactions DESC, is_copy ASC, id ASC";

/** First folder below the developer folder: the project when a record names none. */
function folderProject(subPath: string): string {
  const first = subPath.split("/")[0];
  return first ?? "";
}

/** SQL columns shared by `session_versions` and `sessions`, in {@link sessionColumnValues} order. */
export const SESSION_COLS = [
  "developer_id",
  "session_id",
  "session_name",
  "task_type",
  "status",
  "outcome",
  "model_name",
  "project",
  "record_developer",
  "execution_context",
  "estimate_source",
  "start_time",
  "start_ms",
  "end_time",
  "end_ms",
  "duration_minutes",
  "initial_estimate_minutes",
  "final_estimate_minutes",
  "human_time_estimate_minutes",
  "estimate_minutes",
  "total_interactions",
  "avg_effectiveness",
  "code_functions",
] as const;

/**
 * The normalised columns of a session version (and of its resolved row) as positional values in
 * {@link SESSION_COLS} order: named binds (an object per session, spread again per row) cost the cold
 * ingest ~5 % (measured at 10 developers × 2,000 sessions). Duration (`sessionDurationMinutes` from the
 * times bounds.ts converted) and estimate come from the stats package.
 */
export function sessionColumnValues(
  s: Session,
  developerId: number,
  subPath: string,
  times: { startMs: number | null; endMs: number | null; durationMinutes: number },
): unknown[] {
  const { startMs, endMs, durationMinutes } = times;
  let functions = 0;
  for (const entry of s.code_metrics) functions += entry.functions.length;
  // biome-ignore format: one value per SESSION_COLS entry, in its order
  return [
    developerId, s.id, s.session_name, s.task_type, s.status, s.outcome, s.model_name,
    s.project !== "" ? s.project : folderProject(subPath), s.developer, s.execution_context,
    s.estimate_source, s.start_time, startMs, s.end_time, endMs, durationMinutes,
    s.initial_estimate_minutes, s.final_estimate_minutes, s.human_time_estimate_minutes,
    estimateMinutes(s), s.total_interactions, s.avg_effectiveness, functions,
  ];
}

// ---------------------------------------------------------------------------------------------------
// De-duplicated records (held by files)

/** The record kinds stored as de-duplicated rows with a holder count (table name = kind). */
export type HeldKind = Exclude<TrackerKind, "sessions">;

/** The contract record of each held kind. */
export interface HeldRecords {
  interactions: Interaction;
  issues: Issue;
  requests: AiRequest;
  usage: UsageRecord;
}

/** Any held record. */
export type HeldRecord = HeldRecords[HeldKind];

/**
/**
 * Where a held kind's `insert` writes a row's values: an engine's prepared INSERT (SQLite's
 * better-sqlite3 statement) or a collector of a set-based writer. `changes` 0 = the row existed.
 */
export interface RowSink {
  run(...values: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

/**
 * How one record kind is de-duplicated and stored. `hash` and `key` give a record's identity (the same
 * key text as the SQL expression `keySql` over its row), `insert` binds the row's columns, `keyValues`
 * the values of the unique index's columns (`keyColumns`) to find an existing row.
 */
export interface HeldKindRules<R> {
  /** Row columns, in `insert`'s order (the store adds `holders`). */
  readonly columns: readonly string[];
  /** The columns of the table's unique index, in `keyValues` order. */
  readonly keyColumns: readonly string[];
  /** SQL expression over a row giving the text {@link HeldKindRules.key} gives for its record. */
  readonly keySql: string;
  /** Content part of the identity (0 when the record carries its own id). */
  hash(r: R): number;
  /** Identity of a record as text: equal keys are one row. */
  key(r: R, hash: number): string;
  /**
   * Runs `insert` (the store's `INSERT INTO <kind> (columns…)`) for a record. Positional arguments on
   * purpose: an array of values per row made applying new rows ~20 % slower (measured on 200,000
   * interactions).
   */
  insert(
    insert: RowSink,
    developerId: number,
    r: R,
    key: string,
    hash: number,
    tsMs: number | null,
  ): { changes: number; lastInsertRowid: number | bigint };
  keyValues(developerId: number, r: R, key: string, hash: number): unknown[];
  /**
   * True when `insert` and `keyValues` never read `key` (the row stores the key's parts): the store then
   * builds the key text only to look a record up among a file's previous holdings.
   */
  readonly keyOnlyForLookup?: boolean;
  /** Adds an inserted row to its session's totals (kinds summed per session only). */
  addToTotals?(totals: InteractionTotalsBatch, r: R): void;
}

/** Key of an interaction/issue as text: session id, timestamp and content hash. */
function sessionRecordKey(sessionId: string, timestamp: string, hash: number): string {
  return `${sessionId}\u001f${timestamp}\u001f${hash}`;
}

/**
 * Rules of a kind keyed like interactions and issues: (developer, session id, timestamp, content hash),
 * the row starting with those columns and `ts_ms` (in that order in `insert`), then `contentColumns`.
 */
function sessionRecordRules<R extends Interaction | Issue>(
  rules: Pick<HeldKindRules<R>, "hash" | "insert" | "addToTotals"> & { contentColumns: readonly string[] },
): HeldKindRules<R> {
  const { hash, insert, addToTotals } = rules;
  return {
    columns: ["developer_id", "session_id", "timestamp", "ts_ms", "content_hash", ...rules.contentColumns],
    keyColumns: ["developer_id", "session_id", "timestamp", "content_hash"],
    // The text sessionRecordKey() builds, from a row.
    // Portable: the separator as a literal character in the SQL string (SQLite's char(), PostgreSQL's chr()).
    keySql: "session_id || '\u001f' || timestamp || '\u001f' || CAST(content_hash AS TEXT)",
    hash,
    key: (r, h) => sessionRecordKey(r.session_id, r.timestamp, h),
    insert,
    keyValues: (developerId, r, _key, h) => [developerId, r.session_id, r.timestamp, h],
    keyOnlyForLookup: true,
    ...(addToTotals ? { addToTotals } : {}),
  };
}

/**
 * Content part of an interaction's key: its two texts, plus the hashes of any the recorder withheld (two
 * different prompts withheld in the same instant stay two rows). Records without markers hash as before.
 */
function interactionHash(r: Interaction): number {
  const { prompt_withheld: p, response_summary_withheld: s } = r;
  if (!p && !s) return contentHash(r.prompt, r.response_summary);
  return contentHash(r.prompt, r.response_summary, p?.sha256 ?? "", s?.sha256 ?? "");
}

/** The de-duplication rules of every held kind. */
export const HELD_KINDS: { readonly [K in HeldKind]: HeldKindRules<HeldRecords[K]> } = {
  interactions: sessionRecordRules<Interaction>({
    hash: interactionHash,
    contentColumns: [
      "prompt",
      "response_summary",
      "prompt_withheld_chars",
      "summary_withheld_chars",
      "effectiveness_rating",
      "iteration_count",
      "tools_used_json",
      ...USAGE_FIELDS, // the token-usage columns interactions and requests share
    ],
    // biome-ignore format: the values in `columns` order, one line per group
    insert: (st, d, r, _key, h, tsMs) => st.run(
      d, r.session_id, r.timestamp, tsMs, h,
      r.prompt, r.response_summary, r.prompt_withheld?.chars ?? null, r.response_summary_withheld?.chars ?? null,
      r.effectiveness_rating, r.iteration_count, JSON.stringify(r.tools_used),
      r.tokens_in, r.tokens_out, r.cache_hit_rate, r.cached_tokens, r.new_tokens, r.context_pct,
    ),
    addToTotals: (totals, r) => totals.inserted(r),
  }),
  issues: sessionRecordRules<Issue>({
    hash: (r) => contentHash(r.issue_type, r.description, r.severity),
    contentColumns: ["issue_type", "description", "severity", "resolved", "resolution_notes"],
    // biome-ignore format: the values in `columns` order, one line per group
    insert: (st, d, r, _key, h, tsMs) => st.run(
      d, r.session_id, r.timestamp, tsMs, h,
      r.issue_type, r.description, r.severity, r.resolved ? 1 : 0, r.resolution_notes,
    ),
  }),
  requests: {
    columns: [
      "developer_id",
      "request_key",
      "timestamp",
      "ts_ms",
      "model",
      "type",
      ...USAGE_FIELDS, // the token-usage columns interactions and requests share
      "note",
      "project",
      "record_developer",
    ],
    keyColumns: ["developer_id", "request_key"],
    keySql: "request_key",
    // A request without an id is identified by its time and content.
    hash: (r) => (r.id !== "" ? 0 : contentHash(r.model, r.type, r.note, String(r.tokens_in))),
    key: (r, hash) => (r.id !== "" ? r.id : `h:${r.timestamp}:${hash}`),
    // biome-ignore format: the values in `columns` order, one line per group
    insert: (st, d, r, key, _hash, tsMs) => st.run(
      d, key, r.timestamp, tsMs, r.model, r.type,
      r.tokens_in, r.tokens_out, r.cache_hit_rate, r.cached_tokens, r.new_tokens, r.context_pct,
      r.note, r.project, r.developer,
    ),
    keyValues: (developerId, _r, key) => [developerId, key],
  },
  usage: USAGE_RULES,
};
