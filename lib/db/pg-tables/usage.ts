/**
 * PostgreSQL mirror of lib/db/tables/usage.ts (the schema source).
 * Column meanings, units and keys are documented once, on the SQLite tables; this file only restates them
 * in PostgreSQL types (keys and foreign keys INTEGER, every other integer BIGINT read back as a JS number,
 * REAL as DOUBLE PRECISION, blobs BYTEA) for drizzle-kit to generate `drizzle-pg/`. Same table, column,
 * index and constraint names as SQLite; lib/db/pg-schema.test.ts fails when the two differ. The repetition
 * of the SQLite declarations is deliberate: drizzle-kit reads one schema per dialect.
 */
import { bigint, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { developers } from "./ingest";

export const usageRecords = pgTable(
  "usage",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    usageKey: text("usage_key").notNull(),
    agent: text("agent").notNull(),
    agentVersion: text("agent_version"),
    conversationId: text("conversation_id").notNull(),
    project: text("project").notNull(),
    model: text("model").notNull(),
    hour: text("hour").notNull(),
    hourMs: bigint("hour_ms", { mode: "number" }).notNull(),
    firstMs: bigint("first_ms", { mode: "number" }).notNull(),
    lastMs: bigint("last_ms", { mode: "number" }).notNull(),
    requests: bigint("requests", { mode: "number" }).notNull(),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull(),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull(),
    cacheWrite5mTokens: bigint("cache_write_5m_tokens", { mode: "number" }).notNull(),
    cacheWrite1hTokens: bigint("cache_write_1h_tokens", { mode: "number" }).notNull(),
    cacheReadTokens: bigint("cache_read_tokens", { mode: "number" }).notNull(),
    reasoningOutputTokens: bigint("reasoning_output_tokens", { mode: "number" }).notNull(),
    holders: integer("holders").notNull(),
  },
  (t) => [
    uniqueIndex("usage_key_uq").on(t.developerId, t.usageKey),
    index("usage_hour_idx").on(t.hourMs),
    index("usage_identity_idx").on(t.developerId, t.conversationId, t.model, t.hourMs),
  ],
);
