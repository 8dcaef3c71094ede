/**
 * The SQLite ingest writer (ingest-writer.ts): writes one file's contribution by the rules of
 * lib/ingest/merge.ts (which version of a session wins, what makes two records one row) with raw
 * better-sqlite3 prepared statements, synchronously, inside the SQLite store's `withSqlite` — a team
 * folder holds millions of records and per-row builder overhead or an await per row would dominate the
 * ingest. Each call of the async surface runs a whole step (thousands of rows) synchronously.
 *
 * - Sessions: one `session_versions` row per (file, session id); the `sessions` row of a (developer,
 *   session id) is re-resolved whenever a version of that key changes.
 * - Interactions, issues, requests, usage: de-duplicated rows with a holder count; each file keeps the
 *   list of row ids it holds (`file_holdings`). Replacing a file's contribution = take the new holdings,
 *   then release the old ones; a row is deleted only when no file holds it any more.
 */
import type { Session } from "ai-session-tracker-mcp/contract";
import { parseSessionsFile } from "ai-session-tracker-mcp/contract";
import type { Database, Statement } from "better-sqlite3";
import {
  addTotalsOnConflict,
  INSERT_TOTALS,
  InteractionTotalsBatch,
  RATING_GROUPS_SQL,
  type RatingGroup,
  totalsRows,
} from "@/lib/ingest/interaction-totals";
import {
  HELD_KINDS,
  type HeldKind,
  type HeldKindRules,
  type HeldRecord,
  msOrNull,
  SESSION_COLS,
  sessionColumnValues,
  WINNER_ORDER,
} from "@/lib/ingest/merge";
import type {
  ApplyResult,
  IngestWriter,
  ParsedContribution,
  Skipped,
  WriterFile,
  WriterFileIdentity,
  WriterJob,
} from "./ingest-writer";
import {
  bufferToIds,
  CODE_METRIC_COLS,
  codeMetricRows,
  heldBetweenSteps,
  idsToBuffer,
  storableRawJson,
  takePrevious,
} from "./ingest-writer-parts";
import type { SqliteStore } from "./store";

/** A job's synchronous half: `step` runs inside `withSqlite`. */
interface SyncJob {
  step(max: number): boolean;
  result: ApplyResult;
  unstorable: Skipped[];
}

/** The SQLite writer of `store` (its statements are prepared once, here). */
export function sqliteIngestWriter(store: SqliteStore): IngestWriter {
  return new SqliteIngestWriter(store);
}

class SqliteIngestWriter implements IngestWriter {
  private readonly sqlite: Database;
  private readonly st: Record<string, Statement>;

  constructor(private readonly store: SqliteStore) {
    this.sqlite = store.sqlite;
    const s = this.sqlite;
    // A version binds its session columns, then these three (sessionsJob).
    const versionCols = [...SESSION_COLS, "file_id", "is_copy", "raw_json"];
    this.st = {
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
        `INSERT INTO code_metrics (${CODE_METRIC_COLS.join(", ")}) VALUES (${CODE_METRIC_COLS.map(() => "?").join(", ")})`,
      ),
      totalsAdd: s.prepare(`${INSERT_TOTALS} ${addTotalsOnConflict("max", "session_interaction_totals")}`),
      totalsIns: s.prepare(INSERT_TOTALS),
      totalsDel: s.prepare(
        `DELETE FROM session_interaction_totals
         WHERE developer_id = @dev AND session_id IN (SELECT value FROM json_each(@ids))`,
      ),
      totalsGroups: s.prepare(
        `${RATING_GROUPS_SQL} WHERE developer_id = @dev AND session_id IN (SELECT value FROM json_each(@ids))
         GROUP BY session_id, effectiveness_rating ORDER BY session_id`,
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
  }

  private stmt(name: string): Statement {
    const st = this.st[name];
    if (!st) throw new Error(`unknown statement ${name}`);
    return st;
  }

  async beginApply(
    file: WriterFile,
    identity: WriterFileIdentity,
    parsed: ParsedContribution,
  ): Promise<WriterJob> {
    const job = await this.store.withSqlite(() => this.begin(file, identity, parsed));
    return {
      result: job.result,
      unstorable: job.unstorable,
      step: (max) => this.store.withSqlite(() => job.step(max)),
    };
  }

  async removeContribution(file: WriterFile): Promise<number> {
    return this.store.withSqlite(() => {
      if (file.kind === "sessions") {
        const gone = this.stmt("verDelFile").all(file.id) as { sessionId: string }[];
        return this.resolveSessions(
          file.developerId,
          gone.map((g) => g.sessionId),
          new Map(),
          true,
        );
      }
      const totals = new InteractionTotalsBatch();
      const row = this.stmt("holdGet").get(file.id) as { ids: Buffer } | undefined;
      const changed = row ? this.releaseIds(file.kind, bufferToIds(row.ids), totals) : 0;
      this.flushTotals(totals, file.developerId);
      return changed;
    });
  }

  async bulkPass<T>(fn: () => Promise<T>): Promise<T> {
    // A big pass writes hundreds of MB: checkpoint the WAL every ~40 MB instead of every 4 MB (fewer
    // fsyncs), then restore the default and checkpoint once at the end of the pass.
    const sqlite = this.sqlite;
    const previous = Number(sqlite.pragma("wal_autocheckpoint", { simple: true }));
    sqlite.pragma("wal_autocheckpoint = 10000");
    try {
      return await fn();
    } finally {
      sqlite.pragma(`wal_autocheckpoint = ${previous}`);
      sqlite.pragma("wal_checkpoint(PASSIVE)");
    }
  }

  private begin(file: WriterFile, identity: WriterFileIdentity, parsed: ParsedContribution): SyncJob {
    const result: ApplyResult = { rowsChanged: 0, records: parsed.records.length };
    if (parsed.kind === "sessions") return this.sessionsJob(file, identity, parsed, result);
    // Records this file already held keep their holding untouched (a re-synced file with one new record
    // costs one insert, not a release + re-take of every row); only new keys are taken and only keys
    // the file no longer has are released (in the last step).
    const previous = this.previousHoldings(file.id, parsed.kind);
    const ids: number[] = new Array(parsed.records.length);
    const totals = new InteractionTotalsBatch();
    let pos = 0;
    return {
      result,
      unstorable: [],
      step: (max) => {
        const end = Math.min(parsed.records.length, pos + max);
        result.rowsChanged += this.holdRows(file.developerId, parsed, previous, ids, pos, end, totals);
        pos = end;
        const done = pos === parsed.records.length;
        if (done) {
          for (const leftover of previous.values())
            result.rowsChanged += this.releaseIds(parsed.kind, leftover, totals);
          this.stmt("holdPut").run(file.id, idsToBuffer(ids));
        } else this.stmt("holdPut").run(file.id, idsToBuffer(heldBetweenSteps(ids, pos, previous)));
        this.flushTotals(totals, file.developerId);
        return done;
      },
    };
  }

  private sessionsJob(
    file: WriterFile,
    identity: WriterFileIdentity,
    parsed: Extract<ParsedContribution, { kind: "sessions" }>,
    result: ApplyResult,
  ): SyncJob {
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
        const rawJson = storableRawJson(raw, s, unstorable);
        if (rawJson === null) continue;
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
      result.records = records.length - unstorable.length;
      return true;
    };
    return { result, unstorable, step };
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
    for (const row of codeMetricRows(sessionRowId, developerId, session)) ins.run(row);
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
    totals: InteractionTotalsBatch,
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
      const held = previous.size > 0 ? takePrevious(previous, key) : undefined;
      if (held !== undefined) {
        ids[i] = held;
        continue;
      }
      taken++;
      const info = rules.insert(insert, developerId, r, key, hash, msOrNull(parsed.tsMs[i]));
      if (info.changes > 0) {
        ids[i] = Number(info.lastInsertRowid);
        rules.addToTotals?.(totals, r);
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
  private releaseIds(kind: HeldKind, ids: Iterable<number>, totals: InteractionTotalsBatch): number {
    const release = this.stmt(`${kind}Release`);
    const del = this.stmt(`${kind}Del`);
    let deleted = 0;
    const summed = HELD_KINDS[kind].addToTotals !== undefined;
    for (const id of ids) {
      const left = release.get(id) as { holders: number } | undefined;
      if (left && left.holders <= 0) {
        const row = del.get(id) as { sessionId: string | null } | undefined;
        if (summed && row?.sessionId != null) totals.deleted(row.sessionId);
        deleted++;
      }
    }
    return deleted;
  }

  /**
   * Writes a batch's totals changes for `developerId`: inserted rows are added to their sessions' rows,
   * sessions that lost a row are recomputed from their rows (a maximum cannot be un-added).
   */
  private flushTotals(totals: InteractionTotalsBatch, developerId: number): void {
    const added = totals.addedGroups();
    if (added.length > 0) {
      const add = this.stmt("totalsAdd");
      for (const row of totalsRows(developerId, added)) add.run(row);
    }
    const lost = totals.lostSessions();
    // json_each over one bound array: one statement per batch instead of one per session.
    for (let i = 0; i < lost.length; i += 5000) {
      const params = { dev: developerId, ids: JSON.stringify(lost.slice(i, i + 5000)) };
      this.stmt("totalsDel").run(params);
      const ins = this.stmt("totalsIns");
      for (const row of totalsRows(developerId, this.stmt("totalsGroups").all(params) as RatingGroup[]))
        ins.run(row);
    }
    totals.clear();
  }
}
