/**
 * Notifications on a real PostgreSQL server: two stores on one database stand for two portal instances
 * (each its own LISTEN connection). What one publishes reaches both, once; a LISTEN connection the server
 * drops is re-opened, its subscribers are told they may have missed something, and later notifications
 * arrive again. (SQLite: notifications.test.ts.)
 */
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { notificationsOf } from "./notifications";
import type { Store } from "./store";

let t: TestStore;
let a: Store;
let b: Store;
beforeEach(async () => {
  t = await openTestStore("postgres");
  a = t.store;
  b = await t.another();
});
afterEach(async () => {
  await notificationsOf(a).close();
  await notificationsOf(b).close();
  await t.cleanup();
});

/** Resolves once `check()` holds (polling), rejects after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Publishes a probe on `channel` until `heard` grows: the LISTEN of a fresh subscription is asynchronous. */
async function whenListening(store: Store, channel: string, heard: () => number): Promise<void> {
  const before = heard();
  const end = Date.now() + 10_000;
  while (heard() === before) {
    if (Date.now() > end) throw new Error("the subscription never started listening");
    await notificationsOf(store).publish(channel, "probe");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("notifications on PostgreSQL", () => {
  it("a payload published by one instance reaches every instance's subscribers once", async () => {
    const gotA: string[] = [];
    const gotB: string[] = [];
    notificationsOf(a).subscribe("portal_test", (p) => gotA.push(p));
    notificationsOf(b).subscribe("portal_test", (p) => gotB.push(p));
    await whenListening(a, "portal_test", () => gotA.length);
    await whenListening(a, "portal_test", () => gotB.length);
    gotA.length = 0;
    gotB.length = 0;

    const payload = JSON.stringify({ developers: ["ana", "bo"], files: 2, note: "é ✓" });
    await notificationsOf(a).publish("portal_test", payload);
    await until(() => gotA.length === 1 && gotB.length === 1, 5_000, "both instances");
    await new Promise((r) => setTimeout(r, 200));
    expect(gotA).toEqual([payload]);
    expect(gotB).toEqual([payload]);

    // Published inside a transaction: sent on commit, not before, and never on rollback.
    await expect(
      a.transaction(async () => {
        await notificationsOf(a).publish("portal_test", "rolled back");
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await a.transaction(async () => notificationsOf(a).publish("portal_test", "committed"));
    await until(() => gotB.length === 2, 5_000, "the committed one");
    expect(gotB[1]).toBe("committed");
  });

  it("refuses a payload over the engine's limit and a bad channel name", async () => {
    const n = notificationsOf(a);
    await expect(n.publish("portal_test", "x".repeat(n.maxPayloadBytes + 1))).rejects.toThrow(/bytes/);
    await expect(n.publish("bad channel; drop", "x")).rejects.toThrow(/channel/);
    expect(() => n.subscribe('x"y', () => {})).toThrow(/channel/);
  });

  it("re-opens a dropped LISTEN connection, reports the gap, and hears later notifications; unsubscribed, hears none", async () => {
    const got: string[] = [];
    let gaps = 0;
    const unsubscribe = notificationsOf(b).subscribe(
      "portal_test",
      (p) => got.push(p),
      () => gaps++,
    );
    await whenListening(a, "portal_test", () => got.length);

    // The server ends the listening session (as a restart or a failover of the database would).
    const admin = new pg.Client({ connectionString: t.location });
    await admin.connect();
    try {
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ast-portal listen' AND datname = current_database()",
      );
      expect(killed.rowCount).toBe(1); // b's: only b subscribes here
    } finally {
      await admin.end();
    }
    await until(() => gaps === 1, 10_000, "the gap report after the reconnect");
    got.length = 0;
    await notificationsOf(a).publish("portal_test", "after the reconnect");
    await until(() => got.includes("after the reconnect"), 5_000, "a notification after the reconnect");

    unsubscribe();
    await new Promise((r) => setTimeout(r, 200));
    got.length = 0;
    await notificationsOf(a).publish("portal_test", "nobody listens");
    await new Promise((r) => setTimeout(r, 500));
    expect(got).toEqual([]);
  });
});
