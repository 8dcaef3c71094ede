/**
 * Tables owned by the ingest (lib/ingest). SQL names are snake_case, TS names camelCase.
 * Times: `*Ms` columns are UTC epoch milliseconds (integers); `*Time` columns keep the tracker's
 * ISO text as written. Minutes are REAL.
 *
 * Contribution model (see lib/ingest/README.md): every tracker file records what it contributed —
 * `session_versions` rows for sessions, and a per-file list of held row ids (`file_holdings`) for the
 * reference-counted interactions/issues/requests — so a changed or deleted file replaces exactly its own
 * contribution while rows another copy still holds survive.
 *
 * Every table is written out column by column on purpose (drizzle-kit generates the migrations from
 * these declarations): tables with similar columns look alike.
 */
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/** One row per first-level folder below the root (the developer's folder name is the identity). */
export const developers = sqliteTable("developers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  firstSeenMs: integer("first_seen_ms").notNull(),
});

/** A folder below the root holding tracker files. `subPath` is the part below the developer folder. */
export const sources = sqliteTable(
  "sources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    /** Path relative to the root, `/`-separated ("alice/payments-api"). */
    relPath: text("rel_path").notNull().unique(),
    /** Path below the developer folder ("payments-api", "payments-api/laptop", or ""). */
    subPath: text("sub_path").notNull(),
    firstSeenMs: integer("first_seen_ms").notNull(),
  },
  (t) => [index("sources_developer_idx").on(t.developerId)],
);

/** Tracker file kinds (the four upstream files, and the recorder's usage.json). */
export type TrackerKind = "sessions" | "interactions" | "issues" | "requests" | "usage";
/** How a file name relates to its base name. */
export type CopyKind = "primary" | "onedrive" | "dropbox" | "syncthing" | "numbered";

/** One row per tracker file (or conflict copy) found below the root. */
export const sourceFiles = sqliteTable(
  "source_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sourceId: integer("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    relPath: text("rel_path").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind").$type<TrackerKind>().notNull(),
    copyKind: text("copy_kind").$type<CopyKind>().notNull(),
    /** Base file name this is a conflict copy of ("sessions.json"); null for the primary file. */
    copyOf: text("copy_of"),
    /** Size and mtime as last seen on disk (even when that content failed to parse). */
    size: integer("size").notNull(),
    mtimeMs: integer("mtime_ms").notNull(),
    /** sha1 of the last content that parsed; null until one did. */
    hash: text("hash"),
    status: text("status").$type<"ok" | "error">().notNull(),
    lastError: text("last_error"),
    lastErrorMs: integer("last_error_ms"),
    /** When the last good content was ingested (epoch ms). */
    lastIngestedMs: integer("last_ingested_ms"),
    recordsCount: integer("records_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    /** JSON array of `{key, reason}` for the first skipped records (capped). */
    skippedJson: text("skipped_json"),
  },
  (t) => [
    index("source_files_source_idx").on(t.sourceId),
    index("source_files_developer_idx").on(t.developerId),
  ],
);

/**
 * Ids of interaction/issue/request rows a file holds, as a little-endian Int32 array. One row per file
 * and kind instead of one link row per record: a million-interaction team stays cheap to ingest.
 */
export const fileHoldings = sqliteTable("file_holdings", {
  fileId: integer("file_id")
    .primaryKey()
    .references(() => sourceFiles.id, { onDelete: "cascade" }),
  ids: blob("ids", { mode: "buffer" }).notNull(),
});

/** Columns shared by a session version and the resolved session (all normalised, see contract). */
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
  /** Record's project, or else the first folder below the developer folder, or "". */
  project: text("project").notNull(),
  /** The `developer` field as written in the record (identity is developerId). */
  recordDeveloper: text("record_developer").notNull(),
  executionContext: text("execution_context"),
  estimateSource: text("estimate_source"),
  startTime: text("start_time"),
  startMs: integer("start_ms"),
  endTime: text("end_time"),
  endMs: integer("end_ms"),
  /** `sessionDurationMinutes` of the stats package (0 for active/unparseable, may be negative). */
  durationMinutes: real("duration_minutes").notNull(),
  initialEstimateMinutes: real("initial_estimate_minutes"),
  finalEstimateMinutes: real("final_estimate_minutes"),
  humanTimeEstimateMinutes: real("human_time_estimate_minutes"),
  /** `estimateMinutes` of the stats package (final or initial or legacy human estimate or 0). */
  estimateMinutes: real("estimate_minutes").notNull(),
  totalInteractions: integer("total_interactions").notNull(),
  avgEffectiveness: real("avg_effectiveness").notNull(),
  codeFunctions: integer("code_functions").notNull(),
});

/** What one file says about one session. The resolved `sessions` row is the best version per key. */
export const sessionVersions = sqliteTable(
  "session_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fileId: integer("file_id")
      .notNull()
      .references(() => sourceFiles.id, { onDelete: "cascade" }),
    ...sessionColumns(),
    /** Conflict copies lose ties against the primary file. */
    isCopy: integer("is_copy", { mode: "boolean" }).notNull(),
    /** The raw record as found in the file (JSON text), for the detail page and re-normalisation. */
    rawJson: text("raw_json").notNull(),
  },
  (t) => [
    uniqueIndex("session_versions_file_session_uq").on(t.fileId, t.sessionId),
    index("session_versions_key_idx").on(t.developerId, t.sessionId),
  ],
);

/** Resolved sessions: one row per (developer, session id); sessions of different developers never merge. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ...sessionColumns(),
    /** The winning version (its raw JSON is the session's record). */
    versionId: integer("version_id").notNull(),
    /** How many files hold a version of this session (>1 means copies were merged). */
    versionsCount: integer("versions_count").notNull(),
  },
  (t) => [
    uniqueIndex("sessions_key_uq").on(t.developerId, t.sessionId),
    // Covering index of the dashboards' windowed reads: every column their WHERE, GROUP BY, joins and sums
    // use, so a date range is one sequential index range instead of a table lookup per session.
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
    // No index on status: two values, the planner would scan anyway; every index costs ingest time.
  ],
);

/** De-duplicated interactions, keyed (developer, session id, timestamp, content hash). */
export const interactions = sqliteTable(
  "interactions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    timestamp: text("timestamp").notNull(),
    tsMs: integer("ts_ms"),
    /** 32-bit hash of the content fields; part of the de-duplication key. */
    contentHash: integer("content_hash").notNull(),
    prompt: text("prompt").notNull(),
    responseSummary: text("response_summary").notNull(),
    /** Length of a prompt the recorder withheld (AI_TRACKER_PROMPTS); null when written or unknown. */
    promptWithheldChars: integer("prompt_withheld_chars"),
    /** Length of a response summary the recorder withheld; null when written or unknown. */
    summaryWithheldChars: integer("summary_withheld_chars"),
    effectivenessRating: real("effectiveness_rating").notNull(),
    iterationCount: integer("iteration_count").notNull(),
    toolsUsedJson: text("tools_used_json").notNull(),
    tokensIn: integer("tokens_in").notNull(),
    tokensOut: integer("tokens_out").notNull(),
    cacheHitRate: real("cache_hit_rate").notNull(),
    cachedTokens: integer("cached_tokens").notNull(),
    newTokens: integer("new_tokens").notNull(),
    contextPct: real("context_pct").notNull(),
    /** Number of file holdings referencing this row; the row goes when it reaches 0. */
    holders: integer("holders").notNull(),
  },
  (t) => [
    uniqueIndex("interactions_key_uq").on(t.developerId, t.sessionId, t.timestamp, t.contentHash),
    index("interactions_ts_idx").on(t.tsMs),
  ],
);

/**
 * Token sums and maxima of a set of interactions, under the names the SQL aggregates over `interactions`
 * (the ingest's totals) and over `session_interaction_totals` (the read model) give them.
 */
export interface TokenAggregates {
  /** Σ tokens_in, Σ tokens_out. */
  tin: number;
  tout: number;
  /** max tokens_in, max tokens_out. */
  pin: number;
  pout: number;
  /** Σ cache_hit_rate. */
  rate: number;
  /** Σ cached_tokens, Σ new_tokens. */
  cached: number;
  fresh: number;
  /** max context_pct. */
  ctx: number;
}

/**
 * Per-session totals of the de-duplicated interactions, derived from `interactions` by the ingest in the
 * same transaction (lib/ingest/interaction-totals.ts). Dashboards sum these narrow rows instead of reading
 * every interaction (about ten per session, each carrying its prompt text). Keyed like interactions, so
 * interactions whose session record is missing still count where upstream counts them. WITHOUT ROWID
 * (added by hand in drizzle/0003_read_model.sql): the table is its primary-key B-tree.
 */
export const sessionInteractionTotals = sqliteTable(
  "session_interaction_totals",
  {
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    interactions: integer("interactions").notNull(),
    /** Σ int(rating) and the 1–5 histogram, read by the stats package's rating rules. */
    ratingIntSum: integer("rating_int_sum").notNull(),
    rated1: integer("rated_1").notNull(),
    rated2: integer("rated_2").notNull(),
    rated3: integer("rated_3").notNull(),
    rated4: integer("rated_4").notNull(),
    rated5: integer("rated_5").notNull(),
    tokensIn: integer("tokens_in").notNull(),
    tokensOut: integer("tokens_out").notNull(),
    tokensInMax: integer("tokens_in_max").notNull(),
    tokensOutMax: integer("tokens_out_max").notNull(),
    cacheHitRateSum: real("cache_hit_rate_sum").notNull(),
    cachedTokens: integer("cached_tokens").notNull(),
    newTokens: integer("new_tokens").notNull(),
    contextPctMax: real("context_pct_max").notNull(),
  },
  (t) => [primaryKey({ columns: [t.developerId, t.sessionId] })],
);

/** De-duplicated issues, keyed like interactions. */
export const issues = sqliteTable(
  "issues",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    timestamp: text("timestamp").notNull(),
    tsMs: integer("ts_ms"),
    contentHash: integer("content_hash").notNull(),
    issueType: text("issue_type").notNull(),
    description: text("description").notNull(),
    severity: text("severity").notNull(),
    resolved: integer("resolved", { mode: "boolean" }).notNull(),
    resolutionNotes: text("resolution_notes").notNull(),
    holders: integer("holders").notNull(),
  },
  (t) => [
    uniqueIndex("issues_key_uq").on(t.developerId, t.sessionId, t.timestamp, t.contentHash),
    index("issues_ts_idx").on(t.tsMs),
  ],
);

/** De-duplicated requests (`requests.json`), keyed (developer, request id or content hash). */
export const requests = sqliteTable(
  "requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    developerId: integer("developer_id")
      .notNull()
      .references(() => developers.id, { onDelete: "cascade" }),
    /** The record's uuid, or `h:<timestamp>:<hash>` when a record has none. */
    requestKey: text("request_key").notNull(),
    timestamp: text("timestamp").notNull(),
    tsMs: integer("ts_ms"),
    model: text("model").notNull(),
    type: text("type").notNull(),
    tokensIn: integer("tokens_in").notNull(),
    tokensOut: integer("tokens_out").notNull(),
    cacheHitRate: real("cache_hit_rate").notNull(),
    cachedTokens: integer("cached_tokens").notNull(),
    newTokens: integer("new_tokens").notNull(),
    contextPct: real("context_pct").notNull(),
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

/** One row per function of the winning session version's code_metrics (rebuilt when the winner changes). */
export const codeMetrics = sqliteTable(
  "code_metrics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionRowId: integer("session_row_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    developerId: integer("developer_id").notNull(),
    filePath: text("file_path").notNull(),
    timestamp: text("timestamp"),
    functionName: text("function_name").notNull(),
    modificationType: text("modification_type").notNull(),
    linesAdded: integer("lines_added").notNull(),
    linesModified: integer("lines_modified").notNull(),
    linesDeleted: integer("lines_deleted").notNull(),
    complexityAdded: integer("complexity_added").notNull(),
    finalComplexity: integer("final_complexity").notNull(),
    cognitiveLoad: integer("cognitive_load").notNull(),
    hasDocstring: integer("has_docstring", { mode: "boolean" }).notNull(),
    qualityScore: real("quality_score").notNull(),
    hasTypeHints: integer("has_type_hints", { mode: "boolean" }).notNull(),
    effortScore: real("effort_score").notNull(),
  },
  (t) => [
    index("code_metrics_session_idx").on(t.sessionRowId),
    index("code_metrics_developer_idx").on(t.developerId),
  ],
);

/** One row per scan that changed, removed or failed something (no-change rescans write nothing). */
export const ingestRuns = sqliteTable(
  "ingest_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    trigger: text("trigger").$type<"scan" | "watch" | "rescan">().notNull(),
    root: text("root").notNull(),
    startedMs: integer("started_ms").notNull(),
    finishedMs: integer("finished_ms").notNull(),
    filesSeen: integer("files_seen").notNull(),
    filesIngested: integer("files_ingested").notNull(),
    filesUnchanged: integer("files_unchanged").notNull(),
    filesRemoved: integer("files_removed").notNull(),
    filesFailed: integer("files_failed").notNull(),
    bytesRead: integer("bytes_read").notNull(),
    error: text("error"),
  },
  (t) => [index("ingest_runs_started_idx").on(t.startedMs)],
);
