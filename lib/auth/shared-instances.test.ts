/**
 * Several portal instances on one database (issue 14): sign-in sessions, API tokens, users, settings and
 * prices live in the database, so what one instance changes (a sign-out, a revocation, a disabled user,
 * a role, a setting) is honoured by another at its next request. Two stores on one database stand for
 * the two instances (two connections; on PostgreSQL two pools).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { getPriceRows, saveCustomPriceRows } from "@/lib/pricing-settings";
import { getPortalSettings, updatePortalSettings } from "@/lib/settings";
import { openTestStore, type TestStore } from "@/test-support/store";
import {
  DEFAULT_LOGIN_THROTTLE,
  loginRetryAfterMs,
  loginThrottleKeys,
  recordLoginFailure,
} from "./login-throttle";
import { consumePasswordLink } from "./password-links";
import { createAuthSession, deleteAuthSession, getAuthSessionUser } from "./sessions";
import { createApiToken, revokeApiToken, verifyApiToken } from "./tokens";
import { changeUserRole, disableUser, inviteUser } from "./user-admin";
import { getUserById, upsertUser, verifyCredentials } from "./users";

const T0 = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;

let ts: TestStore;
/** Instance A and instance B. */
let a: Store;
let b: Store;
beforeEach(async () => {
  ts = await openTestStore();
  a = ts.store;
  b = await ts.another();
});
afterEach(() => ts.cleanup());

const person = (db: Store, email: string, role: "admin" | "lead" | "member") =>
  upsertUser({ db, email, name: email, password: `${email}-pass`, role, now: T0 });

describe("two portal instances on one database", () => {
  it("a sign-in on A is a session on B; a sign-out on A ends it on B", async () => {
    const u = await person(a, "ann@example.com", "lead");
    const sid = await createAuthSession({ db: a, userId: u.id, maxAgeMs: DAY, now: T0 });
    expect((await getAuthSessionUser({ db: b, sid, userId: u.id, now: T0 + 1 }))?.email).toBe(
      "ann@example.com",
    );
    await deleteAuthSession({ db: a, sid });
    expect(await getAuthSessionUser({ db: b, sid, userId: u.id, now: T0 + 2 })).toBeNull();
  });

  it("a token made on A works on B until A revokes it; B's data version moves with the revocation", async () => {
    const u = await person(a, "root@example.com", "admin");
    const { token, info } = await createApiToken({
      db: a,
      creator: { userId: u.id, tokenId: null },
      name: "ci",
      now: T0,
    });
    expect(await verifyApiToken({ db: b, token, now: T0 + 1 })).toHaveProperty("token");
    const before = await b.dataVersion();
    await revokeApiToken({ db: a, userId: u.id, id: info.id, now: T0 + 2 });
    // What a cache on B keyed by the data version would see: a new version, so nothing stale survives.
    expect(await b.dataVersion()).not.toBe(before);
    expect(await verifyApiToken({ db: b, token, now: T0 + 3 })).toEqual({
      refused: "Invalid or revoked API token",
    });
  });

  it("an admin on A disables a user: B refuses their session, token and password; a role change reaches B", async () => {
    const admin = await person(a, "root@example.com", "admin");
    const u = await person(a, "lee@example.com", "lead");
    const sid = await createAuthSession({ db: b, userId: u.id, maxAgeMs: DAY, now: T0 });
    const { token } = await createApiToken({
      db: b,
      creator: { userId: u.id, tokenId: null },
      name: "t",
      now: T0,
    });

    await changeUserRole({ db: a, actorId: admin.id, id: u.id, role: "member" });
    expect((await getAuthSessionUser({ db: b, sid, userId: u.id, now: T0 + 1 }))?.role).toBe("member");

    await disableUser({ db: a, actorId: admin.id, id: u.id, disabled: true, now: T0 + 2 });
    expect(await getAuthSessionUser({ db: b, sid, userId: u.id, now: T0 + 3 })).toBeNull();
    expect(await getUserById({ db: b, id: u.id })).toBeNull();
    expect(await verifyApiToken({ db: b, token, now: T0 + 3 })).toHaveProperty("refused");
    expect(
      await verifyCredentials({ db: b, email: "lee@example.com", password: "lee@example.com-pass" }),
    ).toBeNull();
  });

  it("settings and prices saved on A are in force on B at its next read", async () => {
    expect((await getPortalSettings({ db: b })).humanHourlyRate).toBe(130);
    await updatePortalSettings({ db: a, patch: { humanHourlyRate: 150, minGroupSize: 5 }, now: T0 });
    const onB = await getPortalSettings({ db: b });
    expect([onB.humanHourlyRate, onB.minGroupSize]).toEqual([150, 5]);
    const row = {
      model: "house-model",
      effective_from: "2026-01-01",
      input: 1,
      output: 2,
      cache_write_5m: 0,
      cache_write_1h: 0,
      cache_read: 0,
      source: "test",
    };
    // Two admins on two instances save different settings at the same moment: both changes stay.
    await Promise.all([
      updatePortalSettings({ db: a, patch: { staleAfterDays: 9 }, now: T0 }),
      updatePortalSettings({ db: b, patch: { oversightRatio: 0.5 }, now: T0 }),
    ]);
    const both = await getPortalSettings({ db: a });
    expect([both.staleAfterDays, both.oversightRatio, both.humanHourlyRate]).toEqual([9, 0.5, 150]);
    await saveCustomPriceRows({ db: a, rows: [row], now: T0 });
    expect((await getPriceRows({ db: b })).at(-1)).toEqual(row);
  });

  it("the sign-in throttle counts failures on every instance; a one-time link is used once across them", async () => {
    const keys = loginThrottleKeys("x@example.com", "192.0.2.1");
    const config = { ...DEFAULT_LOGIN_THROTTLE, freeFailures: 2 };
    for (const db of [a, b, a]) await recordLoginFailure({ db, keys, config, now: T0 });
    expect(await loginRetryAfterMs({ db: b, keys, now: T0 })).toBeGreaterThan(0);
    // Failures arriving at both instances at the same moment are all counted (none lost to a race).
    const burst = loginThrottleKeys("y@example.com", null);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        recordLoginFailure({ db: i % 2 ? a : b, keys: burst, config, now: T0 }),
      ),
    );
    expect(await recordLoginFailure({ db: a, keys: burst, config, now: T0 })).toBe(9);

    const invited = await inviteUser({
      db: a,
      email: "new@example.com",
      name: "New",
      role: "member",
      method: "link",
      now: T0,
    });
    const link = invited.linkToken ?? "";
    expect(
      await consumePasswordLink({ db: a, token: link, password: "first-password-1", now: T0 + 1 }),
    ).not.toBeNull();
    expect(
      await consumePasswordLink({ db: b, token: link, password: "second-password-2", now: T0 + 2 }),
    ).toBeNull();
  });
});
