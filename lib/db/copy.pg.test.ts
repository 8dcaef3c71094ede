// `npm run db:copy` on real engines: a SQLite portal filled by the real ingest and lib/auth, copied to a
// real PostgreSQL (the run's server, test-support/postgres.ts) and back to SQLite. The content is
// compared with an oracle that reads both databases without the copy's code (test-support/copy-source.ts).

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiToken, verifyApiToken } from "@/lib/auth/tokens";
import { insertUserIfNew, verifyCredentials } from "@/lib/auth/users";
import { isPortalError } from "@/lib/errors";
import {
  type CopySource,
  fileDigest,
  makeCopySource,
  sqliteContent,
  storeContent,
} from "@/test-support/copy-source";
import { createTestDatabase, TEST_PG_URL_ENV } from "@/test-support/postgres";
import { closeDb, openDb } from "./client";
import { copyDatabase } from "./copy";
import { COPY_EXCLUDED, copyTables } from "./copy-tables";
import { openPgStore } from "./pg-store";
import { storeOf } from "./sqlite-store";
import type { Store } from "./store";

const adminUrl = () => {
  const url = process.env[TEST_PG_URL_ENV];
  if (!url) throw new Error(`${TEST_PG_URL_ENV} unset: run through vitest's portal-postgres project`);
  return url;
};

let dir: string;
let source: CopySource;
const cleanups: (() => Promise<void>)[] = [];

/** A fresh, migrated PostgreSQL database (dropped after the test). */
async function pgDatabase(): Promise<string> {
  const db = await createTestDatabase(adminUrl());
  cleanups.push(db.drop);
  return db.url;
}

/** A store on `url` (closed after the test). */
async function pgStore(url: string): Promise<Store> {
  const s = await openPgStore(url, { maxConnections: 2 });
  cleanups.push(() => s.close());
  return s;
}

/** Row counts of every copied table. */
async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of copyTables())
    out[t.name] = (await store.get<{ n: number }>(`SELECT count(*) AS n FROM "${t.name}"`))?.n ?? -1;
  return out;
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "db-copy-"));
  source = await makeCopySource(dir);
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

describe("db copy: SQLite → PostgreSQL", () => {
  it("copies every table with its ids, verifies it, and leaves the source untouched", async () => {
    const before = fileDigest(source.dbPath);
    const sourceContent = sqliteContent(source.dbPath);
    const url = await pgDatabase();

    const report = await copyDatabase({
      from: { engine: "sqlite", path: source.dbPath },
      to: { engine: "postgres", url },
    });

    expect(report.verdict).toBe("verified");
    expect(report.tables.map((t) => t.table).sort()).toEqual(
      copyTables()
        .map((t) => t.name)
        .sort(),
    );
    for (const t of report.tables) {
      expect(t.differences, t.table).toEqual([]);
      expect(t.target.rows, t.table).toBe(t.source.rows);
    }
    // Every table of the source held something: the test covers each one.
    const empty = report.tables.filter((t) => t.source.rows === 0).map((t) => t.table);
    expect(empty).toEqual([]);
    expect(fileDigest(source.dbPath)).toBe(before);

    const target = await pgStore(url);
    expect(await storeContent(target)).toEqual(sourceContent);
  });

  it("keeps sign-ins and tokens working, and the next ids do not collide", async () => {
    const url = await pgDatabase();
    await copyDatabase({ from: { engine: "sqlite", path: source.dbPath }, to: { engine: "postgres", url } });
    const db = await pgStore(url);

    const user = await verifyCredentials({ db, email: source.admin.email, password: source.admin.password });
    expect(user?.id).toBe(source.admin.id);
    const verified = await verifyApiToken({ db, token: source.token });
    expect("token" in verified && verified.token.user.id).toBe(source.admin.id);

    const next = await insertUserIfNew(db, {
      email: "new@example.com",
      name: "New",
      passwordHash: "x",
      role: "lead",
      createdMs: 1,
    });
    expect(next?.id).toBe(source.lastUserId + 1);
    // The source deleted its newest token: that id is never handed out again.
    const { info } = await createApiToken({
      db,
      creator: { userId: source.admin.id, tokenId: null },
      name: "n",
    });
    expect(info.id).toBe(source.lastTokenId + 1);
  });

  it("refuses a target holding data unless forced, and --force replaces it in the same transaction", async () => {
    const url = await pgDatabase();
    const db = await pgStore(url);
    await insertUserIfNew(db, {
      email: "stray@example.com",
      name: "S",
      passwordHash: "x",
      role: "lead",
      createdMs: 1,
    });
    const from = { engine: "sqlite", path: source.dbPath } as const;
    const to = { engine: "postgres", url } as const;

    const refused = await copyDatabase({ from, to }).catch((e: unknown) => e);
    expect(isPortalError(refused, "conflict")).toBe(true);
    expect((await counts(db)).users).toBe(1);

    const report = await copyDatabase({ from, to, force: true });
    expect(report.verdict).toBe("verified");
    expect(await storeContent(db)).toEqual(sqliteContent(source.dbPath));
  });

  it("a source from another portal version (a table missing) is refused before anything is written", async () => {
    const raw = openDb(source.dbPath);
    raw.$client.exec("DROP TABLE usage");
    closeDb(raw);
    const url = await pgDatabase();

    const failed = await copyDatabase({
      from: { engine: "sqlite", path: source.dbPath },
      to: { engine: "postgres", url },
    }).catch((e: unknown) => e);

    expect(isPortalError(failed, "not_found")).toBe(true);
    expect((failed as Error).message).toContain("not a portal database of this version (table usage");
    expect(Object.values(await counts(await pgStore(url))).every((n) => n === 0)).toBe(true);
  });

  it("a source a newer portal version migrated is refused before anything is written (either engine)", async () => {
    // What a newer version's migration leaves: its bookkeeping row, dated after this version's newest.
    const later = Date.now() + 365 * 86_400_000;
    // A PostgreSQL source: a verified copy of the SQLite one, then marked newer.
    const pgUrl = await pgDatabase();
    const copied = await copyDatabase({
      from: { engine: "sqlite", path: source.dbPath },
      to: { engine: "postgres", url: pgUrl },
    });
    expect(copied.verdict).toBe("verified");
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('newer', $1)", [
      later,
    ]);
    await client.end();
    const back = path.join(dir, "back.db");
    const refusedPg = await copyDatabase({
      from: { engine: "postgres", url: pgUrl },
      to: { engine: "sqlite", path: back },
    }).catch((e: unknown) => e);
    expect(isPortalError(refusedPg, "not_found")).toBe(true);
    expect((refusedPg as Error).message).toContain("migrated by a newer portal version");

    // A SQLite source marked newer.
    const raw = openDb(source.dbPath);
    raw.$client.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('newer', ?)").run(later);
    closeDb(raw);
    const url = await pgDatabase();
    const refused = await copyDatabase({
      from: { engine: "sqlite", path: source.dbPath },
      to: { engine: "postgres", url },
    }).catch((e: unknown) => e);
    expect(isPortalError(refused, "not_found")).toBe(true);
    expect((refused as Error).message).toContain("migrated by a newer portal version");
    expect(Object.values(await counts(await pgStore(url))).every((n) => n === 0)).toBe(true);
  });

  it("a row the target refuses rolls everything back: the target stays empty", async () => {
    // A sign-in session of a user who does not exist (written with foreign keys off, as old files may be).
    const raw = openDb(source.dbPath);
    raw.$client.pragma("foreign_keys = OFF");
    raw.$client
      .prepare("INSERT INTO auth_sessions (id, user_id, created_ms, expires_ms) VALUES ('orphan', 999, 1, 2)")
      .run();
    closeDb(raw);
    const url = await pgDatabase();

    const report = await copyDatabase({
      from: { engine: "sqlite", path: source.dbPath },
      to: { engine: "postgres", url },
    });

    expect(report.verdict).toBe("refused");
    expect(report.refusal).toContain("auth_sessions");
    const after = await counts(await pgStore(url));
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
  });

  it("a target that stores other values than it was given fails the check and keeps nothing", async () => {
    const url = await pgDatabase();
    const db = await pgStore(url);
    // A real way for data to change on the way in (here a trigger; in life an encoding or type mapping).
    await db.run(`CREATE FUNCTION mangle() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.prompt := NEW.prompt || '!'; NEW.tokens_in := NEW.tokens_in + 1; RETURN NEW; END $$`);
    await db.run(
      "CREATE TRIGGER mangle BEFORE INSERT ON interactions FOR EACH ROW EXECUTE FUNCTION mangle()",
    );

    const report = await copyDatabase({
      from: { engine: "sqlite", path: source.dbPath },
      to: { engine: "postgres", url },
    });

    expect(report.verdict).toBe("mismatch");
    const differing = report.tables.filter((t) => t.differences.length > 0);
    expect(differing.map((t) => t.table)).toEqual(["interactions"]);
    expect(differing[0]?.differences.map((d) => d.split(" ")[0])).toEqual(["prompt:length", "tokens_in:sum"]);
    expect(Object.values(await counts(db)).every((n) => n === 0)).toBe(true);
  });

  it("a connection killed mid-copy leaves the target empty and says the server was lost", async () => {
    const url = await pgDatabase();
    const dbName = new URL(url).pathname.slice(1);
    const killed = await copyDatabase({
      from: { engine: "sqlite", path: source.dbPath },
      to: { engine: "postgres", url },
      batchRows: 5,
      onBatch: async (table, rows) => {
        if (table !== "interactions" || rows !== 5) return;
        const admin = new pg.Client({ connectionString: adminUrl() });
        await admin.connect();
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [dbName],
        );
        await admin.end();
      },
    }).catch((e: unknown) => e);

    expect(isPortalError(killed, "unavailable")).toBe(true);
    expect((killed as Error).message).not.toContain(new URL(url).password);
    const after = await counts(await pgStore(url));
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
  });
});

describe("db copy: PostgreSQL → SQLite", () => {
  it("copies back to an equal SQLite database whose counters continue", async () => {
    const url = await pgDatabase();
    await copyDatabase({ from: { engine: "sqlite", path: source.dbPath }, to: { engine: "postgres", url } });
    const back = path.join(dir, "back", "portal.db");

    const report = await copyDatabase({
      from: { engine: "postgres", url },
      to: { engine: "sqlite", path: back },
    });

    expect(report.verdict).toBe("verified");
    expect(sqliteContent(back)).toEqual(sqliteContent(source.dbPath));
    const db = openDb(back);
    try {
      const { info } = await createApiToken({
        db: storeOf(db),
        creator: { userId: source.admin.id, tokenId: null },
        name: "n",
      });
      expect(info.id).toBe(source.lastTokenId + 1);
    } finally {
      closeDb(db);
    }
  });
});

describe("db copy: PostgreSQL → PostgreSQL", () => {
  it("copies one database of a server into another", async () => {
    const [first, second] = [await pgDatabase(), await pgDatabase()];
    await copyDatabase({
      from: { engine: "sqlite", path: source.dbPath },
      to: { engine: "postgres", url: first },
    });

    const report = await copyDatabase({
      from: { engine: "postgres", url: first },
      to: { engine: "postgres", url: second },
    });

    expect(report.verdict).toBe("verified");
    expect(await storeContent(await pgStore(second))).toEqual(sqliteContent(source.dbPath));
  });
});

describe("db copy: the table list", () => {
  it("covers every table of a migrated database of both engines, or names why not", async () => {
    const copied = new Set(copyTables().map((t) => t.name));
    const sqlite = openDb(path.join(dir, "fresh.db"));
    const sqliteTables = (
      sqlite.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    closeDb(sqlite);
    const pgTables = (
      await (
        await pgStore(await pgDatabase())
      ).all<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
      )
    ).map((r) => r.name);

    const forgotten = [...sqliteTables, ...pgTables].filter((t) => !copied.has(t) && !COPY_EXCLUDED[t]);
    expect(forgotten).toEqual([]);
    expect(copied.size).toBeGreaterThan(15);
    for (const reason of Object.values(COPY_EXCLUDED)) expect(reason.length).toBeGreaterThan(20);
    // Parents before children: inserting in this order never breaks a foreign key.
    const seen = new Set<string>();
    for (const t of copyTables()) {
      for (const d of t.dependsOn) expect(seen.has(d), `${t.name} after ${d}`).toBe(true);
      seen.add(t.name);
    }
  });
});

describe("npm run db:copy", () => {
  const cli = (...args: string[]) => {
    const r = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/db-copy.ts", ...args], {
      encoding: "utf8",
      timeout: 60_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it("copies, prints each table source → target and the verdict, exit 0; a second run refuses (73)", async () => {
    const url = await pgDatabase();
    const password = new URL(url).password;

    const r = cli("--from", `sqlite:${source.dbPath}`, "--to", url);

    expect(r.err + r.out).not.toContain(password);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^users\s+2 →\s+2 {2}ok$/m);
    expect(r.out).toMatch(/^verified: \d+ tables/m);
    const again = cli("--from", `sqlite:${source.dbPath}`, "--to", url);
    expect(again.code).toBe(73);
    expect(again.err).toContain("--force");
  });

  it("says what is wrong in one line, with its exit code and without the password", () => {
    const missing = cli(
      "--from",
      `sqlite:${path.join(dir, "nope.db")}`,
      "--to",
      "postgres://u@127.0.0.1:1/x",
    );
    expect(missing.code).toBe(66);
    expect(missing.err).toContain("no SQLite database at");

    const badUrl = cli("--from", `sqlite:${source.dbPath}`, "--to", "postgres://:Pw0rd-Secret@/");
    expect(badUrl.code).toBe(64);
    expect(badUrl.err).not.toContain("Pw0rd-Secret");

    const unreachable = cli(
      "--from",
      `sqlite:${source.dbPath}`,
      "--to",
      "postgres://me:Pw0rd-Secret@127.0.0.1:1/portal",
    );
    expect(unreachable.code).toBe(69);
    expect(unreachable.err).toContain("connection refused");
    expect(unreachable.err).toContain("postgres://me:***@127.0.0.1:1/portal");
    const noDatabase = new URL(adminUrl());
    noDatabase.pathname = "/no_such_portal";
    const absent = cli("--from", `sqlite:${source.dbPath}`, "--to", noDatabase.toString());
    expect(absent.code).toBe(69);
    expect(absent.err).toContain("the database does not exist");
    expect(absent.err + absent.out).not.toContain(noDatabase.password);
    const itself = cli(
      "--from",
      `sqlite:${source.dbPath}`,
      "--to",
      `sqlite:${path.relative(".", source.dbPath)}`,
    );
    expect(itself.code).toBe(64);
    expect(itself.err).toContain("the same database");

    for (const r of [missing, badUrl, unreachable, itself]) {
      expect(r.err + r.out).not.toContain("Pw0rd-Secret");
      expect(r.err).not.toMatch(/\n\s+at /); // no stack
    }
  });
});
