import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { openTestStore, type TestStore } from "@/test-support/store";
import { getMemberFolders, setMemberFolders, visibleDevelopers } from "./member-folders";
import { consumePasswordLink, peekPasswordLink } from "./password-links";
import { can, capabilitiesOf, roleSchema } from "./roles";
import { createAuthSession, getAuthSessionUser } from "./sessions";
import { changeUserRole, disableUser, inviteUser, listUsers, resetPassword } from "./user-admin";
import { getUserById, upsertUser, verifyCredentials } from "./users";

const T0 = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;

let ts: TestStore;
let db: Store;
beforeEach(async () => {
  ts = await openTestStore();
  db = ts.store;
});
afterEach(() => ts.cleanup());

/** A user with `email`, `role` and `password` (named after the e-mail's local part). */
const person = (email: string, role: "admin" | "lead" | "member", password: string) =>
  upsertUser({ db, email, name: email.split("@")[0] ?? email, password, role, now: T0 });

const admin = () =>
  upsertUser({
    db,
    email: "root@example.com",
    name: "Root",
    password: "root-pass-1",
    role: "admin",
    now: T0,
  });

describe("roles", () => {
  it("gives each role exactly its capabilities", async () => {
    expect(capabilitiesOf("admin")).toEqual([
      "users:manage",
      "tokens:manage",
      "settings:write",
      "data:team",
      "data:own",
    ]);
    expect(capabilitiesOf("lead")).toEqual(["data:team", "data:own"]);
    expect(capabilitiesOf("member")).toEqual(["data:own"]);
    expect(can("lead", "users:manage")).toBe(false);
    expect(can("member", "data:team")).toBe(false);
    // `viewer` is no longer accepted on input (forms, API).
    expect(roleSchema.safeParse("viewer").success).toBe(false);
    expect(roleSchema.parse("lead")).toBe("lead");
  });
});

describe("invites", () => {
  // Each case invites its own person: the inviteUser calls look alike by design.
  it("an invite link works once, sets the password, and signs in only after that", async () => {
    const r = await inviteUser({
      db,
      email: " Ann@Example.com ",
      name: "Ann",
      role: "member",
      method: "link",
      now: T0,
    });
    expect(r.temporaryPassword).toBeNull();
    expect(r.linkToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const token = r.linkToken ?? "";
    // Only the hash is stored.
    const stored = await db.all<{ token_hash: string }>("SELECT token_hash FROM password_links");
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(token);
    expect(await peekPasswordLink({ db, token, now: T0 + 1000 })).toMatchObject({
      email: "ann@example.com",
    });
    expect(await verifyCredentials({ db, email: "ann@example.com", password: token })).toBeNull();
    const user = await consumePasswordLink({ db, token, password: "ann-secret-1", now: T0 + 2000 });
    expect(user?.email).toBe("ann@example.com");
    expect(
      await verifyCredentials({ db, email: "ann@example.com", password: "ann-secret-1" }),
    ).not.toBeNull();
    // Single use.
    expect(await peekPasswordLink({ db, token, now: T0 + 3000 })).toBeNull();
    expect(await consumePasswordLink({ db, token, password: "other-pass-1", now: T0 + 3000 })).toBeNull();
    expect(await verifyCredentials({ db, email: "ann@example.com", password: "other-pass-1" })).toBeNull();
  });

  it("an invite link expires", async () => {
    const r = await inviteUser({
      db,
      email: "bo@example.com",
      name: "Bo",
      role: "lead",
      method: "link",
      now: T0,
    });
    const token = r.linkToken ?? "";
    expect(await peekPasswordLink({ db, token, now: T0 + 7 * DAY + 1 })).toBeNull();
    expect(
      await consumePasswordLink({ db, token, password: "bo-secret-12", now: T0 + 7 * DAY + 1 }),
    ).toBeNull();
    expect(await peekPasswordLink({ db, token: "not-a-token", now: T0 })).toBeNull();
  });

  it("a temporary password is returned once and works; a duplicate e-mail is a conflict", async () => {
    const r = await inviteUser({
      db,
      email: "cy@example.com",
      name: "Cy",
      role: "lead",
      method: "password",
      now: T0,
    });
    expect(r.linkToken).toBeNull();
    expect(r.temporaryPassword?.length).toBeGreaterThanOrEqual(16);
    expect(
      await verifyCredentials({ db, email: "cy@example.com", password: r.temporaryPassword ?? "" }),
    ).not.toBeNull();
    await expect(
      inviteUser({
        db,
        email: "CY@example.com",
        name: "Cy",
        role: "lead",
        method: "password",
        now: T0,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("rejects a password too short for a link", async () => {
    const r = await inviteUser({
      db,
      email: "dee@example.com",
      name: "Dee",
      role: "lead",
      method: "link",
      now: T0,
    });
    await expect(
      consumePasswordLink({ db, token: r.linkToken ?? "", password: "short", now: T0 }),
    ).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});

describe("managing users", () => {
  it("disable takes effect on the next request: sessions end and sign-in is refused", async () => {
    const a = await admin();
    const u = await person("m@example.com", "member", "m-pass-123");
    const sid = await createAuthSession({ db, userId: u.id, maxAgeMs: DAY, now: T0 });
    expect(await getAuthSessionUser({ db, sid, userId: u.id, now: T0 + 1 })).not.toBeNull();
    await disableUser({ db, actorId: a.id, id: u.id, disabled: true, now: T0 + 2 });
    expect(await getAuthSessionUser({ db, sid, userId: u.id, now: T0 + 3 })).toBeNull();
    expect(await getUserById({ db, id: u.id })).toBeNull();
    expect(await verifyCredentials({ db, email: "m@example.com", password: "m-pass-123" })).toBeNull();
    expect(await db.all("SELECT id FROM auth_sessions")).toHaveLength(0);
    await disableUser({ db, actorId: a.id, id: u.id, disabled: false, now: T0 + 4 });
    expect(await verifyCredentials({ db, email: "m@example.com", password: "m-pass-123" })).not.toBeNull();
    expect((await listUsers({ db })).find((x) => x.id === u.id)?.disabled).toBe(false);
  });

  it("an admin cannot disable or demote themself (the portal keeps an admin)", async () => {
    const a = await admin();
    await expect(disableUser({ db, actorId: a.id, id: a.id, disabled: true, now: T0 })).rejects.toThrow(
      /yourself/,
    );
    await expect(changeUserRole({ db, actorId: a.id, id: a.id, role: "lead" })).rejects.toThrow(/yourself/);
  });

  it("changes a role; the change reaches the live session", async () => {
    const a = await admin();
    const u = await person("l@example.com", "lead", "l-pass-123");
    const sid = await createAuthSession({ db, userId: u.id, maxAgeMs: DAY, now: T0 });
    await changeUserRole({ db, actorId: a.id, id: u.id, role: "member" });
    expect((await getAuthSessionUser({ db, sid, userId: u.id, now: T0 + 1 }))?.role).toBe("member");
    await expect(changeUserRole({ db, actorId: a.id, id: 9999, role: "member" })).rejects.toThrow(
      /No such user/,
    );
  });

  it("reset password: the old one stops working, sessions end, the new one is shown once", async () => {
    const a = await admin();
    const u = await person("r@example.com", "lead", "r-pass-123");
    const sid = await createAuthSession({ db, userId: u.id, maxAgeMs: DAY, now: T0 });
    const r = await resetPassword({ db, actorId: a.id, id: u.id, method: "password", now: T0 + 1 });
    expect(await verifyCredentials({ db, email: "r@example.com", password: "r-pass-123" })).toBeNull();
    expect(
      await verifyCredentials({ db, email: "r@example.com", password: r.temporaryPassword ?? "" }),
    ).not.toBeNull();
    expect(await getAuthSessionUser({ db, sid, userId: u.id, now: T0 + 2 })).toBeNull();
    const link = await resetPassword({ db, actorId: a.id, id: u.id, method: "link", now: T0 + 3 });
    // A newer link replaces the older one.
    const link2 = await resetPassword({ db, actorId: a.id, id: u.id, method: "link", now: T0 + 4 });
    expect(await peekPasswordLink({ db, token: link.linkToken ?? "", now: T0 + 5 })).toBeNull();
    expect((await peekPasswordLink({ db, token: link2.linkToken ?? "", now: T0 + 5 }))?.userId).toBe(u.id);
  });
});

describe("member folders", () => {
  it("maps a member to folders (replacing, trimmed, deduplicated) and lists them", async () => {
    const u = await person("m@example.com", "member", "m-pass-123");
    await setMemberFolders({ db, userId: u.id, developers: ["bob", " alice ", "bob", ""] });
    expect(await getMemberFolders({ db, userId: u.id })).toEqual(["alice", "bob"]);
    await setMemberFolders({ db, userId: u.id, developers: ["carol"] });
    expect(await getMemberFolders({ db, userId: u.id })).toEqual(["carol"]);
    expect((await listUsers({ db })).find((x) => x.id === u.id)?.folders).toEqual(["carol"]);
  });

  it("a member's data scope is their folders (none mapped = none); lead and admin see all", async () => {
    const m = await person("m@example.com", "member", "m-pass-123");
    expect(await visibleDevelopers({ db, userId: m.id, role: "member" })).toEqual([]);
    await setMemberFolders({ db, userId: m.id, developers: ["bob"] });
    expect(await visibleDevelopers({ db, userId: m.id, role: "member" })).toEqual(["bob"]);
    expect(await visibleDevelopers({ db, userId: m.id, role: "lead" })).toBeNull();
    expect(await visibleDevelopers({ db, userId: m.id, role: "admin" })).toBeNull();
  });
});
