/**
 * API token store: create (clear text returned once, with scopes and an optional expiry), list, revoke
 * (cascading to every token it created, transitively), delete, and verify a bearer token. The rows live in
 * the database, so a revocation through one portal instance is refused by every other at its next request.
 */
import type { UserRole } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { PortalError } from "@/lib/errors";
import { displayPrefix, generateApiToken, hashApiToken } from "./api-token";
import { capScopes, parseStoredScopes, type Scope } from "./scopes";
import { USER_COLUMNS } from "./user-columns";
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
export async function createApiToken({
  db,
  creator,
  name,
  scopes = ["read"],
  expiresMs = null,
  now = Date.now(),
}: {
  db: Store;
  creator: TokenCreatorRef;
  name: string;
  scopes?: Scope[];
  expiresMs?: number | null;
  now?: number;
}): Promise<{ token: string; info: ApiTokenInfo }> {
  const owner = await db.get<{ role: UserRole }>("SELECT role FROM users WHERE id = ?", [creator.userId]);
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
  const row = await db.get<{ id: number }>(
    `INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes, expires_ms, created_by_user_id,
       created_by_token_id, created_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      creator.userId,
      name,
      hashApiToken(token),
      displayPrefix(token),
      JSON.stringify(scopes),
      expiresMs,
      creator.userId,
      creator.tokenId,
      now,
    ],
  );
  const [info] = row ? await selectTokens(db, "t.id = ?", [row.id]) : [];
  if (!info) throw new PortalError("internal", "Token vanished after insert");
  return { token, info };
}

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  scopes: string;
  createdMs: number;
  expiresMs: number | null;
  lastUsedMs: number | null;
  lastUsedAddress: string | null;
  revokedMs: number | null;
  byUserId: number | null;
  byUserName: string | null;
  byTokenId: number | null;
  byTokenName: string | null;
  ownerId: number;
  ownerName: string;
}

/** Tokens matching `where` (over `t` = api_tokens), newest first, revoked ones included (until deleted). */
async function selectTokens(db: Store, where: string, params: readonly unknown[]): Promise<ApiTokenInfo[]> {
  const rows = await db.all<TokenRow>(
    `SELECT t.id, t.name, t.prefix, t.scopes, t.created_ms AS "createdMs", t.expires_ms AS "expiresMs",
       t.last_used_ms AS "lastUsedMs", t.last_used_address AS "lastUsedAddress", t.revoked_ms AS "revokedMs",
       t.created_by_user_id AS "byUserId", creator.name AS "byUserName",
       t.created_by_token_id AS "byTokenId", parent_token.name AS "byTokenName",
       t.user_id AS "ownerId", token_owner.name AS "ownerName"
     FROM api_tokens t
     JOIN users token_owner ON token_owner.id = t.user_id
     LEFT JOIN users creator ON creator.id = t.created_by_user_id
     LEFT JOIN api_tokens parent_token ON parent_token.id = t.created_by_token_id
     WHERE ${where}
     ORDER BY t.created_ms DESC, t.id DESC`,
    params,
  );
  return rows.map(({ byUserId, byUserName, byTokenId, byTokenName, ownerId, ownerName, scopes, ...t }) => ({
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
export function listApiTokens({ db, userId }: { db: Store; userId: number }): Promise<ApiTokenInfo[]> {
  return selectTokens(db, "t.user_id = ?", [userId]);
}

/**
 * Every user's tokens with their owner, newest first: what an admin manages (Settings → API tokens and
 * `GET /api/v1/tokens` for an admin), so one leaked token can be revoked without disabling its owner.
 */
export function listAllApiTokens({ db }: { db: Store }): Promise<ApiTokenInfo[]> {
  return selectTokens(db, "1 = 1", []);
}

/**
 * Revokes the not-yet-revoked tokens `seed` selects (a `SELECT id FROM api_tokens …` with `params`) and
 * every token they created, transitively (a recursive walk over `created_by_token_id`). Returns how many
 * were revoked.
 */
async function revokeCascade(
  db: Store,
  seed: string,
  params: readonly unknown[],
  now: number,
): Promise<number> {
  const r = await db.run(
    `WITH RECURSIVE tree(id) AS (
       ${seed}
       UNION SELECT t.id FROM api_tokens t JOIN tree ON t.created_by_token_id = tree.id
     )
     UPDATE api_tokens SET revoked_ms = ? WHERE id IN (SELECT id FROM tree) AND revoked_ms IS NULL`,
    [...params, now],
  );
  return r.changes;
}

/**
 * Throws `not_found` unless token `id` is `userId`'s (anyone's with `anyOwner`) and exists.
 */
async function ownToken(db: Store, userId: number, id: number, anyOwner = false): Promise<void> {
  const row = anyOwner
    ? await db.get<{ id: number }>("SELECT id FROM api_tokens WHERE id = ?", [id])
    : await db.get<{ id: number }>("SELECT id FROM api_tokens WHERE id = ? AND user_id = ?", [id, userId]);
  if (!row) throw new PortalError("not_found", "Token not found");
}

/** One token of one user, as revoke and delete take it. */
export interface OwnTokenRef {
  db: Store;
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
export async function revokeApiToken({
  db,
  userId,
  id,
  now = Date.now(),
  anyOwner,
}: OwnTokenRef): Promise<number> {
  await ownToken(db, userId, id, anyOwner);
  return revokeCascade(db, "SELECT id FROM api_tokens WHERE id = ?", [id], now);
}

/**
 * Deletes token `id` of `userId` from the list. An active token is revoked first (with its cascade), so
 * deleting never leaves what it created alive. Throws `not_found` when it is not theirs.
 */
export async function deleteApiToken({
  db,
  userId,
  id,
  now = Date.now(),
  anyOwner,
}: OwnTokenRef): Promise<void> {
  await ownToken(db, userId, id, anyOwner);
  await db.transaction(async () => {
    await revokeCascade(db, "SELECT id FROM api_tokens WHERE id = ?", [id], now);
    await db.run("DELETE FROM api_tokens WHERE id = ?", [id]);
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
  db: Store;
  userId: number;
  now?: number;
}): Promise<number> {
  return revokeCascade(
    db,
    "SELECT id FROM api_tokens WHERE user_id = ? OR created_by_user_id = ?",
    [userId, userId],
    now,
  );
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
export async function verifyApiToken({
  db,
  token,
  address = null,
  now = Date.now(),
}: {
  db: Store;
  token: string;
  address?: string | null;
  now?: number;
}): Promise<{ token: VerifiedToken } | { refused: string }> {
  const row = await db.get<
    PortalUser & {
      tokenId: number;
      scopes: string;
      expiresMs: number | null;
      revokedMs: number | null;
      lastUsedMs: number | null;
      disabledMs: number | null;
    }
  >(
    `SELECT t.id AS "tokenId", t.scopes, t.expires_ms AS "expiresMs", t.revoked_ms AS "revokedMs",
       t.last_used_ms AS "lastUsedMs", ${USER_COLUMNS}, users.disabled_ms AS "disabledMs"
     FROM api_tokens t JOIN users ON users.id = t.user_id
     WHERE t.token_hash = ?`,
    [hashApiToken(token)],
  );
  if (!row || row.revokedMs !== null || row.disabledMs !== null)
    return { refused: "Invalid or revoked API token" };
  if (row.expiresMs !== null && row.expiresMs <= now) {
    return { refused: `API token expired on ${new Date(row.expiresMs).toISOString()}` };
  }
  if (row.lastUsedMs === null || now - row.lastUsedMs >= LAST_USED_WRITE_INTERVAL_MS) {
    await db.run("UPDATE api_tokens SET last_used_ms = ?, last_used_address = ? WHERE id = ?", [
      now,
      address,
      row.tokenId,
    ]);
  }
  return {
    token: {
      user: { id: row.id, email: row.email, name: row.name, role: row.role },
      tokenId: row.tokenId,
      scopes: capScopes(parseStoredScopes(row.scopes), row.role),
    },
  };
}
