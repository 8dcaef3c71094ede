/**
 * The PostgreSQL ingest writer (ingest-writer.ts): the same merge rules as the SQLite writer
 * (lib/ingest/merge.ts), applied set-based — a round trip per row would dominate, so each step sends its
 * rows at once as one JSON text (`INSERT … SELECT CAST(e->>0 AS integer), … FROM jsonb_array_elements($1)`)
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
import { withoutNul } from "@/lib/ingest/parse";
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
 * A step's rows (each an array of column values) as the JSON text of an array of arrays, for
 * {@link PgIngestWriter}'s `jsonb_array_elements` source: V8's native JSON.stringify is several times
 * cheaper than building one PostgreSQL array literal per column in JS (measured on 5,000-row
 * interaction steps: 43 → 15 ms of client CPU; the server's parse ~10 ms more). A NUL character,
 * which no PostgreSQL text can hold, is stored as U+FFFD (an escaped backslash before `u0000` is text,
 * not a NUL, and is left alone): otherwise one record from an untrusted file would fail the statement,
 * which the ingest treats as a database failure rather than the file's. Parsing already applies the same
 * rule (withoutNul) to files and pushes; this is the backstop for any other caller.
 */
export function jsonRows(rows: readonly unknown[][]): string {
  return withoutNul(JSON.stringify(rows));
}

/**
 * Characters of JSON one statement is sent at most (a row alone may have more). A jsonb value holds at
 * most 256 MB, and a file may be as big (PORTAL_INGEST_MAX_FILE_MB): a step of many big records is sent
 * in several statements; 32 M characters stay below that limit even as three-byte UTF-8.
 */
const MAX_JSON_CHARS = 32 * 1024 * 1024;

/**
 * A step's rows as {@link jsonRows} texts of consecutive ranges [from, to), each at most `maxChars`
 * long unless it is a single row (halved until it fits; nearly every step is one range).
 */
export function jsonChunks(
  rows: readonly unknown[][],
  maxChars = MAX_JSON_CHARS,
): { json: string; from: number; to: number }[] {
  const out: { json: string; from: number; to: number }[] = [];
  const add = (from: number, to: number) => {
    if (to <= from) return;
    const json = jsonRows(from === 0 && to === rows.length ? rows : rows.slice(from, to));
    if (json.length <= maxChars || to - from === 1) out.push({ json, from, to });
    else {
      const mid = from + ((to - from) >> 1);
      add(from, mid);
      add(mid, to);
    }
  };
  add(0, rows.length);
  return out;
}

/**
 * `text` as PostgreSQL stores it through {@link jsonRows} (a NUL as U+FFFD): the form of an untrusted
 * key that is compared with stored keys or sent as a statement parameter.
 */
function pgText(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
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
   * `SELECT <one typed column per col> FROM jsonb_array_elements(?)` over the JSON rows of
   * {@link jsonRows} (each in `cols` order); with `ord`, also each row's position (1…n) as `ord`.
   */
  private async jsonSource(table: string, cols: readonly string[], ord = false): Promise<string> {
    const types = await this.columnTypes(table);
    const casts = cols.map((c, i) => {
      const type = types.get(c);
      if (!type) throw new Error(`no column ${table}.${c}`);
      return `CAST(j.e->>${i} AS ${type}) AS ${c}`;
    });
    if (ord) casts.push("j.o AS ord");
    return `SELECT ${casts.join(", ")} FROM jsonb_array_elements(CAST(? AS jsonb)) ${ord ? "WITH ORDINALITY AS j(e, o)" : "AS j(e)"}`;
  }

  /** `INSERT INTO table AS t (cols) <rows> <tail>` for `rows` (each in `cols` order); the rows `tail`'s RETURNING gives. */
  private async insertRows<T>(
    table: string,
    cols: readonly string[],
    rows: readonly unknown[][],
    tail = "",
  ): Promise<T[]> {
    if (rows.length === 0) return [];
    const source = await this.jsonSource(table, cols);
    return this.db.all<T>(`INSERT INTO ${table} AS t (${cols.join(", ")}) ${source} ${tail}`, [
      jsonRows(rows),
    ]);
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
        const sid = pgText(s.id);
        if (seen.has(sid)) {
          // Only ids that differ in a NUL vs U+FFFD meet here (a JSON object's keys are distinct).
          unstorable.push({
            key: s.id,
            reason: "the same session id as another once NUL characters are replaced",
          });
          continue;
        }
        seen.add(sid);
        if (existing.get(sid) === rawJson) continue;
        const cols = sessionColumnValues(s, file.developerId, identity.subPath, {
          startMs: msOrNull(parsed.startMs[i]),
          endMs: msOrNull(parsed.endMs[i]),
          durationMinutes: parsed.durationMinutes[i] as number,
        });
        cols.push(file.id, isCopy, rawJson);
        rows.push(cols);
        bySession.set(sid, s);
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
      const key = pgText(rules.key(r, hash));
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
    const order: { at: number[]; record: HeldRecord }[] = [];
    for (const p of pending.values()) {
      rows.push([...p.row, p.at.length]);
      order.push(p);
    }
    if (rows.length === 0) return taken;
    // Each stored row's id comes back in the step's row order, signed (negative: the key existed), as one
    // text: matched to its row by the key columns and the row's position — neither RETURNING's order nor
    // the key text is relied on, and no array of keys has to be built, sent and parsed (node-postgres
    // parses arrays a character at a time: that was ~40 % of a step's client CPU).
    const cols = [...rules.columns, "holders"];
    const keyCols = rules.keyColumns;
    const source = await this.jsonSource(parsed.kind, cols, true);
    const sql = `WITH s AS MATERIALIZED (${source}),
       w AS (INSERT INTO ${parsed.kind} AS t (${cols.join(", ")}) SELECT ${cols.join(", ")} FROM s
             ON CONFLICT (${keyCols.join(", ")}) DO UPDATE SET holders = t.holders + excluded.holders
             RETURNING id, ${keyCols.join(", ")}, xmax = 0 AS fresh)
       SELECT string_agg(CAST(CASE WHEN w.fresh THEN w.id ELSE -w.id END AS text), ',' ORDER BY s.ord) AS ids
       FROM s JOIN w ON ${keyCols.map((c) => `w.${c} = s.${c}`).join(" AND ")}`;
    for (const { json, from, to } of jsonChunks(rows)) {
      const got = await this.db.get<{ ids: string | null }>(sql, [json]);
      const stored = got?.ids ? got.ids.split(",") : [];
      if (stored.length !== to - from)
        throw new Error(`${parsed.kind}: ${stored.length} stored rows for ${to - from} sent`);
      for (let g = from; g < to; g++) {
        const signed = Number(stored[g - from]);
        const p = order[g] as { at: number[]; record: HeldRecord };
        for (const i of p.at) ids[i] = Math.abs(signed);
        if (signed > 0) rules.addToTotals?.(totals, p.record);
      }
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
