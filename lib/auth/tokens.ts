/**
 * API token store: create (clear text returned once, with scopes and an optional expiry), list, revoke
 * (cascading to every token it created, transitively), delete, and verify a bearer token.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { PortalDb } from "@/lib/db/client";
import { apiTokens, users } from "@/lib/db/schema";
import { PortalError } from "@/lib/errors";
import { displayPrefix, generateApiToken, hashApiToken } from "./api-token";
import { capScopes, parseStoredScopes, type Scope } from "./scopes";
import type { PortalUser } from "./users";

/** `lastUsedMs`/`lastUsedAddress` are written at most this often per token, so reads stay cheap. */
export const LAST_USED_WRITE_INTERVAL_MS = 60_000;

/** Who created a token: a signed-in user's session, or another token (by id and name). */
export type TokenCreator =
  | { via: "session"; userId: number | null; userName: string | null }
  | { via: "token"; tokenId: number; tokenName: string | null };

/** A token as listed on the settings page and by `GET /api/v1/tokens` (never the secret or its hash). */
export interface ApiTokenInfo {
  id: number;
  name: string;
  prefix: string;
  scopes: Scope[];
  /** Epoch ms. */
  createdMs: number;
  expiresMs: number | null;
  lastUsedMs: number | null;
  /** The client address of the last recorded use. */
  lastUsedAddress: string | null;
  revokedMs: number | null;
  createdBy: TokenCreator;
  /** The user the token acts as. */
  owner: { id: number; name: string };
}

/** The principal behind a request that creates a token: the caller's user and, when by token, its id. */
export interface TokenCreatorRef {
  userId: number;
  tokenId: number | null;
}

/**
 * Creates a token owned by `creator.userId`. Returns its info and the clear-text token (shown exactly
 * once). Scopes beyond what the owner's role allows are refused (`forbidden`) rather than silently cut.
 */
export function createApiToken({
  db,
  creator,
  name,
  scopes = ["read"],
  expiresMs = null,
  now = Date.now(),
}: {
  db: PortalDb;
  creator: TokenCreatorRef;
  name: string;
  scopes?: Scope[];
  expiresMs?: number | null;
  now?: number;
}): { token: string; info: ApiTokenInfo } {
  const owner = db.select({ role: users.role }).from(users).where(eq(users.id, creator.userId)).get();
  if (!owner) throw new PortalError("not_found", "User not found");
  const over = scopes.filter((s) => !capScopes(scopes, owner.role).includes(s));
  if (over.length > 0) {
    throw new PortalError(
      "forbidden",
      `A token cannot have more than its owner: scope ${over.join(", ")} not allowed`,
    );
  }
  if (expiresMs !== null && expiresMs <= now)
    throw new PortalError("bad_request", "The expiry must be in the future");
  const token = generateApiToken();
  const row = db
    .insert(apiTokens)
    .values({
      userId: creator.userId,
      name,
      tokenHash: hashApiToken(token),
      prefix: displayPrefix(token),
      scopes: JSON.stringify(scopes),
      expiresMs,
      createdByUserId: creator.userId,
      createdByTokenId: creator.tokenId,
      createdMs: now,
    })
    .returning({ id: apiTokens.id })
    .get();
  const info = listApiTokens({ db, userId: creator.userId }).find((t) => t.id === row.id);
  if (!info) throw new PortalError("internal", "Token vanished after insert");
  return { token, info };
}

/** Tokens of `userId` (or every user's when null), newest first, revoked ones included (until deleted). */
function selectTokens(db: PortalDb, userId: number | null): ApiTokenInfo[] {
  const parent = alias(apiTokens, "parent_token");
  const creator = alias(users, "creator");
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdMs: apiTokens.createdMs,
      expiresMs: apiTokens.expiresMs,
      lastUsedMs: apiTokens.lastUsedMs,
      lastUsedAddress: apiTokens.lastUsedAddress,
      revokedMs: apiTokens.revokedMs,
      byUserId: apiTokens.createdByUserId,
      byUserName: creator.name,
      byTokenId: apiTokens.createdByTokenId,
      byTokenName: parent.name,
      ownerId: apiTokens.userId,
      ownerName: users.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(creator, eq(creator.id, apiTokens.createdByUserId))
    .leftJoin(parent, eq(parent.id, apiTokens.createdByTokenId))
    .where(userId === null ? undefined : eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdMs), desc(apiTokens.id))
    .all()
    .map(({ byUserId, byUserName, byTokenId, byTokenName, ownerId, ownerName, scopes, ...t }) => ({
      ...t,
      scopes: parseStoredScopes(scopes),
      createdBy:
        byTokenId !== null
          ? { via: "token", tokenId: byTokenId, tokenName: byTokenName }
          : { via: "session", userId: byUserId, userName: byUserName },
      owner: { id: ownerId, name: ownerName },
    }));
}

/** Tokens of `userId`, newest first, revoked ones included (until deleted). */
export function listApiTokens({ db, userId }: { db: PortalDb; userId: number }): ApiTokenInfo[] {
  return selectTokens(db, userId);
}

/**
 * Every user's tokens with their owner, newest first: what an admin manages (Settings → API tokens and
 * `GET /api/v1/tokens` for an admin), so one leaked token can be revoked without disabling its owner.
 */
export function listAllApiTokens({ db }: { db: PortalDb }): ApiTokenInfo[] {
  return selectTokens(db, null);
}

/**
 * Revokes the not-yet-revoked tokens with `ids` and every token they created, transitively (a recursive
 * walk over `created_by_token_id`). Returns how many were revoked.
 */
function revokeCascade(db: PortalDb, ids: number[], now: number): number {
  if (ids.length === 0) return 0;
  const tree = sql`WITH RECURSIVE tree(id) AS (
      SELECT value FROM json_each(${JSON.stringify(ids)})
      UNION SELECT t.id FROM api_tokens t JOIN tree ON t.created_by_token_id = tree.id
    ) SELECT id FROM tree`;
  return db
    .update(apiTokens)
    .set({ revokedMs: now })
    .where(and(sql`${apiTokens.id} IN (${tree})`, isNull(apiTokens.revokedMs)))
    .run().changes;
}

/**
 * The token `id` of `userId` (of anyone with `anyOwner`); throws `not_found` when it is not theirs or
 * does not exist.
 */
function ownToken(db: PortalDb, userId: number, id: number, anyOwner = false): { revokedMs: number | null } {
  const row = db
    .select({ revokedMs: apiTokens.revokedMs })
    .from(apiTokens)
    .where(anyOwner ? eq(apiTokens.id, id) : and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .get();
  if (!row) throw new PortalError("not_found", "Token not found");
  return row;
}

/** One token of one user, as revoke and delete take it. */
export interface OwnTokenRef {
  db: PortalDb;
  userId: number;
  id: number;
  now?: number;
  /** The caller manages every user's tokens (an admin: `can(role, "tokens:manage")`), not only its own. */
  anyOwner?: boolean;
}

/**
 * Revokes token `id` of `userId` (any user's with `anyOwner`) and everything it created (transitively).
 * Revoking a revoked token is a no-op. Throws `not_found` when it is not theirs or does not exist.
 * Returns how many were revoked.
 */
export function revokeApiToken({ db, userId, id, now = Date.now(), anyOwner }: OwnTokenRef): number {
  ownToken(db, userId, id, anyOwner);
  return db.transaction((tx) => revokeCascade(tx as unknown as PortalDb, [id], now));
}

/**
 * Deletes token `id` of `userId` from the list. An active token is revoked first (with its cascade), so
 * deleting never leaves what it created alive. Throws `not_found` when it is not theirs.
 */
export function deleteApiToken({ db, userId, id, now = Date.now(), anyOwner }: OwnTokenRef): void {
  ownToken(db, userId, id, anyOwner);
  db.transaction((tx) => {
    revokeCascade(tx as unknown as PortalDb, [id], now);
    tx.delete(apiTokens).where(eq(apiTokens.id, id)).run();
  });
}

/**
 * Revokes every token `userId` owns or created, and what those created (transitively): called when the
 * user is disabled, so re-enabling them does not bring their tokens back.
 */
export function revokeTokensOfUser({
  db,
  userId,
  now = Date.now(),
}: {
  db: PortalDb;
  userId: number;
  now?: number;
}): number {
  const ids = db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(sql`${apiTokens.userId} = ${userId} OR ${apiTokens.createdByUserId} = ${userId}`)
    .all()
    .map((r) => r.id);
  return revokeCascade(db, ids, now);
}

/** A bearer token that authenticates: its owner, its id and its effective scopes (capped by the owner's role). */
export interface VerifiedToken {
  user: PortalUser;
  tokenId: number;
  scopes: Scope[];
}

/**
 * Checks a clear-text token: `{ token }` when it is valid (not revoked, not expired, owner enabled) —
 * recording its use (time and `address`, at most once per {@link LAST_USED_WRITE_INTERVAL_MS}) — or
 * `{ refused }` with a user-safe reason.
 */
export function verifyApiToken({
  db,
  token,
  address = null,
  now = Date.now(),
}: {
  db: PortalDb;
  token: string;
  address?: string | null;
  now?: number;
}): { token: VerifiedToken } | { refused: string } {
  const row = db
    .select({
      tokenId: apiTokens.id,
      scopes: apiTokens.scopes,
      expiresMs: apiTokens.expiresMs,
      revokedMs: apiTokens.revokedMs,
      lastUsedMs: apiTokens.lastUsedMs,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabledMs: users.disabledMs,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashApiToken(token)))
    .get();
  if (!row || row.revokedMs !== null || row.disabledMs !== null)
    return { refused: "Invalid or revoked API token" };
  if (row.expiresMs !== null && row.expiresMs <= now) {
    return { refused: `API token expired on ${new Date(row.expiresMs).toISOString()}` };
  }
  if (row.lastUsedMs === null || now - row.lastUsedMs >= LAST_USED_WRITE_INTERVAL_MS) {
    db.update(apiTokens)
      .set({ lastUsedMs: now, lastUsedAddress: address })
      .where(eq(apiTokens.id, row.tokenId))
      .run();
  }
  return {
    token: {
      user: { id: row.id, email: row.email, name: row.name, role: row.role },
      tokenId: row.tokenId,
      scopes: capScopes(parseStoredScopes(row.scopes), row.role),
    },
  };
}
