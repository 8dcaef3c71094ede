/**
 * Moving a portal's data between databases (`npm run db:copy`, scripts/db-copy.ts): every table of the
 * schema (lib/db/copy-tables.ts) from a source store to a target store of either engine — SQLite to
 * PostgreSQL when a portal outgrows one machine, and back.
 *
 * The whole source is read inside one snapshot (a consistent picture even while a portal still writes
 * to it; nothing is ever written there) and the whole target written inside ONE transaction: rows with
 * their ids, parents before children, each engine's bulk insert (lib/db/copy-engines.ts), then the
 * generated-id counters moved past the copied ids. Before committing, the target's figures (row counts
 * and per-column sums, lib/db/copy-check.ts) are compared with the source's: any difference, any row
 * the target refuses or a lost connection rolls everything back, so a failed copy leaves the target as
 * it was.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PortalError } from "@/lib/errors";
import { figureDifferences, type TableFigures, tableFigures } from "./copy-check";
import { copyEngineFor } from "./copy-engines";
import {
  connectionFailure,
  describeLocation,
  openCopySource,
  openCopyTarget,
  sameDatabase,
  scrubPassword,
} from "./copy-location";
import { type CopyTable, copyTables } from "./copy-tables";
import { migrationsFolderOf } from "./migrate";
import type { StoreLocation } from "./open-store";
import type { Dialect, SqlRunner, Store } from "./store";

/** One table of a copy. */
export interface CopiedTable {
  table: string;
  source: TableFigures;
  /** The target's figures inside the copy's transaction (before commit). */
  target: TableFigures;
  /** Checks that differ ("rows 3 → 2", "tokens_in:sum …"); empty when the table matches. */
  differences: string[];
  ms: number;
}

/** The outcome of a copy. Only `verified` committed anything. */
export interface CopyReport {
  /**
   * `verified`: every table copied and its figures equal, committed. `mismatch`: some figures differ,
   * rolled back. `refused`: the target refused a row (a constraint, a value its types cannot hold),
   * rolled back.
   */
  verdict: "verified" | "mismatch" | "refused";
  tables: CopiedTable[];
  /** For `refused`: which table and what the target said. */
  refusal?: string;
  /** Rows copied (source rows of every table). */
  rows: number;
  ms: number;
}

/** Options of {@link copyStore}. */
export interface CopyStoreOptions {
  source: Store;
  target: Store;
  /** Empty a target that holds data (inside the copy's transaction) instead of refusing it. */
  force?: boolean;
  /** Rows read and inserted at a time (default 2000). */
  batchRows?: number;
  /** Called when a table has been copied (before the check), e.g. for progress lines. */
  onTable?: (table: string, rows: number, ms: number) => void;
  /** Called after each inserted batch (tests use it to break the connection mid-copy). */
  onBatch?: (table: string, rowsSoFar: number) => Promise<void> | void;
}

/** The check failed: carries the report out of the transaction so it rolls back. */
class Mismatch extends Error {
  constructor(readonly tables: CopiedTable[]) {
    super("db copy: figures differ");
  }
}

/** The target refused a row of a table. */
class Refused extends Error {
  constructor(
    readonly table: string,
    cause: unknown,
  ) {
    super(`db copy: ${table} refused`, { cause });
  }
}

/** True for what a database says about a row it will not store (not about the connection). */
function isRowRefusal(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  // PostgreSQL SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation); SQLite's.
  return /^2[23]/.test(code) || code.startsWith("SQLITE_CONSTRAINT") || code === "SQLITE_MISMATCH";
}

function refusalText(e: Refused): string {
  const cause = e.cause as { message?: string; detail?: string } | undefined;
  const detail = cause?.detail ? ` (${cause.detail})` : "";
  return `the target refused a row of ${e.table}: ${cause?.message ?? String(cause)}${detail}`;
}

const selectList = (t: CopyTable) => t.columns.map((c) => `"${c.name}"`).join(", ");

/** Rows of `table` after `after` (its key values) in key order, `limit` at most, as value arrays. */
async function readBatch(
  src: SqlRunner,
  table: CopyTable,
  after: unknown[] | null,
  limit: number,
): Promise<unknown[][]> {
  const key = table.key.map((k) => `"${k}"`);
  const where = after ? `WHERE (${key.join(", ")}) > (${key.map(() => "?").join(", ")})` : "";
  const rows = await src.all<Record<string, unknown>>(
    `SELECT ${selectList(table)} FROM "${table.name}" ${where} ORDER BY ${key.join(", ")} LIMIT ?`,
    [...(after ?? []), limit],
  );
  return rows.map((r) => table.columns.map((c) => r[c.name] ?? null));
}

/** Copies one table's rows, reading the next batch while the previous one is inserted. */
async function copyRows(
  src: SqlRunner,
  table: CopyTable,
  insert: (rows: unknown[][]) => Promise<void>,
  batchRows: number,
  onBatch: CopyStoreOptions["onBatch"],
): Promise<number> {
  const keyIndex = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
  let copied = 0;
  let next = readBatch(src, table, null, batchRows);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    const last = rows[rows.length - 1] as unknown[];
    next =
      rows.length < batchRows
        ? Promise.resolve([])
        : readBatch(
            src,
            table,
            keyIndex.map((i) => last[i]),
            batchRows,
          );
    // The read ahead must not become an unhandled rejection when the insert fails first.
    next.catch(() => {});
    try {
      await insert(rows);
    } catch (e) {
      throw isRowRefusal(e) ? new Refused(table.name, e) : e;
    }
    copied += rows.length;
    await onBatch?.(table.name, copied);
  }
  return copied;
}

/** The first table of `target` that holds a row, or undefined when every copied table is empty. */
async function firstNonEmpty(target: SqlRunner, tables: readonly CopyTable[]): Promise<string | undefined> {
  for (const t of tables) if (await target.get(`SELECT 1 AS x FROM "${t.name}" LIMIT 1`)) return t.name;
  return undefined;
}

/** When this version's newest migration of an engine was made (its journal's last `when`, epoch ms). */
function newestKnownMigration(dialect: Dialect): number {
  const folder = migrationsFolderOf(dialect === "sqlite" ? "drizzle" : "drizzle-pg");
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

/**
 * Fails with `not_found` when `src` lacks a table or column of this version's schema, or was migrated by
 * a newer portal version: a column or table that version added would not be copied (the table list is
 * this version's), so its data would be lost without a word.
 */
async function checkSourceSchema(
  src: SqlRunner,
  dialect: Dialect,
  tables: readonly CopyTable[],
): Promise<void> {
  // Probed first: a failed statement would end a PostgreSQL snapshot's transaction.
  const [applied, exists] =
    dialect === "sqlite"
      ? [
          "__drizzle_migrations",
          "SELECT count(*) AS n FROM sqlite_master WHERE name = '__drizzle_migrations'",
        ]
      : [
          "drizzle.__drizzle_migrations",
          "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'drizzle' AND tablename = '__drizzle_migrations'",
        ];
  const newest = Number((await src.get<{ n: number }>(exists))?.n)
    ? await src.get<{ w: number | string | null }>(`SELECT max(created_at) AS w FROM ${applied}`)
    : undefined; // no bookkeeping table: the column check below decides
  if (newest?.w != null && Number(newest.w) > newestKnownMigration(dialect))
    throw new PortalError(
      "not_found",
      "the source was migrated by a newer portal version than this one: copy with that version (this one would leave out what it added)",
    );
  for (const t of tables) {
    try {
      await src.all(`SELECT ${selectList(t)} FROM "${t.name}" LIMIT 0`);
    } catch (e) {
      throw new PortalError(
        "not_found",
        `the source is not a portal database of this version (table ${t.name}: ${(e as Error).message}); open it once with this portal version (e.g. \`npm run scan\`) to migrate it, then copy`,
        { cause: e },
      );
    }
  }
}

/**
 * Copies every table from `source` to `target` (see the module comment). Resolves with the report —
 * `verified` only when everything matched and was committed. Throws a PortalError `conflict` when the
 * target holds data and `force` is off, `not_found` when the source is not a portal database of this
 * version; connection errors propagate (nothing is committed then either).
 */
export async function copyStore(options: CopyStoreOptions): Promise<CopyReport> {
  const { source, target, batchRows = 2000 } = options;
  const started = performance.now();
  const tables = copyTables();
  const to = copyEngineFor(target);
  const from = copyEngineFor(source);
  try {
    const copied = await source.snapshot(async (src) => {
      await checkSourceSchema(src, source.dialect, tables);
      return target.transaction(async (dst) => {
        const busy = await firstNonEmpty(dst, tables);
        if (busy && !options.force)
          throw new PortalError(
            "conflict",
            `the target already holds data (table ${busy} has rows): pass --force to replace everything in it`,
          );
        if (busy) await to.empty(tables);
        const out: CopiedTable[] = [];
        for (const t of tables) {
          const t0 = performance.now();
          const rows = await copyRows(src, t, (r) => to.insert(t, r), batchRows, options.onBatch);
          if (t.generatedId) await to.setNextId(t, await from.lastId(t));
          const ms = performance.now() - t0;
          options.onTable?.(t.name, rows, ms);
          const [s, d] = [await tableFigures(src, t), await tableFigures(dst, t)];
          out.push({ table: t.name, source: s, target: d, differences: figureDifferences(s, d), ms });
        }
        if (out.some((t) => t.differences.length > 0)) throw new Mismatch(out);
        return out;
      });
    });
    return report("verified", copied, started);
  } catch (e) {
    if (e instanceof Mismatch) return report("mismatch", e.tables, started);
    if (e instanceof Refused) return { ...report("refused", [], started), refusal: refusalText(e) };
    throw e;
  }
}

function report(verdict: CopyReport["verdict"], tables: CopiedTable[], started: number): CopyReport {
  return {
    verdict,
    tables,
    rows: tables.reduce((n, t) => n + t.source.rows, 0),
    ms: performance.now() - started,
  };
}

/** Options of {@link copyDatabase}. */
export interface CopyDatabaseOptions extends Omit<CopyStoreOptions, "source" | "target"> {
  from: StoreLocation;
  to: StoreLocation;
}

/**
 * Opens `from` read-only and `to` (migrating it), copies with {@link copyStore} and closes both.
 * Throws PortalErrors a person can act on: `bad_request` (both are the same database), `not_found`
 * (no source), `unavailable` (a server cannot be reached or the connection was lost), `conflict`
 * (the target holds data and `force` is off). No message holds a password.
 */
export async function copyDatabase({ from, to, ...options }: CopyDatabaseOptions): Promise<CopyReport> {
  if (sameDatabase(from, to))
    throw new PortalError("bad_request", `--from and --to are the same database (${describeLocation(to)})`);
  const source = await openCopySource(from);
  try {
    const target = await openCopyTarget(to);
    try {
      const result = await copyStore({ source, target, ...options });
      if (result.refusal) result.refusal = scrubPassword(result.refusal, to);
      return result;
    } catch (e) {
      throw connectionFailure(e, to) ?? connectionFailure(e, from) ?? e;
    } finally {
      await target.close().catch(() => {});
    }
  } finally {
    await source.close().catch(() => {});
  }
}
