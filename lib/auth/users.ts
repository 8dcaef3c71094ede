/**
 * Portal users: creation, credential checks and the start-up bootstrap (first admin from env, demo login
 * in demo mode). Plain Node: used by the next-auth config, scripts and tests.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { PortalDb } from "@/lib/db/client";
import { type UserRole, users } from "@/lib/db/schema";
import { hashPassword, verifyPassword } from "./password";
import { revokeTokensOfUser } from "./tokens";

/** A signed-in user as the app sees it (never the hash). */
export interface PortalUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

/** The demo login created in demo mode (no PORTAL_DATA_ROOT) and shown on the login page. */
export const DEMO_LOGIN = Object.freeze({ email: "demo@example.com", password: "demo-portal" });

function toUser(row: typeof users.$inferSelect): PortalUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Normalises an e-mail for lookups (trimmed, lower case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Returns the enabled user with `id`, or null (no such user, or disabled). */
export function getUserById({ db, id }: { db: PortalDb; id: number }): PortalUser | null {
  const row = db
    .select()
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledMs)))
    .get();
  return row ? toUser(row) : null;
}

/**
 * Disables (`disabled` true) or re-enables a user. A disabled user's sign-ins, session cookies and API
 * tokens are refused from the next request on, and every token they own or created is revoked (with what
 * those created). Returns false when there is no such user.
 */
export function setUserDisabled({
  db,
  id,
  disabled,
  now = Date.now(),
}: {
  db: PortalDb;
  id: number;
  disabled: boolean;
  now?: number;
}): boolean {
  const changed =
    db
      .update(users)
      .set({ disabledMs: disabled ? now : null })
      .where(eq(users.id, id))
      .run().changes > 0;
  // Revoked for good: re-enabling the user must not bring back tokens they (or their tokens) created.
  if (changed && disabled) revokeTokensOfUser({ db, userId: id, now });
  return changed;
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
  db: PortalDb;
  email: string;
  name: string;
  password: string;
  role: UserRole;
  now?: number;
}): Promise<PortalUser> {
  const email = normalizeEmail(input.email);
  const existing = db.select().from(users).where(eq(users.email, email)).get();
  if (existing) {
    const same = await verifyPassword(input.password, existing.passwordHash);
    const passwordHash = same ? existing.passwordHash : await hashPassword(input.password);
    db.update(users)
      .set({ passwordHash, name: input.name, role: input.role })
      .where(eq(users.id, existing.id))
      .run();
    return { id: existing.id, email, name: input.name, role: input.role };
  }
  const passwordHash = await hashPassword(input.password);
  const row = db
    .insert(users)
    .values({ email, name: input.name, passwordHash, role: input.role, createdMs: now })
    .returning()
    .get();
  return toUser(row);
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
  db: PortalDb;
  email: string;
  password: string;
}): Promise<PortalUser | null> {
  const row = db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
  if (!row) {
    await hashPassword(password);
    return null;
  }
  const ok = await verifyPassword(password, row.passwordHash);
  return ok && row.disabledMs === null ? toUser(row) : null;
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
  db: PortalDb;
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
  const anyUser = db.select({ id: users.id }).from(users).limit(1).get();
  return { admin, demo, noUsers: !anyUser };
}
