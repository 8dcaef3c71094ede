// PostgreSQL-only behaviour of lib/db/pg-store.ts (the engine-neutral contract is lib/db/store.test.ts):
// placeholder numbering, the data version's triggers and notifications, type parsing kept per pool.
import net from "node:net";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { numberPlaceholders, openPgStore, type PgStore } from "./pg-store";

describe("numberPlaceholders", () => {
  it("numbers ? outside strings, quoted identifiers, dollar quotes and comments", () => {
    expect(numberPlaceholders("SELECT a FROM t WHERE a = ? AND b IN (?, ?)")).toBe(
      "SELECT a FROM t WHERE a = $1 AND b IN ($2, $3)",
    );
    expect(
      numberPlaceholders(`SELECT '?', 'it''s ?', "we?ird", ? -- why?\n, ? /* ? */, $$?$$, $q$?$q$`),
    ).toBe(`SELECT '?', 'it''s ?', "we?ird", $1 -- why?\n, $2 /* ? */, $$?$$, $q$?$q$`);
    expect(numberPlaceholders("SELECT 1")).toBe("SELECT 1");
  });
});

describe("openPgStore on a server that never answers", () => {
  it("fails after its connect timeout instead of waiting forever", async () => {
    // Accepts the TCP connection and stays silent: a hung host.
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      await expect(
        openPgStore(`postgres://u:p@127.0.0.1:${port}/db`, { connectTimeoutMs: 300 }),
      ).rejects.toThrow(/timeout/i);
      expect(sockets.length).toBeGreaterThan(0); // it did connect: the timeout is what ended it
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("PostgreSQL store", () => {
  let t: TestStore;
  let s: PgStore;
  beforeEach(async () => {
    t = await openTestStore("postgres");
    s = t.store as PgStore;
  });
  afterEach(() => t.cleanup());

  it("has the data-version trigger on every table of the schema", async () => {
    const missing = await s.all<{ t: string }>(
      `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT LIKE 'portal_data_version%'
         AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = c.relname || '_data_changed')
       ORDER BY 1`,
    );
    expect(missing).toEqual([]);
    const tables = await s.get<{ n: number }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'portal_data_version%'",
    );
    expect(tables?.n).toBeGreaterThanOrEqual(21);
  });

  it("moves the data version once per committed transaction, never on rollback, and notifies", async () => {
    const listener = new pg.Client({ connectionString: t.location });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (m) => heard.push(`${m.channel}:${m.payload}`));
    await listener.query("LISTEN portal_data");
    try {
      const v0 = Number(await s.dataVersion());
      await s.transaction(async (tx) => {
        await tx.run("INSERT INTO developers (name, first_seen_ms) VALUES (?, ?), (?, ?)", ["a", 1, "b", 2]);
        await tx.run("UPDATE developers SET first_seen_ms = first_seen_ms + 1");
        // Not visible before commit, to this transaction or others.
        expect(
          Number(
            await tx.get<{ v: number }>("SELECT version AS v FROM portal_data_version").then((r) => r?.v),
          ),
        ).toBe(v0);
      });
      expect(Number(await s.dataVersion())).toBe(v0 + 1);
      await s
        .transaction(async (tx) => {
          await tx.run("DELETE FROM developers");
          throw new Error("no");
        })
        .catch(() => {});
      expect(Number(await s.dataVersion())).toBe(v0 + 1);
      await s.run("DELETE FROM developers WHERE name = ?", ["a"]); // autocommit statement
      expect(Number(await s.dataVersion())).toBe(v0 + 2);
      await s.run("DELETE FROM developers WHERE name = ?", ["nobody"]); // a statement that changed no row still counts
      const deadline = Date.now() + 5000;
      while (heard.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toEqual([`portal_data:${v0 + 1}`, `portal_data:${v0 + 2}`, `portal_data:${v0 + 3}`]);
    } finally {
      await listener.end();
    }
  });

  it("reads the data version once for calls made together, each call seeing every commit made before it", async () => {
    const other = new pg.Client({ connectionString: t.location });
    await other.connect();
    let statements = 0;
    const query = s.pool.query.bind(s.pool) as (...args: unknown[]) => unknown;
    s.pool.query = ((...args: unknown[]) => {
      statements++;
      return query(...args);
    }) as typeof s.pool.query;
    try {
      const v0 = Number(await s.dataVersion());
      statements = 0;
      // The widgets of one page ask at once: one round trip, not one each.
      const together = await Promise.all([s.dataVersion(), s.dataVersion(), s.dataVersion()]);
      expect({ statements, together: together.map(Number) }).toEqual({
        statements: 1,
        together: [v0, v0, v0],
      });
      // Asked before and after another connection's commit: the later call never gets a read sent before it.
      const before = s.dataVersion();
      await other.query("INSERT INTO developers (name, first_seen_ms) VALUES ('x', 1)");
      const after = Number(await s.dataVersion());
      expect(Number(await before)).toBeGreaterThanOrEqual(v0);
      expect(after).toBe(v0 + 1);
      // Inside a snapshot the version is the snapshot's, whatever commits meanwhile.
      await s.snapshot(async (tx) => {
        await tx.get("SELECT 1 AS x");
        await other.query("INSERT INTO developers (name, first_seen_ms) VALUES ('y', 1)");
        expect(Number(await s.dataVersion())).toBe(after);
      });
      expect(Number(await s.dataVersion())).toBe(after + 1);
    } finally {
      await other.end();
    }
  });

  it("lets two connections write other rows at once without waiting for each other's commit", async () => {
    const other = (await t.another()) as PgStore;
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const first = s.transaction(async (tx) => {
      await tx.run("INSERT INTO settings (key, value, updated_ms) VALUES ('one', '1', 1)");
      await gate; // holds its transaction open
    });
    // The second writer commits while the first is still open (the version lock is taken at commit only).
    await other.run("INSERT INTO settings (key, value, updated_ms) VALUES ('two', '2', 2)");
    release();
    await first;
    expect(await s.all("SELECT key FROM settings ORDER BY key")).toEqual([{ key: "one" }, { key: "two" }]);
  });

  it("fails a transaction whose connection the server ends between statements, then carries on", async () => {
    const other = (await t.another()) as PgStore;
    const failed = await s
      .transaction(async (tx) => {
        const me = await tx.get<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        await other.get("SELECT pg_terminate_backend(?)", [me?.pid]);
        await new Promise((r) => setTimeout(r, 200)); // the connection's end arrives while idle in the transaction
        await tx.run("INSERT INTO settings (key, value, updated_ms) VALUES ('lost', '1', 1)");
      })
      .then(
        () => "committed",
        (e: Error) => e.message,
      );
    expect(failed).not.toBe("committed");
    await s.run("INSERT INTO settings (key, value, updated_ms) VALUES ('after', '1', 1)");
    expect(await s.all("SELECT key FROM settings")).toEqual([{ key: "after" }]);
  });

  it("parses BIGINT, NUMERIC and BOOLEAN on its own pool only, not node-postgres's global parsers", async () => {
    expect(
      await s.get(
        `SELECT 9007199254740991::bigint AS big, 1.5::numeric AS dec, true AS yes, NULL::bigint AS none,
           ARRAY[1, NULL, 3]::bigint[] AS bigs, ARRAY[0.25]::numeric[] AS decs, sum(x) AS total
         FROM (VALUES (2::bigint), (3::bigint)) AS v(x)`,
      ),
    ).toEqual({
      big: 9007199254740991,
      dec: 1.5,
      yes: 1,
      none: null,
      bigs: [1, null, 3],
      decs: [0.25],
      total: 5,
    });
    const plain = new pg.Client({ connectionString: t.location });
    await plain.connect();
    try {
      const row = (await plain.query("SELECT 5::bigint AS big, true AS yes")).rows[0];
      expect(row).toEqual({ big: "5", yes: true });
    } finally {
      await plain.end();
    }
  });
});
