/**
 * PostgreSQL mirror of lib/db/tables/ingest.ts (the schema source).
 * Column meanings, units and keys are documented once, on the SQLite tables; this file only restates them
 * in PostgreSQL types (keys and foreign keys INTEGER, every other integer BIGINT read back as a JS number,
 * REAL as DOUBLE PRECISION, blobs BYTEA) for drizzle-kit to generate `drizzle-pg/`. Same table, column,
 * index and constraint names as SQLite; lib/db/pg-schema.test.ts fails when the two differ. The repetition
 * of the SQLite declarations is deliberate: drizzle-kit reads one schema per dialect (and, as there,
 * tables with similar columns are written out column by column, so they look alike).
 */
import {
  bigint,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** BYTEA as a Node Buffer (drizzle 0.45's pg-core has no bytea column builder). */
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export const developers = pgTable("developers", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull().unique(),
  firstSeenMs: bigint("first_seen_ms", { mode: "number" }).notNull(),
});

export const sources = pgTable(
  "sources",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    relPath: text("rel_path").notNull().unique(),
    subPath: text("sub_path").notNull(),
    firstSeenMs: bigint("first_seen_ms", { mode: "number" }).notNull(),
  },
  (t) => [index("sources_developer_idx").on(t.developerId)],
);

export const sourceFiles = pgTable(
  "source_files",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    sourceId: integer("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    relPath: text("rel_path").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    copyKind: text("copy_kind").notNull(),
    copyOf: text("copy_of"),
    size: bigint("size", { mode: "number" }).notNull(),
    mtimeMs: bigint("mtime_ms", { mode: "number" }).notNull(),
    hash: text("hash"),
    status: text("status").$type<"ok" | "error">().notNull(),
    lastError: text("last_error"),
    lastErrorMs: bigint("last_error_ms", { mode: "number" }),
    lastIngestedMs: bigint("last_ingested_ms", { mode: "number" }),
    recordsCount: bigint("records_count", { mode: "number" }).notNull().default(0),
    skippedCount: bigint("skipped_count", { mode: "number" }).notNull().default(0),
    skippedJson: text("skipped_json"),
  },
  (t) => [
    index("source_files_source_idx").on(t.sourceId),
    index("source_files_developer_idx").on(t.developerId),
  ],
);

export const fileHoldings = pgTable("file_holdings", {
  fileId: integer("file_id")
    .primaryKey()
    .references(() => sourceFiles.id, { onDelete: "cascade" }),
  ids: bytea("ids").notNull(),
});

const sessionColumns = () => ({
  developerId: integer("developer_id")
    .notNull()
    .references(() => developers.id, { onDelete: "cascade" }),
  sessionId: text("session_id").notNull(),
  sessionName: text("session_name").notNull(),
  taskType: text("task_type").notNull(),
  status: text("status").notNull(),
  outcome: text("outcome"),
  modelName: text("model_name").notNull(),
  project: text("project").notNull(),
  recordDeveloper: text("record_developer").notNull(),
  executionContext: text("execution_context"),
  estimateSource: text("estimate_source"),
  startTime: text("start_time"),
  startMs: bigint("start_ms", { mode: "number" }),
  endTime: text("end_time"),
  endMs: bigint("end_ms", { mode: "number" }),
  durationMinutes: doublePrecision("duration_minutes").notNull(),
  initialEstimateMinutes: doublePrecision("initial_estimate_minutes"),
  finalEstimateMinutes: doublePrecision("final_estimate_minutes"),
  humanTimeEstimateMinutes: doublePrecision("human_time_estimate_minutes"),
  estimateMinutes: doublePrecision("estimate_minutes").notNull(),
  totalInteractions: bigint("total_interactions", { mode: "number" }).notNull(),
  avgEffectiveness: doublePrecision("avg_effectiveness").notNull(),
  codeFunctions: bigint("code_functions", { mode: "number" }).notNull(),
});

export const sessionVersions = pgTable(
  "session_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    fileId: integer("file_id")
      .notNull()
      .references(() => sourceFiles.id, { onDelete: "cascade" }),
    ...sessionColumns(),
    isCopy: integer("is_copy").notNull(),
    rawJson: text("raw_json").notNull(),
  },
  (t) => [
    uniqueIndex("session_versions_file_session_uq").on(t.fileId, t.sessionId),
    index("session_versions_key_idx").on(t.developerId, t.sessionId),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    ...sessionColumns(),
    versionId: integer("version_id").notNull(),
    versionsCount: bigint("versions_count", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("sessions_key_uq").on(t.developerId, t.sessionId),
    index("sessions_window_idx").on(
      t.startMs,
      t.developerId,
      t.sessionId,
      t.status,
      t.taskType,
      t.outcome,
      t.project,
      t.modelName,
      t.durationMinutes,
      t.estimateMinutes,
      t.endMs,
      t.initialEstimateMinutes,
      t.finalEstimateMinutes,
      t.humanTimeEstimateMinutes,
    ),
    index("sessions_developer_start_idx").on(t.developerId, t.startMs),
    index("sessions_project_start_idx").on(t.project, t.startMs),
    index("sessions_model_start_idx").on(t.modelName, t.startMs),
    index("sessions_task_type_start_idx").on(t.taskType, t.startMs),
    // PostgreSQL only (lib/db/pg-schema.test.ts says why): session lists newest first walk it. NULLS FIRST
    // serves sortKey's orders both ways: ASC NULLS FIRST forward, DESC NULLS LAST backward.
    index("sessions_start_id_idx").on(t.startMs.asc().nullsFirst(), t.id),
  ],
);

export const interactions = pgTable(
  "interactions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    timestamp: text("timestamp").notNull(),
    tsMs: bigint("ts_ms", { mode: "number" }),
    contentHash: bigint("content_hash", { mode: "number" }).notNull(),
    prompt: text("prompt").notNull(),
    responseSummary: text("response_summary").notNull(),
    promptWithheldChars: bigint("prompt_withheld_chars", { mode: "number" }),
    summaryWithheldChars: bigint("summary_withheld_chars", { mode: "number" }),
    effectivenessRating: doublePrecision("effectiveness_rating").notNull(),
    iterationCount: bigint("iteration_count", { mode: "number" }).notNull(),
    toolsUsedJson: text("tools_used_json").notNull(),
    tokensIn: bigint("tokens_in", { mode: "number" }).notNull(),
    tokensOut: bigint("tokens_out", { mode: "number" }).notNull(),
    cacheHitRate: doublePrecision("cache_hit_rate").notNull(),
    cachedTokens: bigint("cached_tokens", { mode: "number" }).notNull(),
    newTokens: bigint("new_tokens", { mode: "number" }).notNull(),
    contextPct: doublePrecision("context_pct").notNull(),
    holders: integer("holders").notNull(),
  },
  (t) => [
    uniqueIndex("interactions_key_uq").on(t.developerId, t.sessionId, t.timestamp, t.contentHash),
    // (ts_ms NULLS FIRST, id) on PostgreSQL (SQLite: ts_ms): the lists' time-order head walks it either way.
    index("interactions_ts_idx").on(t.tsMs.asc().nullsFirst(), t.id),
  ],
);

export const sessionInteractionTotals = pgTable(
  "session_interaction_totals",
  {
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    interactions: bigint("interactions", { mode: "number" }).notNull(),
    ratingIntSum: bigint("rating_int_sum", { mode: "number" }).notNull(),
    rated1: bigint("rated_1", { mode: "number" }).notNull(),
    rated2: bigint("rated_2", { mode: "number" }).notNull(),
    rated3: bigint("rated_3", { mode: "number" }).notNull(),
    rated4: bigint("rated_4", { mode: "number" }).notNull(),
    rated5: bigint("rated_5", { mode: "number" }).notNull(),
    tokensIn: bigint("tokens_in", { mode: "number" }).notNull(),
    tokensOut: bigint("tokens_out", { mode: "number" }).notNull(),
    tokensInMax: bigint("tokens_in_max", { mode: "number" }).notNull(),
    tokensOutMax: bigint("tokens_out_max", { mode: "number" }).notNull(),
    cacheHitRateSum: doublePrecision("cache_hit_rate_sum").notNull(),
    cachedTokens: bigint("cached_tokens", { mode: "number" }).notNull(),
    newTokens: bigint("new_tokens", { mode: "number" }).notNull(),
    contextPctMax: doublePrecision("context_pct_max").notNull(),
  },
  (t) => [primaryKey({ columns: [t.developerId, t.sessionId] })],
);

export const issues = pgTable(
  "issues",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    timestamp: text("timestamp").notNull(),
    tsMs: bigint("ts_ms", { mode: "number" }),
    contentHash: bigint("content_hash", { mode: "number" }).notNull(),
    issueType: text("issue_type").notNull(),
    description: text("description").notNull(),
    severity: text("severity").notNull(),
    resolved: integer("resolved").notNull(),
    resolutionNotes: text("resolution_notes").notNull(),
    holders: integer("holders").notNull(),
  },
  (t) => [
    uniqueIndex("issues_key_uq").on(t.developerId, t.sessionId, t.timestamp, t.contentHash),
    // (ts_ms NULLS FIRST, id) on PostgreSQL (SQLite: ts_ms): the lists' time-order head walks it either way.
    index("issues_ts_idx").on(t.tsMs.asc().nullsFirst(), t.id),
  ],
);

export const requests = pgTable(
  "requests",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    requestKey: text("request_key").notNull(),
    timestamp: text("timestamp").notNull(),
    tsMs: bigint("ts_ms", { mode: "number" }),
    model: text("model").notNull(),
    type: text("type").notNull(),
    tokensIn: bigint("tokens_in", { mode: "number" }).notNull(),
    tokensOut: bigint("tokens_out", { mode: "number" }).notNull(),
    cacheHitRate: doublePrecision("cache_hit_rate").notNull(),
    cachedTokens: bigint("cached_tokens", { mode: "number" }).notNull(),
    newTokens: bigint("new_tokens", { mode: "number" }).notNull(),
    contextPct: doublePrecision("context_pct").notNull(),
    note: text("note").notNull(),
    project: text("project").notNull(),
    recordDeveloper: text("record_developer").notNull(),
    holders: integer("holders").notNull(),
  },
  (t) => [
    uniqueIndex("requests_key_uq").on(t.developerId, t.requestKey),
    index("requests_ts_idx").on(t.tsMs),
    index("requests_model_ts_idx").on(t.model, t.tsMs),
  ],
);

export const codeMetrics = pgTable(
  "code_metrics",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    sessionRowId: integer("session_row_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    developerId: integer("developer_id").notNull(),
    filePath: text("file_path").notNull(),
    timestamp: text("timestamp"),
    functionName: text("function_name").notNull(),
    modificationType: text("modification_type").notNull(),
    linesAdded: bigint("lines_added", { mode: "number" }).notNull(),
    linesModified: bigint("lines_modified", { mode: "number" }).notNull(),
    linesDeleted: bigint("lines_deleted", { mode: "number" }).notNull(),
    complexityAdded: bigint("complexity_added", { mode: "number" }).notNull(),
    finalComplexity: bigint("final_complexity", { mode: "number" }).notNull(),
    cognitiveLoad: bigint("cognitive_load", { mode: "number" }).notNull(),
    hasDocstring: integer("has_docstring").notNull(),
    qualityScore: doublePrecision("quality_score").notNull(),
    hasTypeHints: integer("has_type_hints").notNull(),
    effortScore: doublePrecision("effort_score").notNull(),
  },
  (t) => [
    index("code_metrics_session_idx").on(t.sessionRowId),
    index("code_metrics_developer_idx").on(t.developerId),
  ],
);

export const ingestRuns = pgTable(
  "ingest_runs",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    trigger: text("trigger").$type<"scan" | "watch" | "rescan">().notNull(),
    root: text("root").notNull(),
    startedMs: bigint("started_ms", { mode: "number" }).notNull(),
    finishedMs: bigint("finished_ms", { mode: "number" }).notNull(),
    filesSeen: bigint("files_seen", { mode: "number" }).notNull(),
    filesIngested: bigint("files_ingested", { mode: "number" }).notNull(),
    filesUnchanged: bigint("files_unchanged", { mode: "number" }).notNull(),
    filesRemoved: bigint("files_removed", { mode: "number" }).notNull(),
    filesFailed: bigint("files_failed", { mode: "number" }).notNull(),
    bytesRead: bigint("bytes_read", { mode: "number" }).notNull(),
    error: text("error"),
  },
  (t) => [index("ingest_runs_started_idx").on(t.startedMs)],
);
