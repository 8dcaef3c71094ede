/**
 * API token store: create (clear text returned once), list, revoke, and verify a bearer token.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { PortalDb } from "@/lib/db/client";
import { apiTokens, users } from "@/lib/db/schema";
import { PortalError } from "@/lib/errors";
import { displayPrefix, generateApiToken, hashApiToken } from "./api-token";
import type { PortalUser } from "./users";

/** A token as listed on the settings page and by `GET /api/v1/tokens` (never the secret or its hash). */
export interface ApiTokenInfo {
  id: number;
  name: string;
  prefix: string;
  /** Epoch ms. */
  createdMs: number;
  lastUsedMs: number | null;
  revokedMs: number | null;
}

/** Creates a token for `userId`. Returns its info and the clear-text token (to be shown exactly once). */
export function createApiToken({
  db,
  userId,
  name,
  now = Date.now(),
}: {
  db: PortalDb;
  userId: number;
  name: string;
  now?: number;
}): { token: string; info: ApiTokenInfo } {
  const token = generateApiToken();
  const row = db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashApiToken(token), prefix: displayPrefix(token), createdMs: now })
    .returning()
    .get();
  return {
    token,
    info: {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      createdMs: row.createdMs,
      lastUsedMs: null,
      revokedMs: null,
    },
  };
}

/** Tokens of `userId`, newest first, revoked ones included. */
export function listApiTokens({ db, userId }: { db: PortalDb; userId: number }): ApiTokenInfo[] {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdMs: apiTokens.createdMs,
      lastUsedMs: apiTokens.lastUsedMs,
      revokedMs: apiTokens.revokedMs,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdMs), desc(apiTokens.id))
    .all();
}

/** Revokes token `id` of `userId`. Throws `not_found` when it is not theirs or does not exist. */
export function revokeApiToken({
  db,
  userId,
  id,
  now = Date.now(),
}: {
  db: PortalDb;
  userId: number;
  id: number;
  now?: number;
}): void {
  const res = db
    .update(apiTokens)
    .set({ revokedMs: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedMs)))
    .run();
  if (res.changes === 0) {
    const exists = db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
      .get();
    if (!exists) throw new PortalError("not_found", "Token not found");
  }
}

/**
 * Returns the owner of a valid (not revoked, owner not disabled) clear-text token and records its use,
 * or null.
 * `lastUsedMs` is written at most once a minute per token to keep reads cheap.
 */
export function verifyApiToken({
  db,
  token,
  now = Date.now(),
}: {
  db: PortalDb;
  token: string;
  now?: number;
}): PortalUser | null {
  const row = db
    .select({
      tokenId: apiTokens.id,
      lastUsedMs: apiTokens.lastUsedMs,
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashApiToken(token)),
        isNull(apiTokens.revokedMs),
        isNull(users.disabledMs),
      ),
    )
    .get();
  if (!row) return null;
  if (row.lastUsedMs === null || now - row.lastUsedMs > 60_000) {
    db.update(apiTokens).set({ lastUsedMs: now }).where(eq(apiTokens.id, row.tokenId)).run();
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
