/**
 * The PostgreSQL ingest writer (ingest-writer.ts): the same merge rules as the SQLite writer
 * (lib/ingest/merge.ts), applied set-based — a round trip per row would dominate, so each step sends its
 * rows at once as one array per column (`INSERT … SELECT * FROM unnest($1::text[], $2::bigint[], …)`)
 * and lets the unique indexes decide (`ON CONFLICT … DO UPDATE … RETURNING`). Per step: one upsert of
 * the new records (duplicates inside the step folded first, with their multiplicity as the holder
 * count), one release of the vanished ones, one write of the holdings, one upsert of the per-session
 * totals; sessions: one upsert of the versions, one resolution, one rebuild of their code metrics.
 * Its outline mirrors sqlite-ingest-writer.ts on purpose (the same rules, step by step, so the two are
 * read side by side); the parts they share are in ingest-writer-parts.ts.
 */
import type { Session } from "ai-session-tracker-mcp/contract";
import { parseSessionsFile } from "ai-session-tracker-mcp/contract";
import {
  addTotalsOnConflict,
  InteractionTotalsBatch,
  RATING_GROUPS_SQL,
  type RatingGroup,
  TOTALS_COLUMNS,
  totalsRows,
} from "@/lib/ingest/interaction-totals";
import {
  HELD_KINDS,
  type HeldKind,
  type HeldKindRules,
  type HeldRecord,
  msOrNull,
  type RowSink,
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
import type { Store } from "./store";

/**
 * One column's values as a PostgreSQL array literal (`{1,2,NULL}`, `{"a","b \\"q\\""}`): built here in
 * one pass (node-postgres's generic serialiser quotes and escapes every element through two regular
 * expressions, a measurable part of a cold ingest's CPU). Numbers as JS writes them, text always quoted.
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  // A column of numbers only (most of them): the engine's own join.
  if (values.every((v) => typeof v === "number")) return `{${values.join(",")}}`;
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = "NULL";
    else if (typeof v === "number") parts[i] = String(v);
    else {
      const text = String(v);
      parts[i] = /["\\]/.test(text) ? `"${text.replace(/[\\"]/g, "\\$&")}"` : `"${text}"`;
    }
  }
  return `{${parts.join(",")}}`;
}

/** Ids with multiplicity → [distinct ids, how many times each]. */
function counted(ids: Iterable<number>): [number[], number[]] {
  const m = new Map<number, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return [[...m.keys()], [...m.values()]];
}

const VERSION_COLS = [...SESSION_COLS, "file_id", "is_copy", "raw_json"];

/** The PostgreSQL writer of `store`. */
export function pgIngestWriter(store: Store): IngestWriter {
  return new PgIngestWriter(store);
}

class PgIngestWriter implements IngestWriter {
  /** Column → its SQL type, per table (read once from the catalog: the arrays are cast to it). */
  private readonly types = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly db: Store) {}

  private columnTypes(table: string): Promise<Map<string, string>> {
    let t = this.types.get(table);
    if (!t) {
      t = this.db
        .all<{ name: string; type: string }>(
          `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
           WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped`,
          [table],
        )
        .then((rows) => new Map(rows.map((r) => [r.name, r.type])));
      this.types.set(table, t);
    }
    return t;
  }

  /**
   * `INSERT INTO table AS t (cols) SELECT * FROM unnest(one array per column) <tail>` for `rows` (each in
   * `cols` order); the rows `tail`'s RETURNING gives.
   */
  private async insertRows<T>(
    table: string,
    cols: readonly string[],
    rows: readonly unknown[][],
    tail = "",
    wrap: (insert: string) => string = (insert) => insert,
  ): Promise<T[]> {
    if (rows.length === 0) return [];
    const types = await this.columnTypes(table);
    const arrays: string[] = cols.map((_, c) => pgArrayLiteral(rows.map((row) => row[c])));
    const casts = cols.map((c) => {
      const type = types.get(c);
      if (!type) throw new Error(`no column ${table}.${c}`);
      return `CAST(? AS ${type}[])`;
    });
    return this.db.all<T>(
      wrap(
        `INSERT INTO ${table} AS t (${cols.join(", ")}) SELECT * FROM unnest(${casts.join(", ")}) ${tail}`,
      ),
      arrays,
    );
  }

  /**
   * Settings of the ingest's write transaction (each step and each removal runs in its own, so each
   * sets them; one round trip). `synchronous_commit = off`: the tracker files are the source of truth,
   * so a commit lost in a server crash is only a file the next pass re-reads (its stored hash is then
   * still the old one) — and the ingest no longer waits for the WAL flush of every step.
   * `idle_in_transaction_session_timeout = 10s` (< the leadership timeout, 15 s, minus its heartbeat,
   * 3 s; lib/db/coordination.ts): a leader frozen mid-transaction has it rolled back by the server before
   * another instance takes the lead and redoes the file, so the thawed one cannot commit it twice.
   */
  private async tuneTransaction(): Promise<void> {
    await this.db.get(
      `SELECT set_config('synchronous_commit', 'off', true) AS a,
              set_config('idle_in_transaction_session_timeout', '10s', true) AS b`,
    );
  }

  async beginApply(
    file: WriterFile,
    identity: WriterFileIdentity,
    parsed: ParsedContribution,
  ): Promise<WriterJob> {
    const result: ApplyResult = { rowsChanged: 0, records: parsed.records.length };
    if (parsed.kind === "sessions") return this.sessionsJob(file, identity, parsed, result);
    const previous = await this.previousHoldings(file.id, parsed.kind);
    const ids: number[] = new Array(parsed.records.length);
    const totals = new InteractionTotalsBatch();
    let pos = 0;
    return {
      result,
      unstorable: [],
      step: async (max) => {
        await this.tuneTransaction();
        const end = Math.min(parsed.records.length, pos + max);
        result.rowsChanged += await this.holdRows(file.developerId, parsed, previous, ids, pos, end, totals);
        pos = end;
        const done = pos === parsed.records.length;
        let held = ids;
        if (done) {
          const leftover: number[] = [];
          for (const list of previous.values()) for (const id of list) leftover.push(id);
          result.rowsChanged += await this.releaseIds(parsed.kind, leftover, totals);
        } else held = heldBetweenSteps(ids, pos, previous);
        await this.putHoldings(file.id, held);
        await this.flushTotals(totals, file.developerId);
        return done;
      },
    };
  }

  async removeContribution(file: WriterFile): Promise<number> {
    await this.tuneTransaction();
    if (file.kind === "sessions") {
      const gone = await this.db.all<{ sid: string }>(
        "DELETE FROM session_versions WHERE file_id = ? RETURNING session_id AS sid",
        [file.id],
      );
      return this.resolveSessions(
        file.developerId,
        gone.map((g) => g.sid),
        new Map(),
        true,
      );
    }
    const totals = new InteractionTotalsBatch();
    const row = await this.db.get<{ ids: Buffer }>("SELECT ids FROM file_holdings WHERE file_id = ?", [
      file.id,
    ]);
    const changed = row ? await this.releaseIds(file.kind, bufferToIds(row.ids), totals) : 0;
    await this.flushTotals(totals, file.developerId);
    return changed;
  }

  bulkPass<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  private async putHoldings(fileId: number, ids: readonly number[]): Promise<void> {
    await this.db.run(
      `INSERT INTO file_holdings (file_id, ids) VALUES (?, ?)
       ON CONFLICT (file_id) DO UPDATE SET ids = excluded.ids`,
      [fileId, idsToBuffer(ids)],
    );
  }

  private async sessionsJob(
    file: WriterFile,
    identity: WriterFileIdentity,
    parsed: Extract<ParsedContribution, { kind: "sessions" }>,
    result: ApplyResult,
  ): Promise<WriterJob> {
    const { records, raw } = parsed;
    const existing = new Map<string, string>();
    for (const row of await this.db.all<{ sid: string; raw: string }>(
      "SELECT session_id AS sid, raw_json AS raw FROM session_versions WHERE file_id = ?",
      [file.id],
    ))
      existing.set(row.sid, row.raw);
    const isCopy = identity.copyKind === "primary" ? 0 : 1;
    const seen = new Set<string>();
    const unstorable: Skipped[] = [];
    const upsertTail = `ON CONFLICT (file_id, session_id) DO UPDATE SET ${VERSION_COLS.filter(
      (c) => c !== "file_id" && c !== "session_id",
    )
      .map((c) => `${c} = excluded.${c}`)
      .join(", ")} RETURNING id, session_id AS sid`;
    let pos = 0;
    const step = async (max: number): Promise<boolean> => {
      await this.tuneTransaction();
      const end = Math.min(records.length, pos + max);
      const rows: unknown[][] = [];
      const bySession = new Map<string, Session>();
      for (let i = pos; i < end; i++) {
        const s = records[i] as Session;
        const rawJson = storableRawJson(raw, s, unstorable);
        if (rawJson === null) continue;
        seen.add(s.id);
        if (existing.get(s.id) === rawJson) continue;
        const cols = sessionColumnValues(s, file.developerId, identity.subPath, {
          startMs: msOrNull(parsed.startMs[i]),
          endMs: msOrNull(parsed.endMs[i]),
          durationMinutes: parsed.durationMinutes[i] as number,
        });
        cols.push(file.id, isCopy, rawJson);
        rows.push(cols);
        bySession.set(s.id, s);
      }
      const fresh = new Map<number, Session>();
      const upserted = await this.insertRows<{ id: number; sid: string }>(
        "session_versions",
        VERSION_COLS,
        rows,
        upsertTail,
      );
      for (const v of upserted) fresh.set(v.id, bySession.get(v.sid) as Session);
      result.rowsChanged += await this.resolveSessions(file.developerId, [...bySession.keys()], fresh, false);
      pos = end;
      if (pos < records.length) return false;
      const gone = [...existing.keys()].filter((sid) => !seen.has(sid));
      if (gone.length > 0)
        await this.db.run(
          "DELETE FROM session_versions WHERE file_id = ? AND session_id = ANY(CAST(? AS text[]))",
          [file.id, gone],
        );
      result.rowsChanged += await this.resolveSessions(file.developerId, gone, new Map(), true);
      result.records = records.length - unstorable.length;
      return true;
    };
    return { result, unstorable, step };
  }

  /** Re-resolves the winners of the given sessions (one statement) and rebuilds changed code metrics. */
  private async resolveSessions(
    developerId: number,
    sessionIds: readonly string[],
    fresh: Map<number, Session>,
    deletions: boolean,
  ): Promise<number> {
    if (sessionIds.length === 0) return 0;
    const cols = SESSION_COLS.join(", ");
    const winners = await this.db.all<{ id: number; versionId: number }>(
      `INSERT INTO sessions AS t (${cols}, version_id, versions_count)
       SELECT ${cols}, id, cnt FROM (
         SELECT v.*, row_number() OVER (PARTITION BY session_id ORDER BY ${WINNER_ORDER}) AS rn,
                count(*) OVER (PARTITION BY session_id) AS cnt
         FROM session_versions v
         WHERE developer_id = ? AND session_id = ANY(CAST(? AS text[]))
       ) AS w WHERE rn = 1
       ON CONFLICT (developer_id, session_id) DO UPDATE SET ${SESSION_COLS.filter(
         (c) => c !== "developer_id" && c !== "session_id",
       )
         .map((c) => `${c} = excluded.${c}`)
         .join(", ")}, version_id = excluded.version_id, versions_count = excluded.versions_count
       RETURNING id, version_id AS "versionId"`,
      [developerId, sessionIds],
    );
    let changed = winners.length;
    if (winners.length > 0) await this.rebuildCodeMetrics(developerId, winners, fresh);
    if (deletions) {
      changed += (
        await this.db.run(
          `DELETE FROM sessions WHERE developer_id = ? AND session_id = ANY(CAST(? AS text[]))
             AND NOT EXISTS (SELECT 1 FROM session_versions v WHERE v.developer_id = sessions.developer_id
                             AND v.session_id = sessions.session_id)`,
          [developerId, sessionIds],
        )
      ).changes;
    }
    return changed;
  }

  private async rebuildCodeMetrics(
    developerId: number,
    winners: readonly { id: number; versionId: number }[],
    fresh: Map<number, Session>,
  ): Promise<void> {
    const missing = winners.filter((w) => !fresh.has(w.versionId)).map((w) => w.versionId);
    const reread = new Map<number, Session>();
    if (missing.length > 0) {
      for (const row of await this.db.all<{ id: number; sid: string; raw: string }>(
        "SELECT id, session_id AS sid, raw_json AS raw FROM session_versions WHERE id = ANY(CAST(? AS integer[]))",
        [missing],
      )) {
        const s = parseSessionsFile({ [row.sid]: JSON.parse(row.raw) as unknown }).records[0];
        if (s) reread.set(row.id, s);
      }
    }
    await this.db.run("DELETE FROM code_metrics WHERE session_row_id = ANY(CAST(? AS integer[]))", [
      winners.map((w) => w.id),
    ]);
    const rows: unknown[][] = [];
    for (const w of winners) {
      const session = fresh.get(w.versionId) ?? reread.get(w.versionId);
      if (session) for (const row of codeMetricRows(w.id, developerId, session)) rows.push(row);
    }
    await this.insertRows("code_metrics", CODE_METRIC_COLS, rows);
  }

  /**
   * One holding per record, for the records `from` ≤ i < `to`: reused from `previous` when the file
   * already held the key, else taken — all new keys of the step in one upsert (a key twice in the step:
   * one row, two holders). Writes the ids into `ids`; returns how many records were newly taken.
   */
  private async holdRows(
    developerId: number,
    parsed: Exclude<ParsedContribution, { kind: "sessions" }>,
    previous: Map<string, number[]>,
    ids: number[],
    from: number,
    to: number,
    totals: InteractionTotalsBatch,
  ): Promise<number> {
    const rules: HeldKindRules<HeldRecord> = HELD_KINDS[parsed.kind];
    const records: readonly HeldRecord[] = parsed.records;
    let values: unknown[] = [];
    const sink: RowSink = {
      run: (...v) => {
        values = v;
        return { changes: 1, lastInsertRowid: 0 };
      },
    };
    const pending = new Map<string, { row: unknown[]; at: number[]; record: HeldRecord }>();
    let taken = 0;
    for (let i = from; i < to; i++) {
      const r = records[i] as HeldRecord;
      const hash = rules.hash(r);
      const key = rules.key(r, hash);
      const held = previous.size > 0 ? takePrevious(previous, key) : undefined;
      if (held !== undefined) {
        ids[i] = held;
        continue;
      }
      taken++;
      const p = pending.get(key);
      if (p) p.at.push(i);
      else {
        rules.insert(sink, developerId, r, key, hash, msOrNull(parsed.tsMs[i]));
        pending.set(key, { row: values, at: [i], record: r });
      }
    }
    const rows: unknown[][] = [];
    for (const p of pending.values()) rows.push([...p.row, p.at.length]);
    // The stored rows come back as three arrays in one row, not a row each: thousands of result rows
    // cost the client more to read than the same values as arrays.
    const [got] = await this.insertRows<{
      ids: number[] | null;
      keys: string[] | null;
      fresh: number[] | null;
    }>(
      parsed.kind,
      [...rules.columns, "holders"],
      rows,
      `ON CONFLICT (${rules.keyColumns.join(", ")}) DO UPDATE SET holders = t.holders + excluded.holders
       RETURNING id, ${rules.keySql} AS k, CASE WHEN xmax = 0 THEN 1 ELSE 0 END AS inserted`,
      (insert) => `WITH w AS (${insert})
        SELECT array_agg(id) AS ids, array_agg(k) AS keys, array_agg(inserted) AS fresh FROM w`,
    );
    const gotIds = got?.ids ?? [];
    const gotKeys = got?.keys ?? [];
    const gotFresh = got?.fresh ?? [];
    for (let g = 0; g < gotIds.length; g++) {
      const p = pending.get(gotKeys[g] as string);
      if (!p) throw new Error(`${parsed.kind}: a stored key the step did not send`);
      const id = Number(gotIds[g]);
      for (const i of p.at) ids[i] = id;
      if (Number(gotFresh[g]) === 1) rules.addToTotals?.(totals, p.record);
    }
    return taken;
  }

  /** Key → ids (with multiplicity) of the rows a file held, read back from its holdings. */
  private async previousHoldings(fileId: number, kind: HeldKind): Promise<Map<string, number[]>> {
    const map = new Map<string, number[]>();
    const row = await this.db.get<{ ids: Buffer }>("SELECT ids FROM file_holdings WHERE file_id = ?", [
      fileId,
    ]);
    if (!row) return map;
    const [distinct, times] = counted(bufferToIds(row.ids));
    const multiplicity = new Map(distinct.map((id, i) => [id, times[i] as number]));
    for (const r of await this.db.all<{ id: number; k: string }>(
      `SELECT id, ${HELD_KINDS[kind].keySql} AS k FROM ${kind} WHERE id = ANY(CAST(? AS integer[]))`,
      [distinct],
    )) {
      const list = map.get(r.k) ?? [];
      for (let n = multiplicity.get(r.id) ?? 0; n > 0; n--) list.push(r.id);
      map.set(r.k, list);
    }
    return map;
  }

  /** Releases one holding per id (two statements); deletes rows no file holds any more. */
  private async releaseIds(
    kind: HeldKind,
    ids: Iterable<number>,
    totals: InteractionTotalsBatch,
  ): Promise<number> {
    const [distinct, times] = counted(ids);
    if (distinct.length === 0) return 0;
    const counts = await this.db.all<{ id: number; holders: number }>(
      `UPDATE ${kind} AS t SET holders = t.holders - x.n
       FROM unnest(CAST(? AS integer[]), CAST(? AS integer[])) AS x(id, n)
       WHERE t.id = x.id RETURNING t.id, t.holders`,
      [distinct, times],
    );
    // Rows still held by other files keep their lowered count; the others go.
    const left = counts.filter((c) => c.holders <= 0);
    if (left.length === 0) return 0;
    const summed = HELD_KINDS[kind].addToTotals !== undefined;
    const deleted = await this.db.all<{ sid: string | null }>(
      `DELETE FROM ${kind} WHERE id = ANY(CAST(? AS integer[])) RETURNING ${summed ? "session_id" : "NULL"} AS sid`,
      [left.map((l) => l.id)],
    );
    if (summed) for (const d of deleted) if (d.sid != null) totals.deleted(d.sid);
    return deleted.length;
  }

  /** Writes a batch's totals: inserted rows added to their sessions, lost sessions recomputed. */
  private async flushTotals(totals: InteractionTotalsBatch, developerId: number): Promise<void> {
    const added = totals.addedGroups();
    if (added.length > 0)
      await this.insertRows(
        "session_interaction_totals",
        TOTALS_COLUMNS,
        totalsRows(developerId, added),
        addTotalsOnConflict("GREATEST", "t"),
      );
    const lost = totals.lostSessions();
    if (lost.length > 0) {
      await this.db.run(
        "DELETE FROM session_interaction_totals WHERE developer_id = ? AND session_id = ANY(CAST(? AS text[]))",
        [developerId, lost],
      );
      const groups = await this.db.all<RatingGroup>(
        `${RATING_GROUPS_SQL} WHERE developer_id = ? AND session_id = ANY(CAST(? AS text[]))
         GROUP BY session_id, effectiveness_rating ORDER BY session_id`,
        [developerId, lost],
      );
      await this.insertRows("session_interaction_totals", TOTALS_COLUMNS, totalsRows(developerId, groups));
    }
    totals.clear();
  }
}
