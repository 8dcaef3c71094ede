/**
 * What an admin does on the Users page: invite (a one-time link or a temporary password, shown once),
 * change a role, disable/enable, reset a password, list. Plain Node; the page's server actions check
 * `can(role, "users:manage")` before calling these. Every change is read by the next request (sessions
 * and tokens re-read the user), so it takes effect at once.
 */
import { randomBytes } from "node:crypto";
import type { Store } from "@/lib/db/store";
import { PortalError } from "@/lib/errors";
import { hashPassword } from "./password";
import { createPasswordLink } from "./password-links";
import type { Role } from "./roles";
import { deleteUserAuthSessions } from "./sessions";
import { insertUserIfNew, normalizeEmail, type PortalUser, setUserDisabled } from "./users";

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

async function handOver(db: Store, userId: number, method: PasswordHandover, now: number): Promise<Handover> {
  if (method === "link")
    return { linkToken: await createPasswordLink({ db, userId, now }), temporaryPassword: null };
  const password = temporaryPassword();
  await setPasswordHash(db, userId, await hashPassword(password));
  return { linkToken: null, temporaryPassword: password };
}

async function setPasswordHash(db: Store, userId: number, passwordHash: string): Promise<void> {
  await db.run("UPDATE users SET password_hash = ? WHERE id = ?", [passwordHash, userId]);
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
  db: Store;
  email: string;
  name: string;
  role: Role;
  method: PasswordHandover;
  now: number;
}): Promise<Handover & { user: PortalUser }> {
  const normalized = normalizeEmail(email);
  // Unusable until the link sets a password: a hash of 32 random bytes nobody knows.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const user = await insertUserIfNew(db, {
    email: normalized,
    name: name.trim() || normalized,
    passwordHash,
    role,
    createdMs: now,
  });
  if (!user) throw new PortalError("conflict", `A user with the e-mail ${normalized} exists`);
  return { user, ...(await handOver(db, user.id, method, now)) };
}

/** Every user, by e-mail, with their folders. */
export async function listUsers({ db }: { db: Store }): Promise<UserListRow[]> {
  const folders = new Map<number, string[]>();
  const mapped = await db.all<{ userId: number; developer: string }>(
    `SELECT user_id AS "userId", developer FROM member_folders ORDER BY developer`,
  );
  for (const f of mapped) folders.set(f.userId, [...(folders.get(f.userId) ?? []), f.developer]);
  const rows = await db.all<PortalUser & { disabledMs: number | null; createdMs: number }>(
    `SELECT id, email, name, role, disabled_ms AS "disabledMs", created_ms AS "createdMs"
     FROM users ORDER BY email`,
  );
  return rows.map((u) => ({
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
async function target(db: Store, actorId: number, id: number, what: string): Promise<void> {
  if (!(await db.get<{ id: number }>("SELECT id FROM users WHERE id = ?", [id]))) {
    throw new PortalError("not_found", "No such user");
  }
  // An admin locking themself out would leave the portal without anyone to undo it.
  if (actorId === id) throw new PortalError("conflict", `You cannot ${what} yourself`);
}

/** Sets the role of user `id` (no-op when unchanged); the next request of that user sees it. */
export async function changeUserRole({
  db,
  actorId,
  id,
  role,
}: {
  db: Store;
  actorId: number;
  id: number;
  role: Role;
}): Promise<void> {
  const current = await db.get<{ role: Role }>("SELECT role FROM users WHERE id = ?", [id]);
  if (current?.role === role) return;
  await target(db, actorId, id, "change the role of");
  await db.run("UPDATE users SET role = ? WHERE id = ?", [role, id]);
}

/** Disables (ending every sign-in session) or re-enables user `id`. */
export async function disableUser({
  db,
  actorId,
  id,
  disabled,
  now,
}: {
  db: Store;
  actorId: number;
  id: number;
  disabled: boolean;
  now: number;
}): Promise<void> {
  await target(db, actorId, id, "disable");
  await db.transaction(async () => {
    await setUserDisabled({ db, id, disabled, now });
    if (disabled) await deleteUserAuthSessions({ db, userId: id });
  });
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
  db: Store;
  actorId: number;
  id: number;
  method: PasswordHandover;
  now: number;
}): Promise<Handover> {
  await target(db, actorId, id, "reset the password of");
  if (method === "link")
    await setPasswordHash(db, id, await hashPassword(randomBytes(32).toString("base64url")));
  const out = await handOver(db, id, method, now);
  await deleteUserAuthSessions({ db, userId: id });
  return out;
}
