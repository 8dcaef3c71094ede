/**
 * The ingest's view of the database: the state of the tracker files it knows (`source_files`, their
 * sources and developers), read and written with portable SQL through the data layer's {@link Store},
 * and one file's contribution applied or removed through the store's engine-specific ingest writer
 * (lib/db/ingest-writer.ts: SQLite's prepared-statement fast path, a set-based writer elsewhere). The
 * merge rules the writer applies are in merge.ts. Nothing here depends on the engine.
 */
import {
  type ApplyResult,
  type IngestWriter,
  ingestWriterFor,
  type ParsedContribution,
  type Skipped,
} from "@/lib/db/ingest-writer";
import type { CopyKind, TrackerKind } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { rebuildInteractionTotalsIfMissing } from "./interaction-totals";

export type { ApplyResult, ParsedContribution, Skipped } from "@/lib/db/ingest-writer";

/** Where a file sits (from discover) and what the store needs to know about it. */
export interface FileIdentity {
  relPath: string;
  name: string;
  kind: TrackerKind;
  copyKind: CopyKind;
  copyOf: string | null;
  developer: string;
  dirRelPath: string;
  subPath: string;
}

/** Stored state of a file, as the scan needs it to decide what to read. */
export interface StoredFile {
  id: number;
  relPath: string;
  kind: TrackerKind;
  developerId: number;
  /** Developer folder name. */
  developer: string;
  size: number;
  mtimeMs: number;
  hash: string | null;
  status: "ok" | "error";
  lastError: string | null;
}

/** What a successful apply records on the file. */
export interface ApplyMeta {
  size: number;
  mtimeMs: number;
  hash: string;
  nowMs: number;
}

/** A file's contribution being applied in steps ({@link IngestStore.beginApply}). */
export interface FileApplyJob {
  /** Applies the next `maxRecords` records (inside a transaction); true when the file is complete. */
  step(maxRecords: number): Promise<boolean>;
  /** Running totals (final once `step` resolved true). */
  readonly result: ApplyResult;
}

const MAX_SKIPPED_STORED = 50;

const SQL = {
  devGet: "SELECT id FROM developers WHERE name = ?",
  // ON CONFLICT: another writer (a second push of the same files, another instance) may create the same
  // developer, source or file between a pass's or push's look-up and its INSERT; then its row is the one.
  devIns: `INSERT INTO developers (name, first_seen_ms) VALUES (?, ?)
    ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`,
  srcGet: "SELECT id FROM sources WHERE rel_path = ?",
  srcIns: `INSERT INTO sources (developer_id, rel_path, sub_path, first_seen_ms) VALUES (?, ?, ?, ?)
    ON CONFLICT (rel_path) DO UPDATE SET rel_path = excluded.rel_path RETURNING id`,
  fileIns: `INSERT INTO source_files (source_id, developer_id, rel_path, name, kind, copy_kind, copy_of, size, mtime_ms, status)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok')
    ON CONFLICT (rel_path) DO UPDATE SET rel_path = excluded.rel_path RETURNING id`,
  fileAll: `SELECT f.id, f.rel_path AS "relPath", f.kind, f.developer_id AS "developerId", d.name AS developer, f.size,
      f.mtime_ms AS "mtimeMs", f.hash, f.status, f.last_error AS "lastError"
    FROM source_files f JOIN developers d ON d.id = f.developer_id`,
  fileOk: `UPDATE source_files SET size = ?, mtime_ms = ?, hash = ?, status = 'ok', last_error = NULL, last_error_ms = NULL,
      last_ingested_ms = ?, records_count = ?, skipped_count = ?, skipped_json = ? WHERE id = ?`,
  fileSeen:
    "UPDATE source_files SET size = ?, mtime_ms = ?, status = 'ok', last_error = NULL, last_error_ms = NULL WHERE id = ?",
  fileErr:
    "UPDATE source_files SET size = ?, mtime_ms = ?, status = 'error', last_error = ?, last_error_ms = ? WHERE id = ?",
  fileDel: "DELETE FROM source_files WHERE id = ?",
  fileHash: "SELECT hash FROM source_files WHERE id = ?",
  fileErrCount: "SELECT count(*) AS n FROM source_files WHERE status = 'error'",
  fileSetHash: "UPDATE source_files SET hash = ? WHERE id = ?",
  fileSource: `SELECT source_id AS "sourceId", developer_id AS "developerId" FROM source_files WHERE id = ?`,
  srcDelEmpty:
    "DELETE FROM sources WHERE id = ? AND NOT EXISTS (SELECT 1 FROM source_files WHERE source_id = sources.id)",
  devDelEmpty:
    "DELETE FROM developers WHERE id = ? AND NOT EXISTS (SELECT 1 FROM sources WHERE developer_id = developers.id)",
} as const;

/**
 * The ingest's file state and applies on one store. Every method that writes expects to run inside a
 * transaction opened by the caller ({@link IngestStore.transaction}); statements issued in its call
 * tree belong to it.
 */
export class IngestStore {
  private readonly writer: IngestWriter;
  private readonly developerIds = new Map<string, number>();
  private prepared: Promise<unknown> | null = null;

  constructor(readonly db: Store) {
    this.writer = ingestWriterFor(db);
  }

  /**
   * Runs `fn` in one write transaction (all or nothing). On a rollback the cached developer ids are
   * forgotten: one created inside the rolled-back transaction no longer exists.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(() => fn());
    } catch (e) {
      this.developerIds.clear();
      throw e;
    }
  }

  /** Runs `fn`, a pass that writes a lot (a cold ingest), with the engine tuned for it. */
  bulkPass<T>(fn: () => Promise<T>): Promise<T> {
    return this.writer.bulkPass(fn);
  }

  /** How many files are recorded with an error (health reporting). */
  async countFilesInError(): Promise<number> {
    return Number((await this.db.get<{ n: number }>(SQL.fileErrCount))?.n ?? 0);
  }

  /** The stored content hash of a file (or the in-progress marker of a stepwise apply). */
  async hashOf(fileId: number): Promise<string | null> {
    const row = await this.db.get<{ hash: string | null }>(SQL.fileHash, [fileId]);
    return row ? row.hash : null;
  }

  /**
   * Marks a file as being applied in steps: its hash becomes `marker` (never a sha1), so a pass that
   * stops half-way (crash, error) re-reads the file next time, and a step can tell that another writer
   * started on the same file meanwhile.
   */
  async markApplying(file: StoredFile, marker: string): Promise<void> {
    await this.db.run(SQL.fileSetHash, [marker, file.id]);
  }

  /**
   * All stored files, keyed by relative path. Called at the start of each pass; it also forgets cached
   * developer ids, so another process (a CLI scan next to the server's worker) deleting a developer
   * between passes cannot leave a stale id behind. The first call on a store fills the per-session
   * interaction totals of a database ingested before they existed (before any apply).
   */
  async listFiles(): Promise<Map<string, StoredFile>> {
    this.prepared ??= rebuildInteractionTotalsIfMissing(this.db);
    await this.prepared;
    this.developerIds.clear();
    const map = new Map<string, StoredFile>();
    for (const row of await this.db.all<StoredFile>(SQL.fileAll)) map.set(row.relPath, row);
    return map;
  }

  /** Id of the developer named `name`, created if new. */
  async developerId(name: string, nowMs: number): Promise<number> {
    const cached = this.developerIds.get(name);
    if (cached !== undefined) return cached;
    const row =
      (await this.db.get<{ id: number }>(SQL.devGet, [name])) ??
      (await this.db.get<{ id: number }>(SQL.devIns, [name, nowMs]));
    if (!row) throw new Error(`developer ${name} was not created`);
    this.developerIds.set(name, row.id);
    return row.id;
  }

  /** Creates the developer, source and file rows of a newly seen file; returns the stored state. */
  async createFile(f: FileIdentity, size: number, mtimeMs: number, nowMs: number): Promise<StoredFile> {
    const developerId = await this.developerId(f.developer, nowMs);
    const src =
      (await this.db.get<{ id: number }>(SQL.srcGet, [f.dirRelPath])) ??
      (await this.db.get<{ id: number }>(SQL.srcIns, [developerId, f.dirRelPath, f.subPath, nowMs]));
    const file = await this.db.get<{ id: number }>(SQL.fileIns, [
      src?.id,
      developerId,
      f.relPath,
      f.name,
      f.kind,
      f.copyKind,
      f.copyOf,
      size,
      mtimeMs,
    ]);
    if (!file) throw new Error(`file ${f.relPath} was not created`);
    return {
      id: file.id,
      relPath: f.relPath,
      kind: f.kind,
      developerId,
      developer: f.developer,
      size,
      mtimeMs,
      hash: null,
      status: "ok",
      lastError: null,
    };
  }

  /** Records a read/parse failure: remembers size+mtime (so it is retried only when it changes); rows stay. */
  async markError(file: StoredFile, size: number, mtimeMs: number, error: string, nowMs: number) {
    await this.db.run(SQL.fileErr, [size, mtimeMs, error, nowMs, file.id]);
  }

  /** Records that a file changed on disk (size/mtime) but its content hash did not: no data change. */
  async markSeen(file: StoredFile, size: number, mtimeMs: number): Promise<void> {
    await this.db.run(SQL.fileSeen, [size, mtimeMs, file.id]);
  }

  /**
   * Replaces the file's contribution with `parsed` and marks it ingested. Call inside a transaction.
   * `skipped` are the contract's skipped records (counted, the first ones kept with their reasons).
   */
  async applyFile(
    file: StoredFile,
    identity: Pick<FileIdentity, "subPath" | "copyKind">,
    parsed: ParsedContribution,
    skipped: readonly Skipped[],
    meta: ApplyMeta,
  ): Promise<ApplyResult> {
    const job = await this.beginApply(file, identity, parsed, skipped, meta);
    await job.step(Number.POSITIVE_INFINITY);
    return job.result;
  }

  /**
   * Starts replacing the file's contribution with `parsed`, to be done by `job.step(n)` calls (the next
   * `n` records each; true once the file is complete and marked ingested). Call `beginApply` and every
   * step inside a transaction; each step's commit is consistent on its own (holder counts match the
   * file's holdings, every touched session is resolved), so a big file can be applied in several
   * transactions with the event loop free in between — a reader may then see it half-applied.
   */
  async beginApply(
    file: StoredFile,
    identity: Pick<FileIdentity, "subPath" | "copyKind">,
    parsed: ParsedContribution,
    skipped: readonly Skipped[],
    meta: ApplyMeta,
  ): Promise<FileApplyJob> {
    const job = await this.writer.beginApply(file, identity, parsed);
    return {
      result: job.result,
      step: async (max) => {
        if (!(await job.step(max))) return false;
        const all = job.unstorable.length > 0 ? skipped.concat(job.unstorable) : skipped;
        const skippedJson = all.length > 0 ? JSON.stringify(all.slice(0, MAX_SKIPPED_STORED)) : null;
        job.result.records = parsed.records.length - job.unstorable.length;
        await this.db.run(SQL.fileOk, [
          meta.size,
          meta.mtimeMs,
          meta.hash,
          meta.nowMs,
          job.result.records,
          all.length,
          skippedJson,
          file.id,
        ]);
        return true;
      },
    };
  }

  /** Removes a vanished file and everything only it held; drops its source/developer when now empty. */
  async removeFile(file: StoredFile): Promise<number> {
    const changed = await this.writer.removeContribution(file);
    const owner = await this.db.get<{ sourceId: number; developerId: number }>(SQL.fileSource, [file.id]);
    await this.db.run(SQL.fileDel, [file.id]);
    if (owner) {
      await this.db.run(SQL.srcDelEmpty, [owner.sourceId]);
      if ((await this.db.run(SQL.devDelEmpty, [owner.developerId])).changes > 0) this.developerIds.clear();
    }
    return changed;
  }
}

const stores = new WeakMap<Store, IngestStore>();

/**
 * The ingest store of `db` (one per data-layer store, shared by folder passes and pushes: its only state
 * is a cache of developer ids; a job's state lives in the job).
 */
export function ingestStoreFor(db: Store): IngestStore {
  let s = stores.get(db);
  if (!s) {
    s = new IngestStore(db);
    stores.set(db, s);
  }
  return s;
}
