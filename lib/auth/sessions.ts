/**
 * Revocable sign-in sessions. next-auth keeps the session in a signed JWT cookie, which on its own stays
 * valid for its whole life even after sign-out; each JWT therefore carries the id of a row here (`sid`),
 * and a cookie is honoured only while that row exists, has not expired and its user is enabled.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import type { PortalDb } from "@/lib/db/client";
import { authSessions, users } from "@/lib/db/schema";
import type { PortalUser } from "./users";

/**
 * Records a new session of `userId` valid for `maxAgeMs` from `now` and returns its random id (goes
 * into the JWT). Expired rows of every user are dropped on the way (sign-ins are rare, the delete cheap).
 */
export function createAuthSession({
  db,
  userId,
  maxAgeMs,
  now,
}: {
  db: PortalDb;
  userId: number;
  maxAgeMs: number;
  now: number;
}): string {
  const id = randomBytes(32).toString("base64url");
  db.delete(authSessions).where(lte(authSessions.expiresMs, now)).run();
  db.insert(authSessions)
    .values({ id, userId, createdMs: now, expiresMs: now + maxAgeMs })
    .run();
  return id;
}

/**
 * The user of session `sid` when the session is live (exists, belongs to `userId`, not expired) and the
 * user is not disabled; null otherwise.
 */
export function getAuthSessionUser({
  db,
  sid,
  userId,
  now,
}: {
  db: PortalDb;
  sid: string;
  userId: number;
  now: number;
}): PortalUser | null {
  const row = db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(
      and(
        eq(authSessions.id, sid),
        eq(authSessions.userId, userId),
        gt(authSessions.expiresMs, now),
        isNull(users.disabledMs),
      ),
    )
    .get();
  return row ?? null;
}

/** Ends session `sid` (sign-out). Unknown ids are ignored. */
export function deleteAuthSession({ db, sid }: { db: PortalDb; sid: string }): void {
  db.delete(authSessions).where(eq(authSessions.id, sid)).run();
}

/** Ends every session of `userId` (e.g. when the account is disabled). Returns how many were ended. */
export function deleteUserAuthSessions({ db, userId }: { db: PortalDb; userId: number }): number {
  return db.delete(authSessions).where(eq(authSessions.userId, userId)).run().changes;
}
