import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTestEnv, type TestEnv } from "@/test-support/queries";
import type { Role } from "./roles";
import { capScopes, parseStoredScopes, scopesForRole, scopesSchema } from "./scopes";
import {
  createApiToken,
  deleteApiToken,
  LAST_USED_WRITE_INTERVAL_MS,
  listAllApiTokens,
  listApiTokens,
  revokeApiToken,
  revokeTokensOfUser,
  verifyApiToken,
} from "./tokens";
import { setUserDisabled, upsertUser } from "./users";

const T0 = Date.UTC(2026, 5, 1, 12);

let env: TestEnv;
beforeEach(() => {
  env = makeTestEnv();
});
afterEach(() => env.cleanup());

const addUser = (email: string, role: Role) =>
  upsertUser({
    db: env.db,
    email,
    name: email.split("@")[0] ?? email,
    password: "password-1",
    role,
    now: T0,
  });

/** A token created by `userId` (through token `tokenId` when given), with `extra` options. */
const mint = (
  userId: number,
  name: string,
  tokenId: number | null = null,
  extra: Partial<Pick<Parameters<typeof createApiToken>[0], "scopes" | "expiresMs">> = {},
) => createApiToken({ db: env.db, creator: { userId, tokenId }, name, now: T0, ...extra });

/** The verified token, failing the test when it was refused. */
const verified = (token: string, now = T0, address: string | null = null) => {
  const r = verifyApiToken({ db: env.db, token, address, now });
  if ("refused" in r) throw new Error(`refused: ${r.refused}`);
  return r.token;
};
const refusal = (token: string, now = T0) => {
  const r = verifyApiToken({ db: env.db, token, now });
  return "refused" in r ? r.refused : null;
};

describe("API token store", () => {
  it("defaults to read, keeps the chosen scopes, and records who created a token", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const a = mint(admin.id, "a");
    expect(a.info.scopes).toEqual(["read"]);
    expect(a.info.createdBy).toEqual({ via: "session", userId: admin.id, userName: "admin" });
    const b = mint(admin.id, "b", a.info.id, { scopes: ["admin", "read", "export"] });
    expect(verified(b.token).scopes).toEqual(["read", "export", "admin"]);
    expect(b.info.createdBy).toEqual({ via: "token", tokenId: a.info.id, tokenName: "a" });
  });

  it("never gives a token more than its owner: admin scope refused for a lead, and capped when an admin is demoted", async () => {
    const lead = await addUser("lead@example.com", "lead");
    expect(() => mint(lead.id, "x", null, { scopes: ["admin"] })).toThrow(/scope admin not allowed/);
    const admin = await addUser("boss@example.com", "admin");
    const t = mint(admin.id, "ops", null, { scopes: ["read", "admin"] });
    expect(verified(t.token).scopes).toEqual(["read", "admin"]);
    await addUser("boss@example.com", "lead");
    expect(verified(t.token).scopes).toEqual(["read"]);
  });

  it("refuses an expired token with a message naming the expiry, and a past expiry at creation", async () => {
    const admin = await addUser("admin@example.com", "admin");
    expect(() => mint(admin.id, "old", null, { expiresMs: T0 })).toThrow(/future/);
    const t = mint(admin.id, "day", null, { expiresMs: T0 + 86_400_000 });
    expect(refusal(t.token, T0 + 86_399_999)).toBeNull();
    expect(refusal(t.token, T0 + 86_400_000)).toBe("API token expired on 2026-06-02T12:00:00.000Z");
  });

  it("records last use (time and address) at most once a minute per token", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const t = mint(admin.id, "t");
    const last = () => listApiTokens({ db: env.db, userId: admin.id })[0];
    verified(t.token, T0 + 1000, "192.0.2.1");
    expect(last()).toMatchObject({ lastUsedMs: T0 + 1000, lastUsedAddress: "192.0.2.1" });
    verified(t.token, T0 + 1000 + LAST_USED_WRITE_INTERVAL_MS - 1, "192.0.2.2");
    expect(last()).toMatchObject({ lastUsedMs: T0 + 1000, lastUsedAddress: "192.0.2.1" });
    verified(t.token, T0 + 1000 + LAST_USED_WRITE_INTERVAL_MS, "192.0.2.3");
    expect(last()).toMatchObject({
      lastUsedMs: T0 + 1000 + LAST_USED_WRITE_INTERVAL_MS,
      lastUsedAddress: "192.0.2.3",
    });
  });

  it("revoking a token revokes what it created, transitively, and leaves the rest alive", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const mk = (name: string, tokenId: number | null) =>
      mint(admin.id, name, tokenId, { scopes: ["read", "admin"] });
    const root = mk("root", null);
    const child = mk("child", root.info.id);
    const grandchild = mk("grandchild", child.info.id);
    const sibling = mk("sibling", null);
    expect(revokeApiToken({ db: env.db, userId: admin.id, id: root.info.id, now: T0 + 5 })).toBe(3);
    for (const t of [root, child, grandchild]) expect(refusal(t.token)).toBe("Invalid or revoked API token");
    expect(refusal(sibling.token)).toBeNull();
    // Revoked tokens stay listed until deleted.
    expect(listApiTokens({ db: env.db, userId: admin.id }).map((t) => [t.name, t.revokedMs])).toEqual([
      ["sibling", null],
      ["grandchild", T0 + 5],
      ["child", T0 + 5],
      ["root", T0 + 5],
    ]);
    deleteApiToken({ db: env.db, userId: admin.id, id: root.info.id });
    expect(listApiTokens({ db: env.db, userId: admin.id }).map((t) => t.name)).toEqual([
      "sibling",
      "grandchild",
      "child",
    ]);
  });

  it("deleting an active token revokes what it created first", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const root = mint(admin.id, "r");
    const kid = mint(admin.id, "k", root.info.id);
    deleteApiToken({ db: env.db, userId: admin.id, id: root.info.id, now: T0 });
    expect(refusal(kid.token)).toBe("Invalid or revoked API token");
    expect(listApiTokens({ db: env.db, userId: admin.id })[0]?.createdBy).toEqual({
      via: "token",
      tokenId: root.info.id,
      tokenName: null,
    });
  });

  it("another user's token is not found for revoke or delete", async () => {
    const a = await addUser("a@example.com", "admin");
    const b = await addUser("b@example.com", "admin");
    const t = mint(a.id, "t");
    expect(() => revokeApiToken({ db: env.db, userId: b.id, id: t.info.id })).toThrow(/not found/);
    expect(() => deleteApiToken({ db: env.db, userId: b.id, id: t.info.id })).toThrow(/not found/);
    expect(refusal(t.token)).toBeNull();
  });

  it("an admin lists every user's tokens with their owner, and may revoke or delete any of them", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const lead = await addUser("lead@example.com", "lead");
    const mine = mint(admin.id, "mine");
    const theirs = mint(lead.id, "theirs");
    const kid = mint(lead.id, "kid", theirs.info.id);
    expect(listApiTokens({ db: env.db, userId: admin.id }).map((t) => t.name)).toEqual(["mine"]);
    expect(mine.info.owner).toEqual({ id: admin.id, name: "admin" });
    expect(listAllApiTokens({ db: env.db }).map((t) => [t.name, t.owner.name])).toEqual([
      ["kid", "lead"],
      ["theirs", "lead"],
      ["mine", "admin"],
    ]);
    expect(revokeApiToken({ db: env.db, userId: admin.id, id: theirs.info.id, anyOwner: true })).toBe(2);
    expect(refusal(kid.token)).toBe("Invalid or revoked API token");
    deleteApiToken({ db: env.db, userId: admin.id, id: theirs.info.id, anyOwner: true });
    expect(listAllApiTokens({ db: env.db }).map((t) => t.name)).toEqual(["kid", "mine"]);
    expect(refusal(mine.token)).toBeNull();
  });

  it("disabling a user revokes their tokens for good (re-enabling does not bring them back)", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const other = await addUser("o@example.com", "admin");
    const t = mint(admin.id, "t");
    const kid = mint(admin.id, "k", t.info.id);
    const keep = mint(other.id, "keep");
    setUserDisabled({ db: env.db, id: admin.id, disabled: true, now: T0 });
    setUserDisabled({ db: env.db, id: admin.id, disabled: false, now: T0 });
    expect(refusal(t.token)).toBe("Invalid or revoked API token");
    expect(refusal(kid.token)).toBe("Invalid or revoked API token");
    expect(refusal(keep.token)).toBeNull();
    expect(revokeTokensOfUser({ db: env.db, userId: admin.id })).toBe(0);
  });
});

describe("token scopes", () => {
  it("defaults to read, refuses unknown or empty lists, and keeps one canonical order", () => {
    expect(scopesSchema.parse(undefined)).toEqual(["read"]);
    expect(scopesSchema.parse(["admin", "read", "admin"])).toEqual(["read", "admin"]);
    expect(scopesSchema.safeParse(["everything"]).success).toBe(false);
    expect(scopesSchema.safeParse([]).success).toBe(false);
  });

  it("caps by role: admin only for roles that manage tokens", () => {
    expect(scopesForRole("admin")).toEqual(["read", "export", "ingest", "admin"]);
    expect(scopesForRole("lead")).toEqual(["read", "export", "ingest"]);
    expect(capScopes(["read", "admin"], "member")).toEqual(["read"]);
    expect(parseStoredScopes('["read","bogus"]')).toEqual(["read"]);
    expect(parseStoredScopes("not json")).toEqual([]);
  });
});
