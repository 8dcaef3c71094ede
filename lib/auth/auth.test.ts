import type { JWT } from "next-auth/jwt";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Store } from "@/lib/db/store";
import { openTestStore, type TestStore } from "@/test-support/store";
import { buildAuthOptions } from "./config";
import {
  type LoginThrottleConfig,
  loginRetryAfterMs,
  loginThrottleKeys,
  recordLoginFailure,
  recordLoginSuccess,
} from "./login-throttle";
import { createAuthSession, deleteAuthSession, deleteUserAuthSessions, getAuthSessionUser } from "./sessions";
import { createApiToken, verifyApiToken } from "./tokens";
import { getUserById, setUserDisabled, upsertUser, verifyCredentials } from "./users";

const T0 = Date.UTC(2026, 5, 1, 12);
const CONFIG: LoginThrottleConfig = {
  freeFailures: 3,
  freeFailuresPerAddress: 5,
  backoffMs: 1000,
  maxBackoffMs: 8000,
  resetAfterMs: 60_000,
};

let ts: TestStore;
let db: Store;
beforeEach(async () => {
  ts = await openTestStore();
  db = ts.store;
});
afterEach(() => ts.cleanup());

const addUser = (email = "a@example.com", password = "password-1") =>
  upsertUser({ db, email, name: "A", password, role: "lead", now: T0 });

describe("login throttle", () => {
  const keys = loginThrottleKeys(" A@Example.com ", "192.0.2.1");

  it("allows the free failures, then locks with a doubling backoff up to the cap", async () => {
    for (let i = 0; i < 2; i++) await recordLoginFailure({ db, keys, config: CONFIG, now: T0 });
    expect(await loginRetryAfterMs({ db, keys, now: T0 })).toBe(0);
    expect(await recordLoginFailure({ db, keys, config: CONFIG, now: T0 })).toBe(3);
    expect(await loginRetryAfterMs({ db, keys, now: T0 })).toBe(1000);
    expect(await loginRetryAfterMs({ db, keys, now: T0 + 999 })).toBe(1);
    expect(await loginRetryAfterMs({ db, keys, now: T0 + 1000 })).toBe(0);
    await recordLoginFailure({ db, keys, config: CONFIG, now: T0 + 1000 });
    expect(await loginRetryAfterMs({ db, keys, now: T0 + 1000 })).toBe(2000);
    await recordLoginFailure({ db, keys, config: CONFIG, now: T0 + 3000 });
    expect(await loginRetryAfterMs({ db, keys, now: T0 + 3000 })).toBe(4000);
    for (let i = 0; i < 5; i++) await recordLoginFailure({ db, keys, config: CONFIG, now: T0 + 7000 });
    expect(await loginRetryAfterMs({ db, keys, now: T0 + 7000 })).toBe(8000);
  });

  it("keys accounts by normalised e-mail and counts addresses separately", async () => {
    for (let i = 0; i < 3; i++) await recordLoginFailure({ db, keys, config: CONFIG, now: T0 });
    // Same account from another address: still locked.
    expect(
      await loginRetryAfterMs({ db, keys: loginThrottleKeys("a@example.com", "192.0.2.99"), now: T0 }),
    ).toBe(1000);
    // Another account from the same address: below the address's 5 free failures.
    expect(
      await loginRetryAfterMs({ db, keys: loginThrottleKeys("b@example.com", "192.0.2.1"), now: T0 }),
    ).toBe(0);
    for (let i = 0; i < 2; i++)
      await recordLoginFailure({
        db,
        keys: loginThrottleKeys(`x${i}@example.com`, "192.0.2.1"),
        config: CONFIG,
        now: T0,
      });
    expect(
      await loginRetryAfterMs({ db, keys: loginThrottleKeys("b@example.com", "192.0.2.1"), now: T0 }),
    ).toBe(1000);
    // No address known: only the account counts.
    expect(await loginRetryAfterMs({ db, keys: loginThrottleKeys("b@example.com", null), now: T0 })).toBe(0);
  });

  it("a success clears the account but not the address; a quiet period starts over", async () => {
    for (let i = 0; i < 5; i++) await recordLoginFailure({ db, keys, config: CONFIG, now: T0 });
    await recordLoginSuccess({ db, keys });
    expect(await loginRetryAfterMs({ db, keys: loginThrottleKeys("a@example.com", null), now: T0 })).toBe(0);
    expect(
      await loginRetryAfterMs({ db, keys: loginThrottleKeys("c@example.com", "192.0.2.1"), now: T0 }),
    ).toBeGreaterThan(0);
    // After resetAfterMs without failures the next failure counts as the first.
    expect(await recordLoginFailure({ db, keys, config: CONFIG, now: T0 + 61_000 })).toBe(1);
    expect(await loginRetryAfterMs({ db, keys, now: T0 + 61_000 })).toBe(0);
  });
});

describe("auth sessions and disabled users", () => {
  it("a session is live until deleted, expired, its user disabled or deleted", async () => {
    const u = await addUser();
    const sid = await createAuthSession({ db, userId: u.id, maxAgeMs: 10_000, now: T0 });
    expect((await getAuthSessionUser({ db, sid, userId: u.id, now: T0 + 1 }))?.email).toBe("a@example.com");
    expect(await getAuthSessionUser({ db, sid, userId: u.id + 1, now: T0 + 1 })).toBeNull();
    expect(await getAuthSessionUser({ db, sid, userId: u.id, now: T0 + 10_000 })).toBeNull();

    await setUserDisabled({ db, id: u.id, disabled: true, now: T0 });
    expect(await getAuthSessionUser({ db, sid, userId: u.id, now: T0 + 1 })).toBeNull();
    expect(await getUserById({ db, id: u.id })).toBeNull();
    await setUserDisabled({ db, id: u.id, disabled: false, now: T0 });
    expect((await getUserById({ db, id: u.id }))?.id).toBe(u.id);

    await deleteAuthSession({ db, sid });
    expect(await getAuthSessionUser({ db, sid, userId: u.id, now: T0 + 1 })).toBeNull();

    const sid2 = await createAuthSession({ db, userId: u.id, maxAgeMs: 10_000, now: T0 });
    expect(await deleteUserAuthSessions({ db, userId: u.id })).toBe(1);
    expect(await getAuthSessionUser({ db, sid: sid2, userId: u.id, now: T0 + 1 })).toBeNull();

    const sid3 = await createAuthSession({ db, userId: u.id, maxAgeMs: 10_000, now: T0 });
    await db.run("DELETE FROM users");
    expect(await getAuthSessionUser({ db, sid: sid3, userId: u.id, now: T0 + 1 })).toBeNull();
  });

  it("a disabled user's password and API tokens are refused", async () => {
    const u = await addUser();
    const { token } = await createApiToken({
      db,
      creator: { userId: u.id, tokenId: null },
      name: "ci",
      now: T0,
    });
    expect(await verifyCredentials({ db, email: "a@example.com", password: "password-1" })).not.toBeNull();
    expect(await verifyApiToken({ db, token, now: T0 })).toHaveProperty("token");
    await setUserDisabled({ db, id: u.id, disabled: true, now: T0 });
    expect(await verifyCredentials({ db, email: "a@example.com", password: "password-1" })).toBeNull();
    expect(await verifyApiToken({ db, token, now: T0 })).toEqual({
      refused: "Invalid or revoked API token",
    });
  });
});

describe("next-auth options", () => {
  let now = T0;
  const options = () =>
    buildAuthOptions(
      () => db,
      "unit-test-secret-0123456789",
      CONFIG,
      () => now,
    );
  const authorize = (email: string, password: string, xff = "192.0.2.7") => {
    const provider = options().providers[0] as CredentialsConfig | undefined;
    const fn = (provider as { options?: { authorize?: CredentialsConfig["authorize"] } } | undefined)?.options
      ?.authorize;
    if (!fn) throw new Error("no credentials provider");
    return fn(
      { email, password },
      { headers: { "x-forwarded-for": xff }, body: {}, query: {}, method: "POST" },
    );
  };
  const jwt = (params: { token: JWT; user?: { id: string; role?: "admin" | "lead" } }) => {
    const cb = options().callbacks?.jwt;
    if (!cb) throw new Error("no jwt callback");
    return cb(params as Parameters<typeof cb>[0]);
  };

  beforeEach(() => {
    now = T0;
  });

  it("throttles authorize: the right password is refused while locked, accepted after", async () => {
    await addUser();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      for (let i = 0; i < 3; i++) expect(await authorize("a@example.com", `wrong-${i}`)).toBeNull();
      await expect(authorize("a@example.com", "password-1")).rejects.toThrow(/^throttled:1$/);
      now = T0 + 1000;
      expect((await authorize("a@example.com", "password-1"))?.email).toBe("a@example.com");
      const lines = stderr.mock.calls.map((c) => String(c[0]));
      expect(lines.filter((l) => l.startsWith("[auth] sign-in failed"))).toHaveLength(3);
      expect(lines.some((l) => l.startsWith("[auth] sign-in throttled") && l.includes("192.0.2.7"))).toBe(
        true,
      );
      expect(lines.join("")).not.toMatch(/password-1|wrong-/);
    } finally {
      stderr.mockRestore();
    }
  });

  it("the jwt callback issues a session id at sign-in and empties the token once it is revoked", async () => {
    const u = await addUser();
    const signedIn = await jwt({ token: {}, user: { id: String(u.id), role: "lead" } });
    expect(typeof signedIn.sid).toBe("string");
    expect(signedIn.uid).toBe(u.id);
    expect((await jwt({ token: signedIn })).uid).toBe(u.id);

    await options().events?.signOut?.({ token: signedIn, session: undefined as never });
    expect(await jwt({ token: signedIn })).toEqual({});
    // A cookie from before sessions were revocable (no sid) is not honoured either.
    expect(await jwt({ token: { uid: u.id, role: "admin" } })).toEqual({});
  });

  it("a role change in the DB reaches an existing session", async () => {
    const u = await addUser();
    const signedIn = await jwt({ token: {}, user: { id: String(u.id), role: "lead" } });
    await upsertUser({
      db,
      email: "a@example.com",
      name: "A",
      password: "password-1",
      role: "admin",
    });
    expect((await jwt({ token: signedIn })).role).toBe("admin");
  });
});
