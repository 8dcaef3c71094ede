/**
 * The portal's SQL functions on a SQLite connection: the stats package's rounding and gap classification
 * (`py_round(x, n)`, `classify_gap(m)`), so GROUP BY queries round and classify exactly as the package
 * does. PostgreSQL has the same two functions from its migrations (drizzle-pg/0002_read_functions.sql).
 */
import { classifyGap, pyRound } from "ai-session-tracker-mcp/stats";
import type Database from "better-sqlite3";

/** Registers `py_round` and `classify_gap` on `sqlite` (idempotent: a re-registration replaces them). */
export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function("py_round", { deterministic: true }, (x: unknown, n: unknown) =>
    typeof x === "number" ? pyRound(x, typeof n === "number" ? n : 0) : x,
  );
  sqlite.function("classify_gap", { deterministic: true }, (m: unknown) =>
    typeof m === "number" ? classifyGap(m) : null,
  );
}
