/**
 * Portal users: creation, credential checks and the start-up bootstrap (first admin from env, demo login
 * in demo mode). Plain Node on the data layer (lib/db/store.ts): used by the next-auth config, scripts
 * and tests, on either engine.
 */
import type { UserRole } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { hashPassword, verifyPassword } from "./password";
import { revokeTokensOfUser } from "./tokens";
import { USER_COLUMNS, USER_RETURNING } from "./user-columns";

/** A signed-in user as the app sees it (never the hash). */
export interface PortalUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

/** The demo login created in demo mode (no PORTAL_DATA_ROOT) and shown on the login page. */
export const DEMO_LOGIN = Object.freeze({ email: "demo@example.com", password: "demo-portal" });

/** Normalises an e-mail for lookups (trimmed, lower case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Returns the enabled user with `id`, or null (no such user, or disabled). */
export async function getUserById({ db, id }: { db: Store; id: number }): Promise<PortalUser | null> {
  const row = await db.get<PortalUser>(
    `SELECT ${USER_COLUMNS} FROM users WHERE users.id = ? AND users.disabled_ms IS NULL`,
    [id],
  );
  return row ?? null;
}

/**
 * Disables (`disabled` true) or re-enables a user. A disabled user's sign-ins, session cookies and API
 * tokens are refused from the next request on, and every token they own or created is revoked (with what
 * those created). Returns false when there is no such user.
 */
export async function setUserDisabled({
  db,
  id,
  disabled,
  now = Date.now(),
}: {
  db: Store;
  id: number;
  disabled: boolean;
  now?: number;
}): Promise<boolean> {
  return db.transaction(async () => {
    const r = await db.run("UPDATE users SET disabled_ms = ? WHERE id = ?", [disabled ? now : null, id]);
    // Revoked for good: re-enabling the user must not bring back tokens they (or their tokens) created.
    if (r.changes > 0 && disabled) await revokeTokensOfUser({ db, userId: id, now });
    return r.changes > 0;
  });
}

/**
 * Creates the user, or — when the e-mail exists — sets its password, name and role (so changing
 * PORTAL_ADMIN_PASSWORD and restarting takes effect). Returns the user.
 */
export async function upsertUser({
  db,
  now = Date.now(),
  ...input
}: {
  db: Store;
  email: string;
  name: string;
  password: string;
  role: UserRole;
  now?: number;
}): Promise<PortalUser> {
  const email = normalizeEmail(input.email);
  const existing = await db.get<{ id: number; passwordHash: string }>(
    `SELECT id, password_hash AS "passwordHash" FROM users WHERE email = ?`,
    [email],
  );
  if (existing) {
    const same = await verifyPassword(input.password, existing.passwordHash);
    const passwordHash = same ? existing.passwordHash : await hashPassword(input.password);
    await db.run("UPDATE users SET password_hash = ?, name = ?, role = ? WHERE id = ?", [
      passwordHash,
      input.name,
      input.role,
      existing.id,
    ]);
    return { id: existing.id, email, name: input.name, role: input.role };
  }
  const passwordHash = await hashPassword(input.password);
  const row = await insertUserIfNew(db, {
    email,
    name: input.name,
    passwordHash,
    role: input.role,
    createdMs: now,
  });
  // Created by another request meanwhile (two instances starting at once): update that row instead.
  return row ?? upsertUser({ db, now, ...input });
}

/**
 * Inserts a user row (e-mail already normalised) and returns it, or undefined when a user with that
 * e-mail exists (also when another request created it a moment ago). Callers hash the password first,
 * outside any transaction: scrypt is slow.
 */
export function insertUserIfNew(
  db: Store,
  u: { email: string; name: string; passwordHash: string; role: UserRole; createdMs: number },
): Promise<PortalUser | undefined> {
  return db.get<PortalUser>(
    `INSERT INTO users (email, name, password_hash, role, created_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (email) DO NOTHING RETURNING ${USER_RETURNING}`,
    [u.email, u.name, u.passwordHash, u.role, u.createdMs],
  );
}

/**
 * Checks an e-mail/password pair. Returns the user or null (also for a disabled user); always hashes once
 * so a wrong e-mail and a wrong password take the same time.
 */
export async function verifyCredentials({
  db,
  email,
  password,
}: {
  db: Store;
  email: string;
  password: string;
}): Promise<PortalUser | null> {
  const row = await db.get<PortalUser & { passwordHash: string; disabledMs: number | null }>(
    `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash", disabled_ms AS "disabledMs"
     FROM users WHERE email = ?`,
    [normalizeEmail(email)],
  );
  if (!row) {
    await hashPassword(password);
    return null;
  }
  const ok = await verifyPassword(password, row.passwordHash);
  return ok && row.disabledMs === null
    ? { id: row.id, email: row.email, name: row.name, role: row.role }
    : null;
}

/** What {@link ensureInitialUsers} did, for the start-up log. */
export interface BootstrapResult {
  admin: PortalUser | null;
  demo: { email: string; password: string } | null;
  /** True when no way to sign in exists (no admin env, not demo mode, no users). */
  noUsers: boolean;
}

/**
 * Start-up bootstrap: creates/updates the admin from `adminEmail`/`adminPassword` when given, and the
 * {@link DEMO_LOGIN} when `demoMode`. Idempotent.
 */
export async function ensureInitialUsers({
  db,
  ...opts
}: {
  db: Store;
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  demoMode: boolean;
}): Promise<BootstrapResult> {
  let admin: PortalUser | null = null;
  if (opts.adminEmail && opts.adminPassword) {
    admin = await upsertUser({
      db,
      email: opts.adminEmail,
      name: "Admin",
      password: opts.adminPassword,
      role: "admin",
    });
  }
  let demo: BootstrapResult["demo"] = null;
  if (opts.demoMode) {
    await upsertUser({
      db,
      email: DEMO_LOGIN.email,
      name: "Demo lead",
      password: DEMO_LOGIN.password,
      role: "admin",
    });
    demo = { ...DEMO_LOGIN };
  }
  const anyUser = await db.get<{ id: number }>("SELECT id FROM users ORDER BY id LIMIT 1");
  return { admin, demo, noUsers: !anyUser };
}
