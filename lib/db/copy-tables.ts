/**
 * What `npm run db:copy` moves (lib/db/copy.ts): every table of the portal's schema (lib/db/schema.ts,
 * the source drizzle-kit reads), taken from the schema itself so a new table is copied without anyone
 * listing it, in an order where each table comes after the tables its foreign keys point to. Tables an
 * engine keeps for itself are named in {@link COPY_EXCLUDED} with the reason; lib/db/copy.pg.test.ts
 * fails when a migrated database of either engine holds a table that is neither copied nor excluded.
 */
import { is, Table } from "drizzle-orm";
import { getTableConfig as pgConfig } from "drizzle-orm/pg-core";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import * as pgSchema from "./pg-schema";
import * as schema from "./schema";

/** The SQLite column types of the schema (the values a copied column holds). */
export type CopyColumnType = "integer" | "real" | "text" | "blob";

/** One column of a copied table. */
export interface CopyColumn {
  /** SQL name. */
  name: string;
  type: CopyColumnType;
  /** The PostgreSQL type of the mirror (lib/db/pg-tables), for typed bulk inserts. */
  pgType: string;
  nullable: boolean;
}

/** One copied table. */
export interface CopyTable {
  name: string;
  columns: CopyColumn[];
  /** The primary key's columns, in key order (the order rows are read in). */
  key: string[];
  /**
   * True when `id` is generated (SQLite AUTOINCREMENT, PostgreSQL identity): the copy keeps the ids and
   * then moves the target's counter past them.
   */
  generatedId: boolean;
  /** Tables this one's foreign keys point to. */
  dependsOn: string[];
}

/**
 * Tables of a migrated database that are not copied, with the reason. Each engine keeps these itself;
 * copying them would be wrong, not merely redundant.
 */
export const COPY_EXCLUDED: Readonly<Record<string, string>> = Object.freeze({
  __drizzle_migrations:
    "migration bookkeeping (SQLite): each engine records its own migrations, applied when the target is opened",
  sqlite_sequence:
    "SQLite's AUTOINCREMENT counters: the copy sets the target's counters from the source's (setNextId)",
  portal_data_version:
    "PostgreSQL's data version counter: the target's moves by itself when the copy commits",
  portal_data_version_pending:
    "PostgreSQL's data version bookkeeping, empty outside a committing transaction",
});

const TYPES: readonly CopyColumnType[] = ["integer", "real", "text", "blob"];

function pgTypesOf(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const t of Object.values(pgSchema)) {
    if (!is(t, Table)) continue;
    const c = pgConfig(t as Parameters<typeof pgConfig>[0]);
    out.set(c.name, new Map(c.columns.map((col) => [col.name, col.getSQLType()])));
  }
  return out;
}

function describeTable(t: SQLiteTable, pgTypes: Map<string, Map<string, string>>): CopyTable {
  const c = getTableConfig(t);
  const mirror = pgTypes.get(c.name);
  const columns = c.columns.map((col): CopyColumn => {
    const type = col.getSQLType() as CopyColumnType;
    const pgType = mirror?.get(col.name);
    if (!TYPES.includes(type) || !pgType)
      throw new Error(`db copy: column ${c.name}.${col.name} (${type}) has no PostgreSQL mirror type`);
    return { name: col.name, type, pgType, nullable: !col.notNull };
  });
  const single = c.columns.filter((col) => col.primary).map((col) => col.name);
  const key = single.length > 0 ? single : (c.primaryKeys[0]?.columns.map((col) => col.name) ?? []);
  if (key.length === 0) throw new Error(`db copy: table ${c.name} has no primary key to read it in order`);
  const idColumn = c.columns.find((col) => col.name === "id" && col.primary);
  const dependsOn = c.foreignKeys
    .map((fk) => getTableConfig(fk.reference().foreignTable as SQLiteTable).name)
    .filter((name) => name !== c.name);
  return {
    name: c.name,
    columns,
    key,
    generatedId: (idColumn as { autoIncrement?: boolean } | undefined)?.autoIncrement === true,
    dependsOn: [...new Set(dependsOn)],
  };
}

let cached: CopyTable[] | undefined;

/**
 * Every table of the schema, each after the tables it references (parents first: inserting in this
 * order never breaks a foreign key; deleting in reverse order neither).
 */
export function copyTables(): CopyTable[] {
  if (cached) return cached;
  const pgTypes = pgTypesOf();
  const all = (Object.values(schema) as unknown[])
    .filter((v): v is SQLiteTable => is(v, Table))
    .map((t) => describeTable(t, pgTypes));
  const byName = new Map(all.map((t) => [t.name, t]));
  const ordered: CopyTable[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: CopyTable) => {
    if (state.get(t.name) === "done") return;
    if (state.get(t.name) === "visiting") throw new Error(`db copy: foreign keys form a cycle at ${t.name}`);
    state.set(t.name, "visiting");
    for (const d of t.dependsOn) {
      const parent = byName.get(d);
      if (parent) visit(parent);
    }
    state.set(t.name, "done");
    ordered.push(t);
  };
  // In the schema's export order (alphabetical: a module namespace sorts its keys), each table after its parents.
  for (const t of all) visit(t);
  cached = ordered;
  return ordered;
}
