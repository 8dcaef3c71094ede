import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTrackerError } from "../errors.js";
import { LOCK_FILE } from "./lock.js";
import { finished, spawnWorker, tempDir, waitForOutput } from "./test-helpers/fixtures.js";
import { type StorageEvent, TrackerStore } from "./tracker-store.js";

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir("ast-storage-mp-"));
});
afterEach(() => cleanup());

describe("several processes on one folder", () => {
  it("8 processes × 25 transactions lose no write", async () => {
    await TrackerStore.open(dir);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => finished(spawnWorker(["contend", dir, "25"]))),
    );
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const interactions: unknown[] = JSON.parse(readFileSync(join(dir, "interactions.json"), "utf8"));
    expect(interactions).toHaveLength(200);
    const sessions = JSON.parse(readFileSync(join(dir, "sessions.json"), "utf8"));
    expect(sessions.counter.count).toBe(200);
    const store = await TrackerStore.open(dir);
    await store.transaction((tx) => {
      expect(tx.interactionsForSession("counter")).toHaveLength(200);
      expect(tx.getSession("counter")?.count).toBe(200);
    });
  });

  it("times out with a message naming the holder, then recovers the lock of a kill -9ed holder", async () => {
    const child = spawnWorker(["hold", dir]);
    const done = finished(child);
    await waitForOutput(child, "locked");
    const store = await TrackerStore.open(dir, { lockTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(isTrackerError(store, "lock_timeout")).toBe(true);
    expect(String(store)).toContain(`pid ${child.pid}`);

    child.kill("SIGKILL");
    await done;
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true); // left behind by the dead holder
    const events: StorageEvent[] = [];
    const recovered = await TrackerStore.open(dir, { lockTimeoutMs: 5_000, onEvent: (e) => events.push(e) });
    await recovered.transaction((tx) => tx.putSession("after", { id: "after" }));
    expect(events.map((e) => e.kind)).toContain("stale_lock_removed");
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("several waiters steal one stale lock safely (no two holders at once)", async () => {
    const child = spawnWorker(["hold", dir]);
    const done = finished(child);
    await waitForOutput(child, "locked");
    child.kill("SIGKILL");
    await done;
    // 6 processes race to steal the stale lock while also contending normally.
    const results = await Promise.all(
      Array.from({ length: 6 }, () => finished(spawnWorker(["contend", dir, "10"]))),
    );
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const sessions = JSON.parse(readFileSync(join(dir, "sessions.json"), "utf8"));
    expect(sessions.counter.count).toBe(60);
    expect(JSON.parse(readFileSync(join(dir, "interactions.json"), "utf8"))).toHaveLength(60);
  });

  it("a writer SIGKILLed mid-stream leaves parseable files with every acknowledged record", async () => {
    for (const delayMs of [150, 400, 900]) {
      const child = spawnWorker(["append-loop", dir]);
      let acked = "";
      child.stdout?.on("data", (d: Buffer) => {
        acked += d.toString();
      });
      const done = finished(child);
      await waitForOutput(child, "\n");
      await new Promise((r) => setTimeout(r, delayMs * Math.random() + 20));
      child.kill("SIGKILL");
      await done;
      const ackedIdx = acked
        .split("\n")
        .filter((l) => l !== "")
        .map(Number);
      expect(ackedIdx.length).toBeGreaterThan(0);
      const maxAcked = Math.max(...ackedIdx);

      // Raw files parse even before any recovery: an in-place append is one write() call.
      const raw: Array<{ i: number }> = JSON.parse(readFileSync(join(dir, "interactions.json"), "utf8"));
      JSON.parse(readFileSync(join(dir, "sessions.json"), "utf8"));

      const store = await TrackerStore.open(dir);
      await store.transaction((tx) => {
        const loop = tx.interactionsForSession("loop").map((r) => r.i);
        // this run's records are the last ones: indices 0..n-1 restart with every run
        const lastRun = loop.slice(loop.lastIndexOf(0));
        expect(lastRun.length).toBeGreaterThanOrEqual(maxAcked + 1);
        expect(lastRun).toEqual(lastRun.map((_, k) => k));
        // the session update committed atomically with its interaction
        expect(tx.getSession("loop")?.last).toBe(lastRun.length - 1);
        expect(raw.length).toBeGreaterThanOrEqual(loop.length - 1);
      });
    }
  });
});
