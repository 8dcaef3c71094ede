/**
 * Tables owned by the portal UI (lib/auth, settings): users, sign-in sessions, sign-in attempts, API
 * tokens, settings.
 * Times are UTC epoch milliseconds. Secrets are never stored: passwords as scrypt hashes, API tokens
 * as SHA-256 hex digests. Tables are written out column by column on purpose (drizzle-kit generates the
 * migrations from them), so tables with similar columns look alike.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Role } from "@/lib/auth/roles";

/** Roles of a portal user; what each may do is in lib/auth/roles.ts. */
export type UserRole = Role;

/** Portal users (credentials login). */
export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Lower-cased e-mail, the login name. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** `scrypt$N$r$p$salt$hash` (base64 salt and hash), see lib/auth/password.ts. */
  passwordHash: text("password_hash").notNull(),
  /**
   * The SQL default stays the old `'viewer'` on purpose: changing a column default makes SQLite rebuild the
   * table, and dropping `users` with foreign keys on would cascade-delete every sign-in session and token.
   * Every insert names the role, and migration 0006 turned existing `viewer` rows into `lead`.
   */
  role: text("role").$type<UserRole>().notNull().default(sql`'viewer'`),
  createdMs: integer("created_ms").notNull(),
  /**
   * Set when the account is disabled: its sign-ins, session cookies and API tokens are refused from the
   * next request on (every request re-reads the user).
   */
  disabledMs: integer("disabled_ms"),
});

/**
 * Signed-in sessions. The session JWT carries the random `id` as `sid`; a cookie whose row is gone
 * (signed out, user deleted) or expired is refused, so signing out really ends the session.
 */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    /** Random 256-bit id (base64url), also in the JWT. Useless without the JWT signing secret. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdMs: integer("created_ms").notNull(),
    expiresMs: integer("expires_ms").notNull(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/**
 * Failed sign-ins per throttle key (`email:<address>` or `ip:<address>`), kept in SQLite so the backoff
 * survives restarts and holds across server processes. See lib/auth/login-throttle.ts.
 */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  /** Consecutive failures since the last success (account keys) or the last quiet period. */
  failures: integer("failures").notNull(),
  lastFailureMs: integer("last_failure_ms").notNull(),
  /** Sign-ins with this key are refused (without checking the password) until then. */
  lockedUntilMs: integer("locked_until_ms").notNull(),
});

/** Bearer tokens for `/api/v1/**`. Only the SHA-256 of the token is kept; it is shown once. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Hex SHA-256 of the full token. */
    tokenHash: text("token_hash").notNull().unique(),
    /** First characters of the token (e.g. `ast_1a2b3c`), to recognise it in the list. */
    prefix: text("prefix").notNull(),
    createdMs: integer("created_ms").notNull(),
    lastUsedMs: integer("last_used_ms"),
    /** Client address of the use recorded in `lastUsedMs` (written at most once a minute per token). */
    lastUsedAddress: text("last_used_address"),
    /** Set when revoked; a revoked token is refused but kept (listed) until deleted. */
    revokedMs: integer("revoked_ms"),
    /**
     * JSON array of scopes (`read`, `export`, `ingest`, `admin`; lib/auth/scopes.ts), capped by the owner's
     * role at use time. Tokens from before scopes existed became `["read"]`.
     */
    scopes: text("scopes").notNull().default('["read"]'),
    /** Refused from this time on; null = never expires. */
    expiresMs: integer("expires_ms"),
    /**
     * Who created the token: the user (always set for new tokens; null for tokens from before this column)
     * and, when it was created through another token, that token's id. No foreign keys on purpose: the
     * creator may be deleted later and the record of who created a token must stay; revoking a token
     * walks `created_by_token_id` to revoke what it created.
     */
    createdByUserId: integer("created_by_user_id"),
    createdByTokenId: integer("created_by_token_id"),
  },
  (t) => [
    index("api_tokens_user_idx").on(t.userId),
    index("api_tokens_created_by_token_idx").on(t.createdByTokenId),
  ],
);

/** Portal settings as JSON values under a key (see lib/settings.ts for the keys and their schemas). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  /** JSON text validated by the key's zod schema on read. */
  value: text("value").notNull(),
  updatedMs: integer("updated_ms").notNull(),
});

/**
 * Which developer folders a `member` is: their own sessions are those of these folders (the folder name
 * is the developer's name in the read model). Admins edit it on the Users page.
 */
export const memberFolders = sqliteTable(
  "member_folders",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** A developer folder name, as in `developers.name`. */
    developer: text("developer").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.developer] })],
);

/** A person's name shown for a developer folder (folder `bob` shown as "Bob Smith"); set by admins. */
export const developerDisplayNames = sqliteTable("developer_display_names", {
  /** The developer folder name, as in `developers.name`. */
  developer: text("developer").primaryKey(),
  displayName: text("display_name").notNull(),
  updatedMs: integer("updated_ms").notNull(),
});

/**
 * One-time links to set a password: an invite (the user was created without a usable password) or a
 * reset. Only the SHA-256 of the link's token is kept; a link works once, until `expires_ms`.
 */
export const passwordLinks = sqliteTable(
  "password_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Hex SHA-256 of the token in the link. */
    tokenHash: text("token_hash").notNull().unique(),
    createdMs: integer("created_ms").notNull(),
    expiresMs: integer("expires_ms").notNull(),
    /** Set when the link was used (or replaced by a newer one): it is refused from then on. */
    usedMs: integer("used_ms"),
  },
  (t) => [index("password_links_user_idx").on(t.userId)],
);
