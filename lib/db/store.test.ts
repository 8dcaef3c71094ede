// The Store contract (lib/db/store.ts), on the run's engine: SQLite in the `portal` project, PostgreSQL in
// `portal-postgres` (its file list is in vitest.config.ts). Both engines must pass every case unchanged.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestStore, type TestStore } from "@/test-support/store";
import type { Store } from "./store";

let t: TestStore;
let s: Store;
beforeEach(async () => {
  t = await openTestStore();
  s = t.store;
});
afterEach(() => t.cleanup());

const INSERT = "INSERT INTO settings (key, value, updated_ms) VALUES (?, ?, ?)";
const EPOCH_MS = 1_764_633_600_123; // beyond 2^31: a BIGINT on PostgreSQL, still a JS number

describe(`Store on ${process.env.PORTAL_TEST_ENGINE ?? "sqlite"}`, () => {
  it("runs statements and returns rows of plain numbers and text", async () => {
    expect(s.dialect).toBe(t.engine);
    expect((await s.run(`${INSERT}, (?, ?, ?)`, ["b", "2", EPOCH_MS, "a", "1", 2])).changes).toBe(2);
    expect(await s.all("SELECT key, updated_ms FROM settings ORDER BY key")).toEqual([
      { key: "a", updated_ms: 2 },
      { key: "b", updated_ms: EPOCH_MS },
    ]);
    expect(
      await s.get("SELECT count(*) AS n, sum(updated_ms) AS total, max(updated_ms) AS top FROM settings"),
    ).toEqual({ n: 2, total: EPOCH_MS + 2, top: EPOCH_MS });
    expect(await s.get("SELECT key FROM settings WHERE key = ?", ["zz"])).toBeUndefined();
    expect((await s.run("UPDATE settings SET value = ? WHERE key <> ?", ["x", "none"])).changes).toBe(2);
  });

  it("numbers placeholders outside quoted text only, and reads comparisons as 1 / 0", async () => {
    expect(await s.get("SELECT '?' AS q, ? AS p, 'it''s ?' AS r", ["x"])).toEqual({
      q: "?",
      p: "x",
      r: "it's ?",
    });
    expect(await s.get("SELECT CASE WHEN 1 = 1 THEN 1 ELSE 0 END AS a, (2 < 1) AS b, (1 = 1) AS c")).toEqual({
      a: 1,
      b: 0,
      c: 1,
    });
  });

  it("keeps another request's statements out of an open transaction, and rolls it back on throw", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const failing = s
      .transaction(async (tx) => {
        await tx.run(INSERT, ["one", "1", 1]);
        await s.run(INSERT, ["two", "2", 2]); // same async context: part of the transaction
        await gate;
        throw new Error("roll back");
      })
      .catch((e: Error) => e.message);
    const other = s.run(INSERT, ["three", "3", 3]); // another request: survives the rollback
    release();
    expect(await failing).toBe("roll back");
    await other;
    expect(await s.all("SELECT key FROM settings")).toEqual([{ key: "three" }]);
  });

  it("joins a transaction started inside another and changes the data version on commit", async () => {
    const before = await s.dataVersion();
    await s.transaction(async () => {
      await s.transaction(async (tx) => tx.run(INSERT, ["k", "v", 5]));
    });
    expect(await s.dataVersion()).not.toBe(before);
    expect(await s.get("SELECT updated_ms FROM settings")).toEqual({ updated_ms: 5 });
  });

  it("rolls back the outer transaction when a joined inner one throws", async () => {
    const out = await s
      .transaction(async (tx) => {
        await tx.run(INSERT, ["outer", "1", 1]);
        await s.transaction(async (inner) => {
          await inner.run(INSERT, ["inner", "2", 2]);
          throw new Error("inner fails");
        });
      })
      .catch((e: Error) => e.message);
    expect(out).toBe("inner fails");
    expect(await s.all("SELECT key FROM settings")).toEqual([]);
  });

  it("sees another connection's commit in its data version", async () => {
    const other = await t.another();
    const before = await s.dataVersion(); // opaque: comparable only with this store's own earlier text
    await other.run(INSERT, ["from-other", "1", 1]);
    const after = await s.dataVersion();
    expect(after).not.toBe(before);
    expect(await s.get("SELECT key FROM settings")).toEqual({ key: "from-other" });
    // No write, no change.
    expect(await s.dataVersion()).toBe(after);
  });

  it("reads one consistent snapshot while another connection commits", async () => {
    const other = await t.another();
    await s.run(INSERT, ["a", "1", 1]);
    const seen = await s.snapshot(async (tx) => {
      const first = await tx.get<{ n: number }>("SELECT count(*) AS n FROM settings");
      await other.run(INSERT, ["b", "2", 2]);
      const second = await s.get<{ n: number }>("SELECT count(*) AS n FROM settings"); // store itself: same snapshot
      return [first?.n, second?.n];
    });
    expect(seen).toEqual([1, 1]);
    expect(await s.get("SELECT count(*) AS n FROM settings")).toEqual({ n: 2 });
  });

  it("refuses a write inside a snapshot (a transaction started there joins it), and writes again after", async () => {
    const refused = await s
      .snapshot(async () => s.transaction(async (tx) => tx.run(INSERT, ["no", "1", 1])))
      .then(
        () => "written",
        () => "refused",
      );
    expect(refused).toBe("refused");
    await s.run(INSERT, ["yes", "1", 1]);
    // A snapshot inside a write transaction joins the write transaction.
    await s.transaction(async () => s.snapshot(async (tx) => tx.run(INSERT, ["inner", "1", 1])));
    expect(await s.all("SELECT key FROM settings ORDER BY key")).toEqual([{ key: "inner" }, { key: "yes" }]);
  });

  it("closes twice without error", async () => {
    await s.close();
    await s.close();
  });
});
