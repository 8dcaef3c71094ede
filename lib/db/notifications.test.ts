/** Notifications on SQLite: in-process, per connection (PostgreSQL: notifications.pg.test.ts). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { notificationsOf } from "./notifications";

let t: TestStore;
let other: TestStore;
beforeEach(async () => {
  t = await openTestStore("sqlite");
  other = await openTestStore("sqlite");
});
afterEach(async () => {
  await t.cleanup();
  await other.cleanup();
});

describe("notifications on SQLite", () => {
  it("reach the subscribers of the same database at once, and no other", async () => {
    const got: string[] = [];
    const elsewhere: string[] = [];
    const off = notificationsOf(t.store).subscribe("portal_test", (p) => got.push(p));
    notificationsOf(other.store).subscribe("portal_test", (p) => elsewhere.push(p));
    await notificationsOf(t.store).publish("portal_test", "one");
    expect(got).toEqual(["one"]);
    expect(elsewhere).toEqual([]);
    off();
    await notificationsOf(t.store).publish("portal_test", "two");
    expect(got).toEqual(["one"]);
    await expect(notificationsOf(t.store).publish("no spaces", "x")).rejects.toThrow(/channel/);
  });
});
