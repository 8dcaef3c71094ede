// Choosing the engine from the environment: DATABASE_URL (postgres:// or postgresql://) → PostgreSQL,
// unset → SQLite at PORTAL_DB_PATH; a malformed URL is a clear start-up error that never echoes a password.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { openTestStore, type TestStore } from "@/test-support/store";
import { openStore, storeLocation } from "./open-store";

let t: TestStore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe("storeLocation", () => {
  it("reads DATABASE_URL as PostgreSQL and its absence (or empty) as SQLite", () => {
    expect(storeLocation(parseEnv({ PORTAL_DB_PATH: "/x/p.db" }))).toEqual({
      engine: "sqlite",
      path: "/x/p.db",
    });
    expect(storeLocation(parseEnv({ DATABASE_URL: "" }))).toEqual({
      engine: "sqlite",
      path: "./data/portal.db",
    });
    for (const url of ["postgres://u:p@db.example.com:5432/portal", "postgresql://db/portal?sslmode=require"])
      expect(storeLocation(parseEnv({ DATABASE_URL: url }))).toEqual({ engine: "postgres", url });
  });

  it("refuses a URL that is not a PostgreSQL one, naming the variable but not the password", () => {
    for (const bad of [
      "mysql://u:s3cret@h/db",
      "postgres://",
      "not a url s3cret",
      "sqlite:./data/portal.db",
    ]) {
      let message = "";
      try {
        parseEnv({ DATABASE_URL: bad });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain("DATABASE_URL: must be a PostgreSQL URL like postgres://");
      expect(message).not.toContain("s3cret");
    }
  });
});

describe("openStore", () => {
  it(`opens the run's engine (${process.env.PORTAL_TEST_ENGINE ?? "sqlite"}) at its location, migrated`, async () => {
    t = await openTestStore();
    const location =
      t.engine === "sqlite"
        ? { engine: "sqlite" as const, path: path.join(t.dir, "other.db") }
        : { engine: "postgres" as const, url: t.location };
    const store = await openStore(location);
    try {
      expect(store.dialect).toBe(t.engine);
      expect(await store.get("SELECT count(*) AS n FROM users")).toEqual({ n: 0 });
      if (location.engine === "sqlite") expect(existsSync(location.path)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
