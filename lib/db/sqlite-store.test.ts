import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, openDb, type PortalDb } from "./client";
import { storeOf } from "./sqlite-store";

let dir: string;
let db: PortalDb;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "store-"));
  db = openDb(path.join(dir, "p.db"), { migrate: false });
  db.$client.exec("CREATE TABLE t (v INTEGER)");
});
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe("SQLite store", () => {
  it("runs statements and returns rows", async () => {
    const s = storeOf(db);
    expect((await s.run("INSERT INTO t (v) VALUES (?), (?)", [1, 2])).changes).toBe(2);
    expect(await s.all<{ v: number }>("SELECT v FROM t ORDER BY v")).toEqual([{ v: 1 }, { v: 2 }]);
    expect(await s.get<{ n: number }>("SELECT count(*) AS n FROM t")).toEqual({ n: 2 });
  });

  it("keeps another request's statements out of an open transaction", async () => {
    const s = storeOf(db);
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const failing = s
      .transaction(async (tx) => {
        await tx.run("INSERT INTO t (v) VALUES (1)");
        await s.run("INSERT INTO t (v) VALUES (2)"); // same async context: part of the transaction
        await gate;
        throw new Error("roll back");
      })
      .catch((e: Error) => e.message);
    const other = s.run("INSERT INTO t (v) VALUES (3)"); // another request: waits, survives the rollback
    release();
    expect(await failing).toBe("roll back");
    await other;
    expect(await s.all<{ v: number }>("SELECT v FROM t")).toEqual([{ v: 3 }]);
  });

  it("joins a transaction started inside another and changes the data version on commit", async () => {
    const s = storeOf(db);
    const before = await s.dataVersion();
    await s.transaction(async () => {
      await s.transaction(async (tx) => tx.run("INSERT INTO t (v) VALUES (5)"));
    });
    expect(await s.dataVersion()).not.toBe(before);
    expect(await s.get<{ v: number }>("SELECT v FROM t")).toEqual({ v: 5 });
  });
});
