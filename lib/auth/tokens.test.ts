import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { openTestStore, type TestStore } from "@/test-support/store";
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

let ts: TestStore;
let db: Store;
beforeEach(async () => {
  ts = await openTestStore();
  db = ts.store;
});
afterEach(() => ts.cleanup());

const addUser = (email: string, role: Role) =>
  upsertUser({
    db,
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
) => createApiToken({ db, creator: { userId, tokenId }, name, now: T0, ...extra });

/** The verified token, failing the test when it was refused. */
const verified = async (token: string, now = T0, address: string | null = null) => {
  const r = await verifyApiToken({ db, token, address, now });
  if ("refused" in r) throw new Error(`refused: ${r.refused}`);
  return r.token;
};
const refusal = async (token: string, now = T0) => {
  const r = await verifyApiToken({ db, token, now });
  return "refused" in r ? r.refused : null;
};

describe("API token store", () => {
  it("defaults to read, keeps the chosen scopes, and records who created a token", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const a = await mint(admin.id, "a");
    expect(a.info.scopes).toEqual(["read"]);
    expect(a.info.createdBy).toEqual({ via: "session", userId: admin.id, userName: "admin" });
    const b = await mint(admin.id, "b", a.info.id, { scopes: ["admin", "read", "export"] });
    expect((await verified(b.token)).scopes).toEqual(["read", "export", "admin"]);
    expect(b.info.createdBy).toEqual({ via: "token", tokenId: a.info.id, tokenName: "a" });
  });

  it("never gives a token more than its owner: admin scope refused for a lead, and capped when an admin is demoted", async () => {
    const lead = await addUser("lead@example.com", "lead");
    await expect(mint(lead.id, "x", null, { scopes: ["admin"] })).rejects.toThrow(/scope admin not allowed/);
    const admin = await addUser("boss@example.com", "admin");
    const t = await mint(admin.id, "ops", null, { scopes: ["read", "admin"] });
    expect((await verified(t.token)).scopes).toEqual(["read", "admin"]);
    await addUser("boss@example.com", "lead");
    expect((await verified(t.token)).scopes).toEqual(["read"]);
  });

  it("refuses an expired token with a message naming the expiry, and a past expiry at creation", async () => {
    const admin = await addUser("admin@example.com", "admin");
    await expect(mint(admin.id, "old", null, { expiresMs: T0 })).rejects.toThrow(/future/);
    const t = await mint(admin.id, "day", null, { expiresMs: T0 + 86_400_000 });
    expect(await refusal(t.token, T0 + 86_399_999)).toBeNull();
    expect(await refusal(t.token, T0 + 86_400_000)).toBe("API token expired on 2026-06-02T12:00:00.000Z");
  });

  it("records last use (time and address) at most once a minute per token", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const t = await mint(admin.id, "t");
    const last = async () => (await listApiTokens({ db, userId: admin.id }))[0];
    await verified(t.token, T0 + 1000, "192.0.2.1");
    expect(await last()).toMatchObject({ lastUsedMs: T0 + 1000, lastUsedAddress: "192.0.2.1" });
    await verified(t.token, T0 + 1000 + LAST_USED_WRITE_INTERVAL_MS - 1, "192.0.2.2");
    expect(await last()).toMatchObject({ lastUsedMs: T0 + 1000, lastUsedAddress: "192.0.2.1" });
    await verified(t.token, T0 + 1000 + LAST_USED_WRITE_INTERVAL_MS, "192.0.2.3");
    expect(await last()).toMatchObject({
      lastUsedMs: T0 + 1000 + LAST_USED_WRITE_INTERVAL_MS,
      lastUsedAddress: "192.0.2.3",
    });
  });

  it("revoking a token revokes what it created, transitively, and leaves the rest alive", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const mk = (name: string, tokenId: number | null) =>
      mint(admin.id, name, tokenId, { scopes: ["read", "admin"] });
    const root = await mk("root", null);
    const child = await mk("child", root.info.id);
    const grandchild = await mk("grandchild", child.info.id);
    const sibling = await mk("sibling", null);
    expect(await revokeApiToken({ db, userId: admin.id, id: root.info.id, now: T0 + 5 })).toBe(3);
    for (const t of [root, child, grandchild])
      expect(await refusal(t.token)).toBe("Invalid or revoked API token");
    expect(await refusal(sibling.token)).toBeNull();
    // Revoked tokens stay listed until deleted.
    expect((await listApiTokens({ db, userId: admin.id })).map((t) => [t.name, t.revokedMs])).toEqual([
      ["sibling", null],
      ["grandchild", T0 + 5],
      ["child", T0 + 5],
      ["root", T0 + 5],
    ]);
    await deleteApiToken({ db, userId: admin.id, id: root.info.id });
    expect((await listApiTokens({ db, userId: admin.id })).map((t) => t.name)).toEqual([
      "sibling",
      "grandchild",
      "child",
    ]);
  });

  it("deleting an active token revokes what it created first", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const root = await mint(admin.id, "r");
    const kid = await mint(admin.id, "k", root.info.id);
    await deleteApiToken({ db, userId: admin.id, id: root.info.id, now: T0 });
    expect(await refusal(kid.token)).toBe("Invalid or revoked API token");
    expect((await listApiTokens({ db, userId: admin.id }))[0]?.createdBy).toEqual({
      via: "token",
      tokenId: root.info.id,
      tokenName: null,
    });
  });

  it("another user's token is not found for revoke or delete", async () => {
    const a = await addUser("a@example.com", "admin");
    const b = await addUser("b@example.com", "admin");
    const t = await mint(a.id, "t");
    await expect(revokeApiToken({ db, userId: b.id, id: t.info.id })).rejects.toThrow(/not found/);
    await expect(deleteApiToken({ db, userId: b.id, id: t.info.id })).rejects.toThrow(/not found/);
    expect(await refusal(t.token)).toBeNull();
  });

  it("an admin lists every user's tokens with their owner, and may revoke or delete any of them", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const lead = await addUser("lead@example.com", "lead");
    const mine = await mint(admin.id, "mine");
    const theirs = await mint(lead.id, "theirs");
    const kid = await mint(lead.id, "kid", theirs.info.id);
    expect((await listApiTokens({ db, userId: admin.id })).map((t) => t.name)).toEqual(["mine"]);
    expect(mine.info.owner).toEqual({ id: admin.id, name: "admin" });
    expect((await listAllApiTokens({ db })).map((t) => [t.name, t.owner.name])).toEqual([
      ["kid", "lead"],
      ["theirs", "lead"],
      ["mine", "admin"],
    ]);
    expect(await revokeApiToken({ db, userId: admin.id, id: theirs.info.id, anyOwner: true })).toBe(2);
    expect(await refusal(kid.token)).toBe("Invalid or revoked API token");
    await deleteApiToken({ db, userId: admin.id, id: theirs.info.id, anyOwner: true });
    expect((await listAllApiTokens({ db })).map((t) => t.name)).toEqual(["kid", "mine"]);
    expect(await refusal(mine.token)).toBeNull();
  });

  it("disabling a user revokes their tokens for good (re-enabling does not bring them back)", async () => {
    const admin = await addUser("admin@example.com", "admin");
    const other = await addUser("o@example.com", "admin");
    const t = await mint(admin.id, "t");
    const kid = await mint(admin.id, "k", t.info.id);
    const keep = await mint(other.id, "keep");
    await setUserDisabled({ db, id: admin.id, disabled: true, now: T0 });
    await setUserDisabled({ db, id: admin.id, disabled: false, now: T0 });
    expect(await refusal(t.token)).toBe("Invalid or revoked API token");
    expect(await refusal(kid.token)).toBe("Invalid or revoked API token");
    expect(await refusal(keep.token)).toBeNull();
    expect(await revokeTokensOfUser({ db, userId: admin.id })).toBe(0);
  });
});

describe("token scopes", () => {
  it("defaults to read, refuses unknown or empty lists, and keeps one canonical order", async () => {
    expect(scopesSchema.parse(undefined)).toEqual(["read"]);
    expect(scopesSchema.parse(["admin", "read", "admin"])).toEqual(["read", "admin"]);
    expect(scopesSchema.safeParse(["everything"]).success).toBe(false);
    expect(scopesSchema.safeParse([]).success).toBe(false);
  });

  it("caps by role: admin only for roles that manage tokens", async () => {
    expect(scopesForRole("admin")).toEqual(["read", "export", "ingest", "admin"]);
    expect(scopesForRole("lead")).toEqual(["read", "export", "ingest"]);
    expect(capScopes(["read", "admin"], "member")).toEqual(["read"]);
    expect(parseStoredScopes('["read","bogus"]')).toEqual(["read"]);
    expect(parseStoredScopes("not json")).toEqual([]);
  });
});
