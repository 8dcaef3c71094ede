/**
 * The engine-specific half of the ingest: what writes one tracker file's contribution (its session
 * versions and their resolution, its reference-counted rows, the per-session totals, its holdings) and
 * what removes it again. The rules it applies are the ingest's (lib/ingest/merge.ts: the winner order,
 * each kind's identity and row); how they become SQL is the engine's — SQLite runs its synchronous
 * prepared-statement fast path row by row (sqlite-ingest-writer.ts); a set-based engine may take a
 * whole step's rows at once (staging tables, COPY), which is why a job is driven step by step with the
 * file's records already parsed. The ingest (lib/ingest) asks {@link ingestWriterFor} for the store's
 * writer and never branches on the engine. PostgreSQL: pg-ingest-writer.ts (set-based, a step's rows per
 * statement).
 */
import type { AiRequest, Interaction, Issue, Session, UsageRecord } from "ai-session-tracker-mcp/contract";
import { pgIngestWriter } from "./pg-ingest-writer";
import type { CopyKind, TrackerKind } from "./schema";
import { sqliteIngestWriter } from "./sqlite-ingest-writer";
import { isSqliteStore, type Store } from "./store";

/**
 * A parsed file ready to be stored. `raw` is the JSON value the records came from. The `*Ms` arrays are
 * the records' times as whole epoch ms (NaN = none), index-aligned with `records`: the bounds check has
 * already converted them (lib/ingest/bounds.ts), so the writer does not parse the same text again.
 */
export type ParsedContribution =
  | {
      kind: "sessions";
      records: Session[];
      raw: Record<string, unknown>;
      startMs: Float64Array;
      endMs: Float64Array;
      /** The stats package's duration of each session, from the same conversion. */
      durationMinutes: Float64Array;
    }
  | { kind: "interactions"; records: Interaction[]; tsMs: Float64Array }
  | { kind: "issues"; records: Issue[]; tsMs: Float64Array }
  | { kind: "requests"; records: AiRequest[]; tsMs: Float64Array }
  | { kind: "usage"; records: UsageRecord[]; tsMs: Float64Array };

/** A record left out of a file, with the reason shown on the Sources page. */
export type Skipped = { key: string | number; reason: string };

/** The stored file a writer works on (its `source_files` row). */
export interface WriterFile {
  id: number;
  kind: TrackerKind;
  developerId: number;
}

/** Where the file sits, as far as its rows depend on it. */
export interface WriterFileIdentity {
  /** Path below the developer folder (the project when a record names none). */
  subPath: string;
  copyKind: CopyKind;
}

/** Counts of what applying a contribution changed. */
export interface ApplyResult {
  /** Resolved rows inserted, updated or deleted (sessions, interactions, issues, requests, usage). */
  rowsChanged: number;
  /** Records the file holds after the change. */
  records: number;
}

/** A file's contribution being written in steps ({@link IngestWriter.beginApply}). */
export interface WriterJob {
  /**
   * Writes the next `maxRecords` records (inside the caller's transaction); true once the file's whole
   * contribution is written (its vanished records released, its holdings final).
   */
  step(maxRecords: number): Promise<boolean>;
  /** Running totals (final once `step` resolved true). */
  readonly result: ApplyResult;
  /** Records that could not be stored (nested too deeply to serialise): skipped like the contract's. */
  readonly unstorable: readonly Skipped[];
}

/** Writes and removes files' contributions on one store's engine. */
export interface IngestWriter {
  /**
   * Starts replacing `file`'s contribution with `parsed`. Call it and every step inside a transaction
   * of the store; each step's commit is consistent on its own (holder counts match the file's holdings,
   * every touched session is resolved, the per-session totals match), so a big file can be applied in
   * several transactions.
   */
  beginApply(file: WriterFile, identity: WriterFileIdentity, parsed: ParsedContribution): Promise<WriterJob>;
  /**
   * Removes everything `file` contributed that no other file holds (inside a transaction; the file's
   * own row is the caller's). Returns the resolved rows deleted or changed.
   */
  removeContribution(file: WriterFile): Promise<number>;
  /**
   * Runs `fn`, a pass that writes a lot (a cold ingest), with the engine tuned for it (SQLite: fewer
   * WAL checkpoints, one at the end).
   */
  bulkPass<T>(fn: () => Promise<T>): Promise<T>;
}

const writers = new WeakMap<Store, IngestWriter>();

/**
 * The ingest writer of `store`'s engine (one per store: it holds the engine's prepared statements). A
 * writer keeps no state between jobs, so a push and a folder pass may both be half-way through a
 * stepwise apply on one store.
 */
export function ingestWriterFor(store: Store): IngestWriter {
  let w = writers.get(store);
  if (!w) {
    w = isSqliteStore(store) ? sqliteIngestWriter(store) : pgIngestWriter(store);
    writers.set(store, w);
  }
  return w;
}

/**
 * Whether `e` came from the database (either engine: busy, full, corrupt, a lost connection) rather
 * than from one file's data: the ingest stops the pass on it instead of blaming the file.
 */
export function isDatabaseError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (e.name === "SqliteError") return true;
  const code = "code" in e ? String(e.code) : "";
  // better-sqlite3: SQLITE_*; node-postgres: a five-character SQLSTATE with the server's severity.
  return code.startsWith("SQLITE_") || (/^[0-9A-Z]{5}$/.test(code) && "severity" in e);
}
