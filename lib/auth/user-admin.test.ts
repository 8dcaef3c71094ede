import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authSessions, users } from "@/lib/db/schema";
import { getDisplayNames, setDisplayName } from "@/lib/display-names";
import { makeTestEnv, type TestEnv } from "@/test-support/queries";
import { getMemberFolders, setMemberFolders, visibleDevelopers } from "./member-folders";
import { consumePasswordLink, peekPasswordLink } from "./password-links";
import { can, capabilitiesOf, roleSchema } from "./roles";
import { createAuthSession, getAuthSessionUser } from "./sessions";
import { changeUserRole, disableUser, inviteUser, listUsers, resetPassword } from "./user-admin";
import { getUserById, upsertUser, verifyCredentials } from "./users";

const T0 = Date.UTC(2026, 5, 1, 12);
const DAY = 86_400_000;

let env: TestEnv;
beforeEach(() => {
  env = makeTestEnv();
});
afterEach(() => env.cleanup());

/** A user with `email`, `role` and `password` (named after the e-mail's local part). */
const person = (email: string, role: "admin" | "lead" | "member", password: string) =>
  upsertUser({ db: env.db, email, name: email.split("@")[0] ?? email, password, role, now: T0 });

const admin = () =>
  upsertUser({
    db: env.db,
    email: "root@example.com",
    name: "Root",
    password: "root-pass-1",
    role: "admin",
    now: T0,
  });

describe("roles", () => {
  it("gives each role exactly its capabilities", () => {
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

  it("migrates an old viewer row to lead", () => {
    // A row as an old portal left it (the SQL default is still 'viewer'), then the committed data migration.
    env.db.$client
      .prepare("INSERT INTO users (email, name, password_hash, created_ms) VALUES ('v@x.io','V','x',1)")
      .run();
    env.db.$client
      .prepare(
        "INSERT INTO users (email, name, password_hash, role, created_ms) VALUES ('a@x.io','A','x','admin',1)",
      )
      .run();
    const raw = env.db.$client.prepare("SELECT role FROM users WHERE email='v@x.io'").get() as {
      role: string;
    };
    expect(raw.role).toBe("viewer");
    env.db.$client.exec(readFileSync("drizzle/0007_viewer_to_lead.sql", "utf8"));
    expect(
      env.db
        .select()
        .from(users)
        .all()
        .map((u) => [u.email, u.role]),
    ).toEqual([
      ["v@x.io", "lead"],
      ["a@x.io", "admin"],
    ]);
  });
});

describe("invites", () => {
  // Each case invites its own person: the inviteUser calls look alike by design.
  it("an invite link works once, sets the password, and signs in only after that", async () => {
    const r = await inviteUser({
      db: env.db,
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
    const stored = env.db.$client.prepare("SELECT token_hash FROM password_links").all() as {
      token_hash: string;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(token);
    expect(peekPasswordLink({ db: env.db, token, now: T0 + 1000 })).toMatchObject({
      email: "ann@example.com",
    });
    expect(await verifyCredentials({ db: env.db, email: "ann@example.com", password: token })).toBeNull();
    const user = await consumePasswordLink({ db: env.db, token, password: "ann-secret-1", now: T0 + 2000 });
    expect(user?.email).toBe("ann@example.com");
    expect(
      await verifyCredentials({ db: env.db, email: "ann@example.com", password: "ann-secret-1" }),
    ).not.toBeNull();
    // Single use.
    expect(peekPasswordLink({ db: env.db, token, now: T0 + 3000 })).toBeNull();
    expect(
      await consumePasswordLink({ db: env.db, token, password: "other-pass-1", now: T0 + 3000 }),
    ).toBeNull();
    expect(
      await verifyCredentials({ db: env.db, email: "ann@example.com", password: "other-pass-1" }),
    ).toBeNull();
  });

  it("an invite link expires", async () => {
    const r = await inviteUser({
      db: env.db,
      email: "bo@example.com",
      name: "Bo",
      role: "lead",
      method: "link",
      now: T0,
    });
    const token = r.linkToken ?? "";
    expect(peekPasswordLink({ db: env.db, token, now: T0 + 7 * DAY + 1 })).toBeNull();
    expect(
      await consumePasswordLink({ db: env.db, token, password: "bo-secret-12", now: T0 + 7 * DAY + 1 }),
    ).toBeNull();
    expect(peekPasswordLink({ db: env.db, token: "not-a-token", now: T0 })).toBeNull();
  });

  it("a temporary password is returned once and works; a duplicate e-mail is a conflict", async () => {
    const r = await inviteUser({
      db: env.db,
      email: "cy@example.com",
      name: "Cy",
      role: "lead",
      method: "password",
      now: T0,
    });
    expect(r.linkToken).toBeNull();
    expect(r.temporaryPassword?.length).toBeGreaterThanOrEqual(16);
    expect(
      await verifyCredentials({ db: env.db, email: "cy@example.com", password: r.temporaryPassword ?? "" }),
    ).not.toBeNull();
    await expect(
      inviteUser({
        db: env.db,
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
      db: env.db,
      email: "dee@example.com",
      name: "Dee",
      role: "lead",
      method: "link",
      now: T0,
    });
    await expect(
      consumePasswordLink({ db: env.db, token: r.linkToken ?? "", password: "short", now: T0 }),
    ).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});

describe("managing users", () => {
  it("disable takes effect on the next request: sessions end and sign-in is refused", async () => {
    const a = await admin();
    const u = await person("m@example.com", "member", "m-pass-123");
    const sid = createAuthSession({ db: env.db, userId: u.id, maxAgeMs: DAY, now: T0 });
    expect(getAuthSessionUser({ db: env.db, sid, userId: u.id, now: T0 + 1 })).not.toBeNull();
    disableUser({ db: env.db, actorId: a.id, id: u.id, disabled: true, now: T0 + 2 });
    expect(getAuthSessionUser({ db: env.db, sid, userId: u.id, now: T0 + 3 })).toBeNull();
    expect(getUserById({ db: env.db, id: u.id })).toBeNull();
    expect(
      await verifyCredentials({ db: env.db, email: "m@example.com", password: "m-pass-123" }),
    ).toBeNull();
    expect(env.db.select().from(authSessions).all()).toHaveLength(0);
    disableUser({ db: env.db, actorId: a.id, id: u.id, disabled: false, now: T0 + 4 });
    expect(
      await verifyCredentials({ db: env.db, email: "m@example.com", password: "m-pass-123" }),
    ).not.toBeNull();
    expect(listUsers({ db: env.db }).find((x) => x.id === u.id)?.disabled).toBe(false);
  });

  it("an admin cannot disable or demote themself (the portal keeps an admin)", async () => {
    const a = await admin();
    expect(() => disableUser({ db: env.db, actorId: a.id, id: a.id, disabled: true, now: T0 })).toThrow(
      /yourself/,
    );
    expect(() => changeUserRole({ db: env.db, actorId: a.id, id: a.id, role: "lead" })).toThrow(/yourself/);
  });

  it("changes a role; the change reaches the live session", async () => {
    const a = await admin();
    const u = await person("l@example.com", "lead", "l-pass-123");
    const sid = createAuthSession({ db: env.db, userId: u.id, maxAgeMs: DAY, now: T0 });
    changeUserRole({ db: env.db, actorId: a.id, id: u.id, role: "member" });
    expect(getAuthSessionUser({ db: env.db, sid, userId: u.id, now: T0 + 1 })?.role).toBe("member");
    expect(() => changeUserRole({ db: env.db, actorId: a.id, id: 9999, role: "member" })).toThrow(
      /No such user/,
    );
  });

  it("reset password: the old one stops working, sessions end, the new one is shown once", async () => {
    const a = await admin();
    const u = await person("r@example.com", "lead", "r-pass-123");
    const sid = createAuthSession({ db: env.db, userId: u.id, maxAgeMs: DAY, now: T0 });
    const r = await resetPassword({ db: env.db, actorId: a.id, id: u.id, method: "password", now: T0 + 1 });
    expect(
      await verifyCredentials({ db: env.db, email: "r@example.com", password: "r-pass-123" }),
    ).toBeNull();
    expect(
      await verifyCredentials({ db: env.db, email: "r@example.com", password: r.temporaryPassword ?? "" }),
    ).not.toBeNull();
    expect(getAuthSessionUser({ db: env.db, sid, userId: u.id, now: T0 + 2 })).toBeNull();
    const link = await resetPassword({ db: env.db, actorId: a.id, id: u.id, method: "link", now: T0 + 3 });
    // A newer link replaces the older one.
    const link2 = await resetPassword({ db: env.db, actorId: a.id, id: u.id, method: "link", now: T0 + 4 });
    expect(peekPasswordLink({ db: env.db, token: link.linkToken ?? "", now: T0 + 5 })).toBeNull();
    expect(peekPasswordLink({ db: env.db, token: link2.linkToken ?? "", now: T0 + 5 })?.userId).toBe(u.id);
  });
});

describe("member folders and display names", () => {
  it("maps a member to folders (replacing, trimmed, deduplicated) and lists them", async () => {
    const u = await person("m@example.com", "member", "m-pass-123");
    setMemberFolders({ db: env.db, userId: u.id, developers: ["bob", " alice ", "bob", ""] });
    expect(getMemberFolders({ db: env.db, userId: u.id })).toEqual(["alice", "bob"]);
    setMemberFolders({ db: env.db, userId: u.id, developers: ["carol"] });
    expect(getMemberFolders({ db: env.db, userId: u.id })).toEqual(["carol"]);
    expect(listUsers({ db: env.db }).find((x) => x.id === u.id)?.folders).toEqual(["carol"]);
  });

  it("a member's data scope is their folders (none mapped = none); lead and admin see all", async () => {
    const m = await person("m@example.com", "member", "m-pass-123");
    expect(visibleDevelopers({ db: env.db, userId: m.id, role: "member" })).toEqual([]);
    setMemberFolders({ db: env.db, userId: m.id, developers: ["bob"] });
    expect(visibleDevelopers({ db: env.db, userId: m.id, role: "member" })).toEqual(["bob"]);
    expect(visibleDevelopers({ db: env.db, userId: m.id, role: "lead" })).toBeNull();
    expect(visibleDevelopers({ db: env.db, userId: m.id, role: "admin" })).toBeNull();
  });

  it("stores a display name per folder; an empty name removes it", () => {
    setDisplayName({ db: env.db, developer: "bob", displayName: " Bob Smith ", now: T0 });
    setDisplayName({ db: env.db, developer: "eve", displayName: "Eve", now: T0 });
    expect(getDisplayNames({ db: env.db })).toEqual({ bob: "Bob Smith", eve: "Eve" });
    setDisplayName({ db: env.db, developer: "eve", displayName: "  ", now: T0 });
    expect(getDisplayNames({ db: env.db })).toEqual({ bob: "Bob Smith" });
  });
});
