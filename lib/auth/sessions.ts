/**
 * Revocable sign-in sessions. next-auth keeps the session in a signed JWT cookie, which on its own stays
 * valid for its whole life even after sign-out; each JWT therefore carries the id of a row here (`sid`),
 * and a cookie is honoured only while that row exists, has not expired and its user is enabled. The rows
 * live in the database, so every portal instance on it honours a sign-out at the next request.
 */
import { randomBytes } from "node:crypto";
import type { Store } from "@/lib/db/store";
import { USER_COLUMNS } from "./user-columns";
import type { PortalUser } from "./users";

/**
 * Records a new session of `userId` valid for `maxAgeMs` from `now` and returns its random id (goes
 * into the JWT). Expired rows of every user are dropped on the way (sign-ins are rare, the delete cheap).
 */
export async function createAuthSession({
  db,
  userId,
  maxAgeMs,
  now,
}: {
  db: Store;
  userId: number;
  maxAgeMs: number;
  now: number;
}): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.run("DELETE FROM auth_sessions WHERE expires_ms <= ?", [now]);
  await db.run("INSERT INTO auth_sessions (id, user_id, created_ms, expires_ms) VALUES (?, ?, ?, ?)", [
    id,
    userId,
    now,
    now + maxAgeMs,
  ]);
  return id;
}

/**
 * The user of session `sid` when the session is live (exists, belongs to `userId`, not expired) and the
 * user is not disabled; null otherwise.
 */
export async function getAuthSessionUser({
  db,
  sid,
  userId,
  now,
}: {
  db: Store;
  sid: string;
  userId: number;
  now: number;
}): Promise<PortalUser | null> {
  const row = await db.get<PortalUser>(
    `SELECT ${USER_COLUMNS} FROM auth_sessions s JOIN users ON users.id = s.user_id
     WHERE s.id = ? AND s.user_id = ? AND s.expires_ms > ? AND users.disabled_ms IS NULL`,
    [sid, userId, now],
  );
  return row ?? null;
}

/** Ends session `sid` (sign-out). Unknown ids are ignored. */
export async function deleteAuthSession({ db, sid }: { db: Store; sid: string }): Promise<void> {
  await db.run("DELETE FROM auth_sessions WHERE id = ?", [sid]);
}

/** Ends every session of `userId` (e.g. when the account is disabled). Returns how many were ended. */
export async function deleteUserAuthSessions({ db, userId }: { db: Store; userId: number }): Promise<number> {
  return (await db.run("DELETE FROM auth_sessions WHERE user_id = ?", [userId])).changes;
}
