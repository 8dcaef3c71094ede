/**
 * One-time links to set a password (`/invite/<token>`): for an invited user or a password reset. The
 * token is 256 random bits shown once; only its SHA-256 is stored. A link works once and until it
 * expires; a newer link for the same user replaces the older ones.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { PortalDb } from "@/lib/db/client";
import { passwordLinks, users } from "@/lib/db/schema";
import { PortalError } from "@/lib/errors";
import { hashPassword } from "./password";
import { deleteUserAuthSessions } from "./sessions";
import type { PortalUser } from "./users";

/** How long a link works: a week (an invite is often read days later). */
export const PASSWORD_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A new password: long enough to resist guessing, short enough to type; the same rule everywhere. */
export const newPasswordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a link for `userId` (ending its older links) and returns the token to put in the URL. */
export function createPasswordLink({
  db,
  userId,
  now,
  ttlMs = PASSWORD_LINK_TTL_MS,
}: {
  db: PortalDb;
  userId: number;
  now: number;
  ttlMs?: number;
}): string {
  const token = randomBytes(32).toString("base64url");
  db.transaction((tx) => {
    tx.update(passwordLinks)
      .set({ usedMs: now })
      .where(and(eq(passwordLinks.userId, userId), isNull(passwordLinks.usedMs)))
      .run();
    tx.insert(passwordLinks)
      .values({ userId, tokenHash: sha256(token), createdMs: now, expiresMs: now + ttlMs })
      .run();
  });
  return token;
}

/** The live link `token` (unused, unexpired, user enabled) and its user, or null. Does not use it up. */
export function peekPasswordLink({
  db,
  token,
  now,
}: {
  db: PortalDb;
  token: string;
  now: number;
}): { linkId: number; userId: number; email: string; name: string } | null {
  // The same join-and-still-valid shape as sessions.ts's live-session lookup, on another table: folding
  // two short queries would need a table parameter that hides which columns each one checks.
  const row = db
    .select({ linkId: passwordLinks.id, userId: users.id, email: users.email, name: users.name })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(
      and(
        eq(passwordLinks.tokenHash, sha256(token)),
        isNull(passwordLinks.usedMs),
        gt(passwordLinks.expiresMs, now),
        isNull(users.disabledMs),
      ),
    )
    .get();
  return row ?? null;
}

/**
 * Sets the password of the link's user and uses the link up (once: a second call returns null). Ends the
 * user's other sign-in sessions (a reset must lock out whoever knew the old password). Throws
 * `bad_request` for a password that breaks {@link newPasswordSchema}.
 */
export async function consumePasswordLink({
  db,
  token,
  password,
  now,
}: {
  db: PortalDb;
  token: string;
  password: string;
  now: number;
}): Promise<PortalUser | null> {
  const parsed = newPasswordSchema.safeParse(password);
  if (!parsed.success)
    throw new PortalError("bad_request", parsed.error.issues[0]?.message ?? "Invalid password");
  if (!peekPasswordLink({ db, token, now })) return null;
  const passwordHash = await hashPassword(parsed.data);
  // Re-checked inside the write: two tabs submitting the same link at once set the password once.
  return db.transaction((tx) => {
    const link = peekPasswordLink({ db: tx as unknown as PortalDb, token, now });
    if (!link) return null;
    tx.update(passwordLinks).set({ usedMs: now }).where(eq(passwordLinks.id, link.linkId)).run();
    const row = tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId)).returning().get();
    deleteUserAuthSessions({ db: tx as unknown as PortalDb, userId: link.userId });
    return row ? { id: row.id, email: row.email, name: row.name, role: row.role } : null;
  });
}
