/**
 * One-time links to set a password (`/invite/<token>`): for an invited user or a password reset. The
 * token is 256 random bits shown once; only its SHA-256 is stored. A link works once and until it
 * expires; a newer link for the same user replaces the older ones.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Store } from "@/lib/db/store";
import { PortalError } from "@/lib/errors";
import { hashPassword } from "./password";
import { deleteUserAuthSessions } from "./sessions";
import { USER_RETURNING } from "./user-columns";
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
export async function createPasswordLink({
  db,
  userId,
  now,
  ttlMs = PASSWORD_LINK_TTL_MS,
}: {
  db: Store;
  userId: number;
  now: number;
  ttlMs?: number;
}): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.transaction(async () => {
    await db.run("UPDATE password_links SET used_ms = ? WHERE user_id = ? AND used_ms IS NULL", [
      now,
      userId,
    ]);
    await db.run(
      "INSERT INTO password_links (user_id, token_hash, created_ms, expires_ms) VALUES (?, ?, ?, ?)",
      [userId, sha256(token), now, now + ttlMs],
    );
  });
  return token;
}

/** The live link `token` (unused, unexpired, user enabled) and its user, or null. Does not use it up. */
export async function peekPasswordLink({
  db,
  token,
  now,
}: {
  db: Store;
  token: string;
  now: number;
}): Promise<{ linkId: number; userId: number; email: string; name: string } | null> {
  // The same join-and-still-valid shape as sessions.ts's live-session lookup, on another table: folding
  // two short queries would need a table parameter that hides which columns each one checks.
  const row = await db.get<{ linkId: number; userId: number; email: string; name: string }>(
    `SELECT l.id AS "linkId", users.id AS "userId", users.email, users.name
     FROM password_links l JOIN users ON users.id = l.user_id
     WHERE l.token_hash = ? AND l.used_ms IS NULL AND l.expires_ms > ? AND users.disabled_ms IS NULL`,
    [sha256(token), now],
  );
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
  db: Store;
  token: string;
  password: string;
  now: number;
}): Promise<PortalUser | null> {
  const parsed = newPasswordSchema.safeParse(password);
  if (!parsed.success)
    throw new PortalError("bad_request", parsed.error.issues[0]?.message ?? "Invalid password");
  if (!(await peekPasswordLink({ db, token, now }))) return null;
  const passwordHash = await hashPassword(parsed.data);
  return db.transaction(async () => {
    // Checked and used up in one statement: of two tabs (or instances) submitting the same link at once,
    // one changes the row and sets the password, the other gets no row.
    const link = await db.get<{ userId: number }>(
      `UPDATE password_links SET used_ms = ?
       WHERE token_hash = ? AND used_ms IS NULL AND expires_ms > ?
         AND user_id IN (SELECT id FROM users WHERE disabled_ms IS NULL)
       RETURNING user_id AS "userId"`,
      [now, sha256(token), now],
    );
    if (!link) return null;
    const user = await db.get<PortalUser>(
      `UPDATE users SET password_hash = ? WHERE id = ? RETURNING ${USER_RETURNING}`,
      [passwordHash, link.userId],
    );
    await deleteUserAuthSessions({ db, userId: link.userId });
    return user ?? null;
  });
}
