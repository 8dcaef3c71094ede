/**
 * Values offered by the filter bar: developers, projects, models and task types present in the data.
 */
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import { memo } from "./memo";
import { all } from "./scope";

/** Distinct filter values, sorted. */
export interface FilterOptions {
  developers: string[];
  projects: string[];
  models: string[];
  taskTypes: string[];
}

/**
 * The distinct values of an indexed NOT NULL column, ascending: one index seek per value (a skip scan:
 * the next value is the smallest one above the last), not a walk over every session's index entry.
 */
async function distinctValues(db: Store, column: "project" | "model_name" | "task_type"): Promise<string[]> {
  return (
    await all<{ v: string }>(
      db,
      `WITH RECURSIVE d(v) AS (
       SELECT (SELECT min(${column}) FROM sessions)
       UNION ALL SELECT (SELECT min(${column}) FROM sessions WHERE ${column} > d.v) FROM d WHERE d.v IS NOT NULL
     ) SELECT v FROM d WHERE v IS NOT NULL`,
    )
  )
    .map((r) => r.v)
    .sort(byCodePoint);
}

/**
 * Code point order (SQLite's BINARY): the skip scan above walks the column's collation, a locale's on a
 * PostgreSQL database not created with the C locale; the few values are put in SQLite's order here.
 */
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Distinct values of every filterable column (index seeks), memoised until the data changes. */
export async function getFilterOptions({ db }: { db: Store }): Promise<FilterOptions> {
  return memo(db, "filterOptions", [], async () => ({
    developers: (
      await all<{ v: string }>(
        db,
        `SELECT name AS v FROM developers ORDER BY ${sqlFor(db).sortKey("name", "ASC", { text: true })}`,
      )
    ).map((r) => r.v),
    projects: await distinctValues(db, "project"),
    models: await distinctValues(db, "model_name"),
    taskTypes: await distinctValues(db, "task_type"),
  }));
}
