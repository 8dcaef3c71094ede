/**
 * Measured token usage (issue 13): the rows of the developers' `usage.json` files, de-duplicated and
 * held like requests (lib/ingest/usage-kind.ts). A record for an hour still running grows between
 * extractions, and a conflict copy may hold an older version, so the key is the record's identity
 * (agent, conversation, model, hour) plus its counts: each version is a row, and readers take
 * the largest version per identity (lib/queries/usage-rows.ts).
 */
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { developers } from "./ingest";

/** De-duplicated usage records (`usage.json`), keyed (developer, identity + counts). */
export const usageRecords = sqliteTable(
  "usage",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    /** agent␟conversation␟model␟hour␟counts (lib/ingest/usage-kind.ts). */
    usageKey: text("usage_key").notNull(),
    agent: text("agent").notNull(),
    agentVersion: text("agent_version"),
    conversationId: text("conversation_id").notNull(),
    project: text("project").notNull(),
    model: text("model").notNull(),
    /** Start of the UTC hour, as written, and as epoch ms. */
    hour: text("hour").notNull(),
    hourMs: integer("hour_ms").notNull(),
    firstMs: integer("first_ms").notNull(),
    lastMs: integer("last_ms").notNull(),
    requests: integer("requests").notNull(),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    cacheWrite5mTokens: integer("cache_write_5m_tokens").notNull(),
    cacheWrite1hTokens: integer("cache_write_1h_tokens").notNull(),
    cacheReadTokens: integer("cache_read_tokens").notNull(),
    reasoningOutputTokens: integer("reasoning_output_tokens").notNull(),
    holders: integer("holders").notNull(),
  },
  (t) => [
    uniqueIndex("usage_key_uq").on(t.developerId, t.usageKey),
    index("usage_hour_idx").on(t.hourMs),
    index("usage_identity_idx").on(t.developerId, t.conversationId, t.model, t.hourMs),
  ],
);
