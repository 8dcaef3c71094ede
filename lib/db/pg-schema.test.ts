// The PostgreSQL schema mirror (lib/db/pg-tables) must hold exactly what the SQLite schema (lib/db/tables,
// the source) holds: same tables, columns (nullability, keys, defaults, a matching type), indexes,
// unique constraints, composite primary keys and foreign keys. Fails naming what one side lacks.

import { is, Table } from "drizzle-orm";
import { type PgTable, getTableConfig as pgConfig } from "drizzle-orm/pg-core";
import { type SQLiteTable, getTableConfig as sqliteConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "./pg-schema";
import * as sqliteSchema from "./schema";

/** SQLite type → the PostgreSQL types that mirror it. */
const TYPE_MIRROR: Record<string, readonly string[]> = {
  integer: ["integer", "bigint"],
  real: ["double precision"],
  text: ["text"],
  blob: ["bytea"],
};

type Described = Map<string, Set<string>>;

/** One line per fact of a table, so two schemas compare as sets and a difference reads as a sentence. */
function describeTable(
  config: ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>,
  typeOf: (sqlType: string) => string,
): Set<string> {
  const facts = new Set<string>();
  for (const c of config.columns) {
    // An INTEGER PRIMARY KEY is SQLite's rowid, generated whether declared so or not: a key's default is
    // the engine's business (PostgreSQL: identity ids), every other default must match.
    const hasDefault = c.hasDefault && !c.primary;
    facts.add(
      `column ${c.name} ${typeOf(c.getSQLType())}${c.notNull ? " not null" : ""}${c.primary ? " primary key" : ""}${hasDefault ? " default" : ""}${c.isUnique ? ` unique ${c.uniqueName}` : ""}`,
    );
  }
  for (const i of config.indexes) {
    const cols = i.config.columns.map((col) => ("name" in col ? col.name : "?")).join(",");
    facts.add(`${i.config.unique ? "unique index" : "index"} ${i.config.name} (${cols})`);
  }
  for (const u of config.uniqueConstraints)
    facts.add(`unique ${u.name} (${u.columns.map((c) => c.name).join(",")})`);
  for (const pk of config.primaryKeys) facts.add(`primary key (${pk.columns.map((c) => c.name).join(",")})`);
  for (const fk of config.foreignKeys) {
    const r = fk.reference();
    const target = is(r.foreignTable, Table) ? sqliteOrPgName(r.foreignTable) : "?";
    facts.add(
      `foreign key (${r.columns.map((c) => c.name).join(",")}) → ${target}(${r.foreignColumns.map((c) => c.name).join(",")}) on delete ${fk.onDelete ?? "no action"}`,
    );
  }
  return facts;
}

function sqliteOrPgName(t: Table): string {
  return (t as unknown as { [k: symbol]: string })[Symbol.for("drizzle:Name")] ?? "?";
}

function tablesOf<T extends Table>(schema: Record<string, unknown>): T[] {
  return Object.values(schema).filter((v): v is T => is(v, Table));
}

function sqliteFacts(): Described {
  return new Map(
    tablesOf<SQLiteTable>(sqliteSchema).map((t) => {
      const c = sqliteConfig(t);
      return [c.name, describeTable(c, (type) => TYPE_MIRROR[type]?.join("|") ?? type)];
    }),
  );
}

function pgFacts(): Described {
  return new Map(
    tablesOf<PgTable>(pgSchema).map((t) => {
      const c = pgConfig(t);
      const mirrorOf = (type: string) =>
        Object.values(TYPE_MIRROR)
          .find((pgTypes) => pgTypes.includes(type))
          ?.join("|") ?? type;
      return [c.name, describeTable(c, mirrorOf)];
    }),
  );
}

/** Facts of `a` that `b` lacks, as "table: fact". */
function missing(a: Described, b: Described): string[] {
  const out: string[] = [];
  for (const [table, facts] of a) {
    const other = b.get(table);
    if (!other) {
      out.push(`${table}: the whole table`);
      continue;
    }
    for (const f of facts) if (!other.has(f)) out.push(`${table}: ${f}`);
  }
  return out;
}

/**
 * Indexes the mirror holds on purpose beyond the SQLite schema ("table: fact" → why): the read model's
 * sortKey orders NULLs as SQLite does (NULLS FIRST ascending, NULLS LAST descending), which a default
 * PostgreSQL btree (ASC NULLS LAST) cannot serve in either direction, so a newest-first page sorted every
 * selected row. Their columns are declared NULLS FIRST in lib/db/pg-tables (this test compares names only).
 */
const POSTGRES_ONLY: Record<string, string> = {
  "sessions: index sessions_start_id_idx (start_ms,id)":
    "session lists by start time (ORDER BY start_ms DESC NULLS LAST, id DESC) read the head of the index",
};

/**
 * SQLite facts the mirror states differently on purpose ("table: SQLite fact" → the PostgreSQL fact
 * instead): the time index also holds the id, so the lists' time-order head (ts then id, NULLS as SQLite)
 * walks it; range reads, min and max use it as before. Same name, no extra index to write on ingest.
 */
const POSTGRES_VARIANTS: Record<string, string> = {
  "interactions: index interactions_ts_idx (ts_ms)": "interactions: index interactions_ts_idx (ts_ms,id)",
  "issues: index issues_ts_idx (ts_ms)": "issues: index issues_ts_idx (ts_ms,id)",
};

describe("PostgreSQL schema mirror", () => {
  it("has every table, column, index, key and constraint of the SQLite schema, and nothing else", () => {
    const sqlite = sqliteFacts();
    const pg = pgFacts();
    expect(sqlite.size).toBeGreaterThan(15);
    const variants = new Set(Object.values(POSTGRES_VARIANTS));
    expect({
      missingOnPostgres: missing(sqlite, pg).filter((f) => !(f in POSTGRES_VARIANTS)),
      missingOnSqlite: missing(pg, sqlite).filter((f) => !(f in POSTGRES_ONLY) && !variants.has(f)),
    }).toEqual({ missingOnPostgres: [], missingOnSqlite: [] });
  });

  it("holds every PostgreSQL-only index and variant it declares (the lists above stay true)", () => {
    const sqlite = sqliteFacts();
    const pg = pgFacts();
    const has = (facts: Described, fact: string) => {
      const [table, what] = fact.split(/: (.*)/s) as [string, string];
      return facts.get(table)?.has(what) ?? false;
    };
    for (const fact of Object.keys(POSTGRES_ONLY))
      expect({ fact, onPostgres: has(pg, fact) }).toEqual({ fact, onPostgres: true });
    for (const [was, is] of Object.entries(POSTGRES_VARIANTS))
      expect({ was, onSqlite: has(sqlite, was), is, onPostgres: has(pg, is) }).toEqual({
        was,
        onSqlite: true,
        is,
        onPostgres: true,
      });
  });

  it("declares the time column of those indexes NULLS FIRST (else sortKey's orders cannot walk them)", () => {
    const nullsOf = (table: string, name: string) => {
      const t = tablesOf<PgTable>(pgSchema).find((x) => pgConfig(x).name === table);
      const i = t && pgConfig(t).indexes.find((x) => x.config.name === name);
      return i?.config.columns.map((c) => ("indexConfig" in c ? c.indexConfig?.nulls : undefined));
    };
    const declared = [...Object.keys(POSTGRES_ONLY), ...Object.values(POSTGRES_VARIANTS)].map((f) => {
      const m = /^(\w+): index (\w+) /.exec(f) as RegExpExecArray;
      return { index: m[2], nulls: nullsOf(m[1] as string, m[2] as string)?.[0] };
    });
    expect(declared).toEqual(declared.map((d) => ({ index: d.index, nulls: "first" })));
  });
});
