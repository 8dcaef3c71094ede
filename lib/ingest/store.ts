/**
 * Store: writes one file's contribution into SQLite and resolves the merged rows, by the rules of
 * `merge.ts` (which version of a session wins, what makes two records one row).
 *
 * Raw better-sqlite3 prepared statements rather than the drizzle query builder: a team folder holds
 * millions of records and per-row builder overhead would dominate the ingest. (drizzle holds the schema
 * and the migrations and serves lib/auth's small tables; the read model in lib/queries is raw SQL too.)
 *
 * - Sessions: one `session_versions` row per (file, session id); the `sessions` row of a (developer,
 *   session id) is re-resolved whenever a version of that key changes.
 * - Interactions, issues, requests: de-duplicated rows with a holder count; each file keeps the list of
 *   row ids it holds (`file_holdings`). Replacing a file's contribution = take the new holdings, then
 *   release the old ones; a row is deleted only when no file holds it any more.
 */
import type { AiRequest, Interaction, Issue, Session, UsageRecord } from "ai-session-tracker-mcp/contract";
import { parseSessionsFile } from "ai-session-tracker-mcp/contract";
import type { Database, Statement } from "better-sqlite3";
import type { PortalDb } from "@/lib/db/client";
import type { CopyKind, TrackerKind } from "@/lib/db/schema";
import { InteractionTotalsBatch, rebuildInteractionTotalsIfMissing } from "./interaction-totals";
import {
  HELD_KINDS,
  type HeldKind,
  type HeldKindRules,
  type HeldRecord,
  msOrNull,
  SESSION_COLS,
  sessionColumnValues,
  WINNER_ORDER,
} from "./merge";

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

/**
 * A parsed file ready to be stored. `raw` is the JSON value the records came from. The `*Ms` arrays are
 * the records' times as whole epoch ms (NaN = none), index-aligned with `records`: the bounds check has
 * already converted them (`bounds.ts`), so the store does not parse the same text again.
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
  step(maxRecords: number): boolean;
  /** Running totals (final once `step` returned true). */
  readonly result: ApplyResult;
}

/** Counts of what applying a contribution changed. */
export interface ApplyResult {
  /** Resolved rows inserted, updated or deleted (sessions, interactions, issues, requests). */
  rowsChanged: number;
  /** Records the file holds after the change. */
  records: number;
}

const MAX_SKIPPED_STORED = 50;

function idsToBuffer(ids: readonly number[]): Buffer {
  const arr = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) arr[i] = ids[i] as number;
  return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
}

function bufferToIds(buf: Buffer): Int32Array {
  // Copy: a Buffer from SQLite need not be 4-byte aligned.
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Int32Array(copy.buffer);
}

/**
 * Prepared statements of the store, built once per connection. All methods are synchronous and expect
 * to run inside a transaction opened by the caller ({@link IngestStore.transaction}).
 */
export class IngestStore {
  readonly sqlite: Database;
  private readonly st: Record<string, Statement>;
  private readonly developerIds = new Map<string, number>();
  /** Per-session interaction totals changed by the file being applied. */
  private readonly totals = new InteractionTotalsBatch();

  constructor(db: PortalDb) {
    this.sqlite = db.$client;
    const s = this.sqlite;
    // A version binds its session columns, then these three (sessionsJob).
    const versionCols = [...SESSION_COLS, "file_id", "is_copy", "raw_json"];
    this.st = {
      devGet: s.prepare("SELECT id FROM developers WHERE name = ?"),
      devIns: s.prepare("INSERT INTO developers (name, first_seen_ms) VALUES (?, ?) RETURNING id"),
      srcGet: s.prepare("SELECT id FROM sources WHERE rel_path = ?"),
      srcIns: s.prepare(
        "INSERT INTO sources (developer_id, rel_path, sub_path, first_seen_ms) VALUES (?, ?, ?, ?) RETURNING id",
      ),
      fileIns: s.prepare(
        `INSERT INTO source_files (source_id, developer_id, rel_path, name, kind, copy_kind, copy_of, size, mtime_ms, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok') RETURNING id`,
      ),
      fileAll: s.prepare(
        `SELECT f.id, f.rel_path AS relPath, f.kind, f.developer_id AS developerId, d.name AS developer, f.size,
                f.mtime_ms AS mtimeMs, f.hash, f.status, f.last_error AS lastError
         FROM source_files f JOIN developers d ON d.id = f.developer_id`,
      ),
      fileOk: s.prepare(
        `UPDATE source_files SET size = ?, mtime_ms = ?, hash = ?, status = 'ok', last_error = NULL, last_error_ms = NULL,
           last_ingested_ms = ?, records_count = ?, skipped_count = ?, skipped_json = ? WHERE id = ?`,
      ),
      fileSeen: s.prepare(
        "UPDATE source_files SET size = ?, mtime_ms = ?, status = 'ok', last_error = NULL, last_error_ms = NULL WHERE id = ?",
      ),
      fileErr: s.prepare(
        "UPDATE source_files SET size = ?, mtime_ms = ?, status = 'error', last_error = ?, last_error_ms = ? WHERE id = ?",
      ),
      fileDel: s.prepare("DELETE FROM source_files WHERE id = ?"),
      fileHash: s.prepare("SELECT hash FROM source_files WHERE id = ?"),
      fileErrCount: s.prepare("SELECT count(*) AS n FROM source_files WHERE status = 'error'"),
      fileSetHash: s.prepare("UPDATE source_files SET hash = ? WHERE id = ?"),
      srcDelEmpty: s.prepare(
        "DELETE FROM sources WHERE id = ? AND NOT EXISTS (SELECT 1 FROM source_files WHERE source_id = sources.id)",
      ),
      devDelEmpty: s.prepare(
        "DELETE FROM developers WHERE id = ? AND NOT EXISTS (SELECT 1 FROM sources WHERE developer_id = developers.id)",
      ),
      fileSource: s.prepare(
        "SELECT source_id AS sourceId, developer_id AS developerId FROM source_files WHERE id = ?",
      ),
      holdGet: s.prepare("SELECT ids FROM file_holdings WHERE file_id = ?"),
      holdPut: s.prepare(
        "INSERT INTO file_holdings (file_id, ids) VALUES (?, ?) ON CONFLICT(file_id) DO UPDATE SET ids = excluded.ids",
      ),
      verList: s.prepare(
        "SELECT id, session_id AS sessionId, raw_json AS rawJson FROM session_versions WHERE file_id = ?",
      ),
      verUpsert: s.prepare(
        `INSERT INTO session_versions (${versionCols.join(", ")}) VALUES (${versionCols.map(() => "?").join(", ")})
         ON CONFLICT(file_id, session_id) DO UPDATE SET ${versionCols
           .filter((c) => c !== "file_id" && c !== "session_id")
           .map((c) => `${c} = excluded.${c}`)
           .join(", ")}
         RETURNING id`,
      ),
      verDel: s.prepare("DELETE FROM session_versions WHERE file_id = ? AND session_id = ?"),
      verDelFile: s.prepare(
        "DELETE FROM session_versions WHERE file_id = ? RETURNING session_id AS sessionId",
      ),
      verRaw: s.prepare(
        "SELECT session_id AS sessionId, raw_json AS rawJson FROM session_versions WHERE id = ?",
      ),
      resolve: s.prepare(
        `INSERT INTO sessions (${SESSION_COLS.join(", ")}, version_id, versions_count)
         SELECT ${SESSION_COLS.join(", ")}, id, cnt FROM (
           SELECT v.*, row_number() OVER (PARTITION BY session_id ORDER BY ${WINNER_ORDER}) AS rn,
                  count(*) OVER (PARTITION BY session_id) AS cnt
           FROM session_versions v
           WHERE developer_id = @developerId AND session_id IN (SELECT value FROM json_each(@ids))
         ) WHERE rn = 1
         ON CONFLICT(developer_id, session_id) DO UPDATE SET ${SESSION_COLS.filter(
           (c) => c !== "developer_id" && c !== "session_id",
         )
           .map((c) => `${c} = excluded.${c}`)
           .join(", ")}, version_id = excluded.version_id, versions_count = excluded.versions_count
         RETURNING id, version_id AS versionId, session_id AS sessionId`,
      ),
      sessDelOrphans: s.prepare(
        `DELETE FROM sessions WHERE developer_id = @developerId AND session_id IN (SELECT value FROM json_each(@ids))
           AND NOT EXISTS (SELECT 1 FROM session_versions v WHERE v.developer_id = sessions.developer_id
                           AND v.session_id = sessions.session_id)`,
      ),
      cmDel: s.prepare("DELETE FROM code_metrics WHERE session_row_id = ?"),
      cmIns: s.prepare(
        `INSERT INTO code_metrics (session_row_id, developer_id, file_path, timestamp, function_name, modification_type,
           lines_added, lines_modified, lines_deleted, complexity_added, final_complexity, cognitive_load,
           has_docstring, quality_score, has_type_hints, effort_score)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    for (const kind of ["interactions", "issues", "requests", "usage"] as const) {
      const rules = HELD_KINDS[kind];
      this.st[`${kind}Insert`] = s.prepare(
        `INSERT INTO ${kind} (${rules.columns.join(", ")}, holders)
         VALUES (${rules.columns.map(() => "?").join(", ")}, 1)
         ON CONFLICT DO NOTHING`,
      );
      this.st[`${kind}Bump`] = s.prepare(
        `UPDATE ${kind} SET holders = holders + 1
         WHERE ${rules.keyColumns.map((c) => `${c} = ?`).join(" AND ")} RETURNING id`,
      );
      this.st[`${kind}Release`] = s.prepare(
        `UPDATE ${kind} SET holders = holders - 1 WHERE id = ? RETURNING holders`,
      );
      this.st[`${kind}Del`] = s.prepare(
        `DELETE FROM ${kind} WHERE id = ? RETURNING ${rules.addToTotals ? "session_id" : "NULL"} AS sessionId`,
      );
      this.st[`${kind}Keys`] = s.prepare(
        `SELECT id, ${rules.keySql} AS k FROM ${kind} WHERE id IN (SELECT value FROM json_each(?))`,
      );
    }
    // Fill the per-session totals of a database ingested before they existed (before any apply).
    rebuildInteractionTotalsIfMissing(this.sqlite);
  }

  private stmt(name: string): Statement {
    const st = this.st[name];
    if (!st) throw new Error(`unknown statement ${name}`);
    return st;
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction (all or nothing). On a rollback the cached developer ids are
   * forgotten: one created inside the rolled-back transaction no longer exists.
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.sqlite.transaction(fn).immediate();
    } catch (e) {
      this.developerIds.clear();
      this.totals.clear();
      throw e;
    }
  }

  /** How many files are recorded with an error (health reporting). */
  countFilesInError(): number {
    return (this.stmt("fileErrCount").get() as { n: number }).n;
  }

  /** The stored content hash of a file (or the in-progress marker of a stepwise apply). */
  hashOf(fileId: number): string | null {
    const row = this.stmt("fileHash").get(fileId) as { hash: string | null } | undefined;
    return row ? row.hash : null;
  }

  /**
   * Marks a file as being applied in steps: its hash becomes `marker` (never a sha1), so a pass that
   * stops half-way (crash, error) re-reads the file next time, and a step can tell that another writer
   * started on the same file meanwhile.
   */
  markApplying(file: StoredFile, marker: string): void {
    this.stmt("fileSetHash").run(marker, file.id);
  }

  /**
   * All stored files, keyed by relative path. Called at the start of each pass; it also forgets cached
   * developer ids, so another process (a CLI scan next to the server's worker) deleting a developer
   * between passes cannot leave a stale id behind.
   */
  listFiles(): Map<string, StoredFile> {
    this.developerIds.clear();
    const map = new Map<string, StoredFile>();
    for (const row of this.stmt("fileAll").all() as StoredFile[]) map.set(row.relPath, row);
    return map;
  }

  /** Id of the developer named `name`, created if new. */
  developerId(name: string, nowMs: number): number {
    const cached = this.developerIds.get(name);
    if (cached !== undefined) return cached;
    const row = this.stmt("devGet").get(name) as { id: number } | undefined;
    const id = row ? row.id : (this.stmt("devIns").get(name, nowMs) as { id: number }).id;
    this.developerIds.set(name, id);
    return id;
  }

  /** Creates the developer, source and file rows of a newly seen file; returns the stored state. */
  createFile(f: FileIdentity, size: number, mtimeMs: number, nowMs: number): StoredFile {
    const developerId = this.developerId(f.developer, nowMs);
    const src = this.stmt("srcGet").get(f.dirRelPath) as { id: number } | undefined;
    const sourceId = src
      ? src.id
      : (this.stmt("srcIns").get(developerId, f.dirRelPath, f.subPath, nowMs) as { id: number }).id;
    const { id } = this.stmt("fileIns").get(
      sourceId,
      developerId,
      f.relPath,
      f.name,
      f.kind,
      f.copyKind,
      f.copyOf,
      size,
      mtimeMs,
    ) as { id: number };
    return {
      id,
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
  markError(file: StoredFile, size: number, mtimeMs: number, error: string, nowMs: number): void {
    this.stmt("fileErr").run(size, mtimeMs, error, nowMs, file.id);
  }

  /** Records that a file changed on disk (size/mtime) but its content hash did not: no data change. */
  markSeen(file: StoredFile, size: number, mtimeMs: number): void {
    this.stmt("fileSeen").run(size, mtimeMs, file.id);
  }

  /**
   * Replaces the file's contribution with `parsed` and marks it ingested. Call inside a transaction.
   * `skipped` are the contract's skipped records (counted, the first ones kept with their reasons).
   */
  applyFile(
    file: StoredFile,
    identity: Pick<FileIdentity, "subPath" | "copyKind">,
    parsed: ParsedContribution,
    skipped: readonly Skipped[],
    meta: ApplyMeta,
  ): ApplyResult {
    const job = this.beginApply(file, identity, parsed, skipped, meta);
    job.step(Number.POSITIVE_INFINITY);
    return job.result;
  }

  /**
   * Starts replacing the file's contribution with `parsed`, to be done by `job.step(n)` calls (the next
   * `n` records each; true once the file is complete and marked ingested). Call `beginApply` and every
   * step inside a transaction; each step's commit is consistent on its own (holder counts match the
   * file's holdings, every touched session is resolved), so a big file can be applied in several
   * transactions with the event loop free in between — a reader may then see it half-applied.
   */
  beginApply(
    file: StoredFile,
    identity: Pick<FileIdentity, "subPath" | "copyKind">,
    parsed: ParsedContribution,
    skipped: readonly Skipped[],
    meta: ApplyMeta,
  ): FileApplyJob {
    this.totals.clear();
    const result: ApplyResult = { rowsChanged: 0, records: parsed.records.length };
    const finish = (unstorable: readonly Skipped[]) => {
      const all = unstorable.length > 0 ? skipped.concat(unstorable) : skipped;
      const skippedJson = all.length > 0 ? JSON.stringify(all.slice(0, MAX_SKIPPED_STORED)) : null;
      result.records = parsed.records.length - unstorable.length;
      this.stmt("fileOk").run(
        meta.size,
        meta.mtimeMs,
        meta.hash,
        meta.nowMs,
        result.records,
        all.length,
        skippedJson,
        file.id,
      );
    };
    if (parsed.kind === "sessions") return this.sessionsJob(file, identity, parsed, result, finish);
    // Records this file already held keep their holding untouched (a re-synced file with one new record
    // costs one insert, not a release + re-take of every row); only new keys are taken and only keys
    // the file no longer has are released (in the last step).
    const previous = this.previousHoldings(file.id, parsed.kind);
    const ids: number[] = new Array(parsed.records.length);
    let pos = 0;
    return {
      result,
      step: (max) => {
        const end = Math.min(parsed.records.length, pos + max);
        result.rowsChanged += this.holdRows(file.developerId, parsed, previous, ids, pos, end);
        pos = end;
        const done = pos === parsed.records.length;
        if (done) {
          for (const leftover of previous.values())
            result.rowsChanged += this.releaseIds(parsed.kind, leftover);
          this.stmt("holdPut").run(file.id, idsToBuffer(ids));
          finish([]);
        } else {
          // Between steps the file holds what it took so far and everything it held before that is not
          // yet released: exactly the rows whose holder counts it accounts for.
          const held = ids.slice(0, pos);
          for (const leftover of previous.values()) for (const id of leftover) held.push(id);
          this.stmt("holdPut").run(file.id, idsToBuffer(held));
        }
        this.totals.flush(this.sqlite, file.developerId);
        return done;
      },
    };
  }

  /** Removes a vanished file and everything only it held; drops its source/developer when now empty. */
  removeFile(file: StoredFile): number {
    let changed = 0;
    this.totals.clear();
    if (file.kind === "sessions") {
      const gone = this.stmt("verDelFile").all(file.id) as { sessionId: string }[];
      changed += this.resolveSessions(
        file.developerId,
        gone.map((g) => g.sessionId),
        new Map(),
        true,
      );
    } else {
      changed += this.releaseHoldings(file.id, file.kind);
      this.totals.flush(this.sqlite, file.developerId);
    }
    const owner = this.stmt("fileSource").get(file.id) as
      | { sourceId: number; developerId: number }
      | undefined;
    this.stmt("fileDel").run(file.id);
    if (owner) {
      this.stmt("srcDelEmpty").run(owner.sourceId);
      if (this.stmt("devDelEmpty").run(owner.developerId).changes > 0) this.developerIds.clear();
    }
    return changed;
  }

  private sessionsJob(
    file: StoredFile,
    identity: Pick<FileIdentity, "subPath" | "copyKind">,
    parsed: Extract<ParsedContribution, { kind: "sessions" }>,
    result: ApplyResult,
    finish: (unstorable: readonly Skipped[]) => void,
  ): FileApplyJob {
    const { records, raw } = parsed;
    const existing = new Map<string, string>();
    for (const row of this.stmt("verList").all(file.id) as { sessionId: string; rawJson: string }[]) {
      existing.set(row.sessionId, row.rawJson);
    }
    const isCopy = identity.copyKind === "primary" ? 0 : 1;
    const upsert = this.stmt("verUpsert");
    const seen = new Set<string>();
    const unstorable: Skipped[] = [];
    let pos = 0;
    const step = (max: number): boolean => {
      const end = Math.min(records.length, pos + max);
      const affected: string[] = [];
      const fresh = new Map<number, Session>();
      for (let i = pos; i < end; i++) {
        const s = records[i] as Session;
        let rawJson: string;
        try {
          rawJson = JSON.stringify(raw[s.id] ?? raw[""] ?? null);
        } catch (e) {
          // JSON.parse reads any depth, JSON.stringify recurses: a record nested thousands of levels
          // deep (or too big for one string) cannot be kept. It is left out like a record the contract
          // skips, so its file still ingests.
          if (!(e instanceof RangeError)) throw e;
          unstorable.push({ key: s.id, reason: "record nested too deeply (or too large) to store" });
          continue;
        }
        seen.add(s.id);
        if (existing.get(s.id) === rawJson) continue;
        const startMs = msOrNull(parsed.startMs[i]);
        const endMs = msOrNull(parsed.endMs[i]);
        const cols = sessionColumnValues(s, file.developerId, identity.subPath, {
          startMs,
          endMs,
          durationMinutes: parsed.durationMinutes[i] as number,
        });
        const { id } = upsert.get(cols, file.id, isCopy, rawJson) as { id: number };
        fresh.set(id, s);
        affected.push(s.id);
      }
      result.rowsChanged += this.resolveSessions(file.developerId, affected, fresh, false);
      pos = end;
      if (pos < records.length) return false;
      const del = this.stmt("verDel");
      const gone: string[] = [];
      for (const sessionId of existing.keys()) {
        if (seen.has(sessionId)) continue;
        del.run(file.id, sessionId);
        gone.push(sessionId);
      }
      result.rowsChanged += this.resolveSessions(file.developerId, gone, new Map(), true);
      finish(unstorable);
      return true;
    };
    return { result, step };
  }

  /**
   * Re-resolves the winning version of the given session ids of one developer and rebuilds the code
   * metrics of every session whose winner changed. `fresh` holds already-normalised versions by id
   * (others are re-read from their raw JSON through the contract).
   */
  private resolveSessions(
    developerId: number,
    sessionIds: readonly string[],
    fresh: Map<number, Session>,
    deletions: boolean,
  ): number {
    if (sessionIds.length === 0) return 0;
    let changed = 0;
    // json_each over one bound array: one statement per batch instead of one per session.
    for (let i = 0; i < sessionIds.length; i += 5000) {
      const ids = JSON.stringify(sessionIds.slice(i, i + 5000));
      const winners = this.stmt("resolve").all({ developerId, ids }) as {
        id: number;
        versionId: number;
        sessionId: string;
      }[];
      changed += winners.length;
      for (const w of winners) this.rebuildCodeMetrics(developerId, w.id, w.versionId, fresh);
      // Only a deleted version can leave a session without versions (skipped on the cold path).
      if (deletions) changed += this.stmt("sessDelOrphans").run({ developerId, ids }).changes;
    }
    return changed;
  }

  private rebuildCodeMetrics(
    developerId: number,
    sessionRowId: number,
    versionId: number,
    fresh: Map<number, Session>,
  ) {
    let session = fresh.get(versionId);
    if (!session) {
      const row = this.stmt("verRaw").get(versionId) as { sessionId: string; rawJson: string } | undefined;
      if (!row) return;
      const parsed = parseSessionsFile({ [row.sessionId]: JSON.parse(row.rawJson) as unknown });
      session = parsed.records[0];
      if (!session) return;
    }
    this.stmt("cmDel").run(sessionRowId);
    const ins = this.stmt("cmIns");
    for (const entry of session.code_metrics) {
      for (const f of entry.functions) {
        ins.run(
          sessionRowId,
          developerId,
          entry.file_path,
          entry.timestamp,
          f.function_name,
          f.modification_type,
          f.ai_contribution.lines_added,
          f.ai_contribution.lines_modified,
          f.ai_contribution.lines_deleted,
          f.ai_contribution.complexity_added,
          f.context.final_complexity,
          f.context.cognitive_load,
          f.documentation.has_docstring ? 1 : 0,
          f.documentation.quality_score,
          f.documentation.has_type_hints ? 1 : 0,
          f.value_metrics.effort_score,
        );
      }
    }
  }

  /**
   * One holding per record: reused from `previous` (key → ids this file held; consumed) when the file
   * already held that key, else taken (new row inserted, or an existing one counted up), for the records
   * `from` ≤ i < `to`. Writes the ids into `ids` (record order); returns how many were newly taken.
   */
  private holdRows(
    developerId: number,
    parsed: Exclude<ParsedContribution, { kind: "sessions" }>,
    previous: Map<string, number[]>,
    ids: number[],
    from: number,
    to: number,
  ): number {
    const rules: HeldKindRules<HeldRecord> = HELD_KINDS[parsed.kind];
    const records: readonly HeldRecord[] = parsed.records;
    // INSERT … ON CONFLICT DO NOTHING with .run() (new row: its id is lastInsertRowid), and only on a
    // conflict an UPDATE that counts the holder up: measurably cheaper than an upsert returning a row
    // object for every record, and conflicts are rare (conflict copies).
    const insert = this.stmt(`${parsed.kind}Insert`);
    const bump = this.stmt(`${parsed.kind}Bump`);
    let taken = 0;
    for (let i = from; i < to; i++) {
      const r = records[i] as HeldRecord;
      const hash = rules.hash(r);
      // The key text only where it is read: a lookup among the file's previous holdings, or a row that
      // stores it (a new file's interactions and issues need neither).
      const key = previous.size > 0 || !rules.keyOnlyForLookup ? rules.key(r, hash) : "";
      if (previous.size > 0) {
        const list = previous.get(key);
        const held = list?.pop();
        if (list && list.length === 0) previous.delete(key);
        if (held !== undefined) {
          ids[i] = held;
          continue;
        }
      }
      taken++;
      const info = rules.insert(insert, developerId, r, key, hash, msOrNull(parsed.tsMs[i]));
      if (info.changes > 0) {
        ids[i] = Number(info.lastInsertRowid);
        rules.addToTotals?.(this.totals, r);
      } else ids[i] = (bump.get(rules.keyValues(developerId, r, key, hash)) as { id: number }).id;
    }
    return taken;
  }

  /** Key → ids (with multiplicity) of the rows a file held, read back from its holdings. */
  private previousHoldings(fileId: number, kind: HeldKind): Map<string, number[]> {
    const map = new Map<string, number[]>();
    const row = this.stmt("holdGet").get(fileId) as { ids: Buffer } | undefined;
    if (!row) return map;
    const held = bufferToIds(row.ids);
    const multiplicity = new Map<number, number>();
    for (const id of held) multiplicity.set(id, (multiplicity.get(id) ?? 0) + 1);
    const rows = this.stmt(`${kind}Keys`).all(JSON.stringify([...multiplicity.keys()])) as {
      id: number;
      k: string;
    }[];
    for (const r of rows) {
      const list = map.get(r.k) ?? [];
      for (let n = multiplicity.get(r.id) ?? 0; n > 0; n--) list.push(r.id);
      map.set(r.k, list);
    }
    return map;
  }

  /** Releases one holding per id; deletes rows no file holds any more. Returns rows deleted. */
  private releaseIds(kind: HeldKind, ids: Iterable<number>): number {
    const release = this.stmt(`${kind}Release`);
    const del = this.stmt(`${kind}Del`);
    let deleted = 0;
    const summed = HELD_KINDS[kind].addToTotals !== undefined;
    for (const id of ids) {
      const left = release.get(id) as { holders: number } | undefined;
      if (left && left.holders <= 0) {
        const row = del.get(id) as { sessionId: string | null } | undefined;
        if (summed && row?.sessionId != null) this.totals.deleted(row.sessionId);
        deleted++;
      }
    }
    return deleted;
  }

  /** Releases every holding a file had (the file is gone). Returns rows deleted. */
  private releaseHoldings(fileId: number, kind: HeldKind): number {
    const row = this.stmt("holdGet").get(fileId) as { ids: Buffer } | undefined;
    return row ? this.releaseIds(kind, bufferToIds(row.ids)) : 0;
  }
}
