/**
 * What an admin does on the Users page: invite (a one-time link or a temporary password, shown once),
 * change a role, disable/enable, reset a password, list. Plain Node; the page's server actions check
 * `can(role, "users:manage")` before calling these. Every change is read by the next request (sessions
 * and tokens re-read the user), so it takes effect at once.
 */
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { PortalDb } from "@/lib/db/client";
import { memberFolders, users } from "@/lib/db/schema";
import { PortalError } from "@/lib/errors";
import { hashPassword } from "./password";
import { createPasswordLink } from "./password-links";
import type { Role } from "./roles";
import { deleteUserAuthSessions } from "./sessions";
import { normalizeEmail, type PortalUser, setUserDisabled } from "./users";

/** How an invite or a reset hands over the first password. */
export type PasswordHandover = "link" | "password";

/** What to show the admin once: the link's token or the temporary password (the other is null). */
export interface Handover {
  linkToken: string | null;
  temporaryPassword: string | null;
}

/** A row of the Users page. */
export interface UserListRow extends PortalUser {
  disabled: boolean;
  createdMs: number;
  /** Developer folders mapped to the user (members' own sessions). */
  folders: string[];
}

/** A random password a person can type (base64url, 18 bytes = 24 characters). */
function temporaryPassword(): string {
  return randomBytes(18).toString("base64url");
}

async function handOver(
  db: PortalDb,
  userId: number,
  method: PasswordHandover,
  now: number,
): Promise<Handover> {
  if (method === "link")
    return { linkToken: createPasswordLink({ db, userId, now }), temporaryPassword: null };
  const password = temporaryPassword();
  db.update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId))
    .run();
  return { linkToken: null, temporaryPassword: password };
}

/**
 * Creates a user with `role` and returns how they get in. With `method: "link"` the account has no usable
 * password until the link is used. Throws `conflict` when the e-mail is taken.
 */
export async function inviteUser({
  db,
  email,
  name,
  role,
  method,
  now,
}: {
  db: PortalDb;
  email: string;
  name: string;
  role: Role;
  method: PasswordHandover;
  now: number;
}): Promise<Handover & { user: PortalUser }> {
  const normalized = normalizeEmail(email);
  if (db.select({ id: users.id }).from(users).where(eq(users.email, normalized)).get()) {
    throw new PortalError("conflict", `A user with the e-mail ${normalized} exists`);
  }
  // Unusable until the link sets a password: a hash of 32 random bytes nobody knows.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const row = db
    .insert(users)
    .values({ email: normalized, name: name.trim() || normalized, passwordHash, role, createdMs: now })
    .returning()
    .get();
  const user: PortalUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  return { user, ...(await handOver(db, row.id, method, now)) };
}

/** Every user, by e-mail, with their folders. */
export function listUsers({ db }: { db: PortalDb }): UserListRow[] {
  const folders = new Map<number, string[]>();
  for (const f of db.select().from(memberFolders).orderBy(asc(memberFolders.developer)).all()) {
    folders.set(f.userId, [...(folders.get(f.userId) ?? []), f.developer]);
  }
  return db
    .select()
    .from(users)
    .orderBy(asc(users.email))
    .all()
    .map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      disabled: u.disabledMs !== null,
      createdMs: u.createdMs,
      folders: folders.get(u.id) ?? [],
    }));
}

/** Throws `not_found` unless user `id` exists; refuses (`conflict`) an admin's change to their own account. */
function target(db: PortalDb, actorId: number, id: number, what: string): void {
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, id)).get()) {
    throw new PortalError("not_found", "No such user");
  }
  // An admin locking themself out would leave the portal without anyone to undo it.
  if (actorId === id) throw new PortalError("conflict", `You cannot ${what} yourself`);
}

/** Sets the role of user `id` (no-op when unchanged); the next request of that user sees it. */
export function changeUserRole({
  db,
  actorId,
  id,
  role,
}: {
  db: PortalDb;
  actorId: number;
  id: number;
  role: Role;
}): void {
  const current = db.select({ role: users.role }).from(users).where(eq(users.id, id)).get();
  if (current?.role === role) return;
  target(db, actorId, id, "change the role of");
  db.update(users).set({ role }).where(eq(users.id, id)).run();
}

/** Disables (ending every sign-in session) or re-enables user `id`. */
export function disableUser({
  db,
  actorId,
  id,
  disabled,
  now,
}: {
  db: PortalDb;
  actorId: number;
  id: number;
  disabled: boolean;
  now: number;
}): void {
  target(db, actorId, id, "disable");
  setUserDisabled({ db, id, disabled, now });
  if (disabled) deleteUserAuthSessions({ db, userId: id });
}

/**
 * Resets the password of user `id`: a temporary password or a link (the old password stops working at
 * once in both cases), and ends their sign-in sessions.
 */
export async function resetPassword({
  db,
  actorId,
  id,
  method,
  now,
}: {
  db: PortalDb;
  actorId: number;
  id: number;
  method: PasswordHandover;
  now: number;
}): Promise<Handover> {
  target(db, actorId, id, "reset the password of");
  if (method === "link") {
    db.update(users)
      .set({ passwordHash: await hashPassword(randomBytes(32).toString("base64url")) })
      .where(eq(users.id, id))
      .run();
  }
  const out = await handOver(db, id, method, now);
  deleteUserAuthSessions({ db, userId: id });
  return out;
}
