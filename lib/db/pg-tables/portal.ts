/**
 * PostgreSQL mirror of lib/db/tables/portal.ts (the schema source).
 * Column meanings, units and keys are documented once, on the SQLite tables; this file only restates them
 * in PostgreSQL types (keys and foreign keys INTEGER, every other integer BIGINT read back as a JS number,
 * REAL as DOUBLE PRECISION, blobs BYTEA) for drizzle-kit to generate `drizzle-pg/`. Same table, column,
 * index and constraint names as SQLite; lib/db/pg-schema.test.ts fails when the two differ. The repetition
 * of the SQLite declarations is deliberate: drizzle-kit reads one schema per dialect.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role").notNull().default(sql`'viewer'`),
  createdMs: bigint("created_ms", { mode: "number" }).notNull(),
  disabledMs: bigint("disabled_ms", { mode: "number" }),
});

export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdMs: bigint("created_ms", { mode: "number" }).notNull(),
    expiresMs: bigint("expires_ms", { mode: "number" }).notNull(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

export const loginAttempts = pgTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: bigint("failures", { mode: "number" }).notNull(),
  lastFailureMs: bigint("last_failure_ms", { mode: "number" }).notNull(),
  lockedUntilMs: bigint("locked_until_ms", { mode: "number" }).notNull(),
});

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdMs: bigint("created_ms", { mode: "number" }).notNull(),
    lastUsedMs: bigint("last_used_ms", { mode: "number" }),
    lastUsedAddress: text("last_used_address"),
    revokedMs: bigint("revoked_ms", { mode: "number" }),
    scopes: text("scopes").notNull().default('["read"]'),
    expiresMs: bigint("expires_ms", { mode: "number" }),
    createdByUserId: integer("created_by_user_id"),
    createdByTokenId: integer("created_by_token_id"),
  },
  (t) => [
    index("api_tokens_user_idx").on(t.userId),
    index("api_tokens_created_by_token_idx").on(t.createdByTokenId),
  ],
);

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedMs: bigint("updated_ms", { mode: "number" }).notNull(),
});

export const memberFolders = pgTable(
  "member_folders",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    developer: text("developer").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.developer] })],
);

export const developerDisplayNames = pgTable("developer_display_names", {
  developer: text("developer").primaryKey(),
  displayName: text("display_name").notNull(),
  updatedMs: bigint("updated_ms", { mode: "number" }).notNull(),
});

export const passwordLinks = pgTable(
  "password_links",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdMs: bigint("created_ms", { mode: "number" }).notNull(),
    expiresMs: bigint("expires_ms", { mode: "number" }).notNull(),
    usedMs: bigint("used_ms", { mode: "number" }),
  },
  (t) => [index("password_links_user_idx").on(t.userId)],
);
