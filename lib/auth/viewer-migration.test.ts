/**
 * The SQLite data migration of the old `viewer` role (drizzle/0007): SQLite only, since a PostgreSQL
 * portal starts from the current schema and never held a `viewer` row.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, expect, it } from "vitest";
import { makeTestEnv, type TestEnv } from "@/test-support/queries";

let env: TestEnv;
beforeEach(() => {
  env = makeTestEnv();
});
afterEach(() => env.cleanup());

it("migrates an old viewer row to lead", () => {
  const sqlite = env.db.$client;
  // A row as an old portal left it (the SQL default is still 'viewer'), then the committed data migration.
  sqlite
    .prepare("INSERT INTO users (email, name, password_hash, created_ms) VALUES ('v@x.io','V','x',1)")
    .run();
  sqlite
    .prepare(
      "INSERT INTO users (email, name, password_hash, role, created_ms) VALUES ('a@x.io','A','x','admin',1)",
    )
    .run();
  const raw = sqlite.prepare("SELECT role FROM users WHERE email='v@x.io'").get() as { role: string };
  expect(raw.role).toBe("viewer");
  sqlite.exec(readFileSync("drizzle/0007_viewer_to_lead.sql", "utf8"));
  expect(sqlite.prepare("SELECT email, role FROM users ORDER BY id").raw().all()).toEqual([
    ["v@x.io", "lead"],
    ["a@x.io", "admin"],
  ]);
});
