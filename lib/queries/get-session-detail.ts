/**
 * One session's page: its record (winning version), interaction timeline with ratings, issues, code
 * metrics, token stats, notes, estimate vs actual, and which files held a copy of it. Figures come from
 * the stats package applied to this session's rows (upstream's `get_ai_observability {session_id}`).
 */

import type { SessionTokenStats } from "ai-session-tracker-mcp/contract";
import {
  type Interaction,
  parseInteractionsFile,
  parseSessionsFile,
  type Session,
} from "ai-session-tracker-mcp/contract";
import {
  type Assumptions,
  type CodeMetricsSummary,
  calculateRoiMetrics,
  computeTokenStats,
  DEFAULT_PRICE_ROWS,
  type PriceRow,
  type RoiMetrics,
  summarizeCodeMetrics,
} from "ai-session-tracker-mcp/stats";
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import { PortalError } from "@/lib/errors";
import { all, get } from "./scope";
import { type SessionGitView, sessionGitView } from "./session-git-view";
import {
  DEFAULT_MAX_SESSION_MINUTES,
  elapsedMinutes,
  type Liveness,
  lastActivitySql,
  sessionLiveness,
} from "./session-liveness";
import { getSessionUsage, type SessionUsage } from "./session-usage";

/** Session detail DTO. Times are ISO text as written; minutes are durations. */
export interface SessionDetail {
  id: number;
  developer: string;
  session: Pick<
    Session,
    | "id"
    | "session_name"
    | "task_type"
    | "status"
    | "outcome"
    | "model_name"
    | "project"
    | "context"
    | "notes"
    | "start_time"
    | "end_time"
    | "execution_context"
    | "estimate_source"
    | "initial_estimate_minutes"
    | "final_estimate_minutes"
    | "human_time_estimate_minutes"
  >;
  durationMinutes: number;
  estimateMinutes: number;
  roi: RoiMetrics;
  tokens: SessionTokenStats;
  interactions: (Pick<
    Interaction,
    | "timestamp"
    | "prompt"
    | "response_summary"
    | "effectiveness_rating"
    | "iteration_count"
    | "tools_used"
    | "tokens_in"
    | "tokens_out"
    | "cache_hit_rate"
    | "context_pct"
  > & {
    key: number;
    /** Length of the prompt the recorder withheld (AI_TRACKER_PROMPTS); absent when it was written. */
    promptWithheldChars?: number;
    /** Length of the response summary the recorder withheld; absent when it was written. */
    summaryWithheldChars?: number;
  })[];
  issues: {
    key: number;
    timestamp: string;
    issueType: string;
    severity: string;
    description: string;
    resolved: boolean;
    resolutionNotes: string;
  }[];
  codeMetrics: {
    summary: CodeMetricsSummary;
    functions: {
      filePath: string;
      functionName: string;
      modificationType: string;
      linesAdded: number;
      linesModified: number;
      finalComplexity: number;
      qualityScore: number;
      effortScore: number;
    }[];
  };
  /** Git evidence the recorder wrote (commits, shipped status); null when the record has none. */
  git: SessionGitView | null;
  /** Measured token usage joined to the session (lib/queries/session-usage.ts). */
  usage: SessionUsage;
  /** Files (relative to the root) that hold a version of this session; the first is the winner. */
  files: { relPath: string; winner: boolean }[];
  /**
   * An active session's state at the request time: live (with minutes since its start) or abandoned
   * (no activity for `maxSessionMinutes`; with its last activity). Null when ended or no `nowMs` given.
   */
  liveness: {
    state: Liveness;
    lastActivityMs: number | null;
    elapsedMinutes: number | null;
    maxSessionMinutes: number;
  } | null;
}

/** The withheld-text lengths of an interaction row, only those present (older rows keep their shape). */
function withheldChars(
  row: { prompt_withheld_chars: number | null; summary_withheld_chars: number | null } | undefined,
): { promptWithheldChars?: number; summaryWithheldChars?: number } {
  return {
    ...(row?.prompt_withheld_chars == null ? {} : { promptWithheldChars: row.prompt_withheld_chars }),
    ...(row?.summary_withheld_chars == null ? {} : { summaryWithheldChars: row.summary_withheld_chars }),
  };
}

/**
 * The session with row id `id`; throws `not_found` when there is none. `nowMs` (request time) decides
 * whether an active session is live or abandoned after `maxSessionMinutes` (default 4 h) of silence.
 */
export async function getSessionDetail(input: {
  db: Store;
  id: number;
  assumptions?: Partial<Assumptions>;
  nowMs?: number;
  maxSessionMinutes?: number;
  /** The price table in force (`getPriceRows`); default: the shipped rows. */
  prices?: readonly PriceRow[];
}): Promise<SessionDetail> {
  const { db, id } = input;
  const row = await get<{
    id: number;
    developerId: number;
    developer: string;
    sessionId: string;
    rawJson: string;
    versionId: number;
    durationMinutes: number;
    estimateMinutes: number;
    status: string;
    startMs: number | null;
    lastActivityMs: number | null;
  }>(
    db,
    `SELECT s.id, s.developer_id AS "developerId", d.name AS developer, s.session_id AS "sessionId", v.raw_json AS "rawJson",
       s.version_id AS "versionId", s.duration_minutes AS "durationMinutes", s.estimate_minutes AS "estimateMinutes",
       s.status, s.start_ms AS "startMs", ${lastActivitySql(db)} AS "lastActivityMs"
     FROM sessions s JOIN developers d ON d.id = s.developer_id JOIN session_versions v ON v.id = s.version_id
     WHERE s.id = ?`,
    [id],
  );
  if (!row) throw new PortalError("not_found", "No such session");
  const session = parseSessionsFile({ [row.sessionId]: JSON.parse(row.rawJson) as unknown }).records[0];
  if (!session) throw new PortalError("not_found", "The session record could not be read");

  // Columns under their record names: the contract's parser turns them into an Interaction.
  const iRows = await all<{
    key: number;
    tools_used_json: string;
    prompt_withheld_chars: number | null;
    summary_withheld_chars: number | null;
  }>(
    db,
    `SELECT id AS key, session_id, timestamp, prompt, response_summary, prompt_withheld_chars, summary_withheld_chars,
       effectiveness_rating, iteration_count,
       tools_used_json, tokens_in, tokens_out, cache_hit_rate, cached_tokens, new_tokens, context_pct
     FROM interactions WHERE developer_id = ? AND session_id = ? ORDER BY ${sqlFor(db).sortKey("ts_ms", "ASC")}, id`,
    [row.developerId, row.sessionId],
  );
  const parsed = parseInteractionsFile(
    iRows.map(({ prompt_withheld_chars: _p, summary_withheld_chars: _s, ...r }) => ({
      ...r,
      tools_used: JSON.parse(r.tools_used_json) as unknown,
      tools_used_json: undefined,
    })),
  ).records;
  const interactions = parsed.map((p, i) => ({
    key: iRows[i]?.key ?? i,
    ...withheldChars(iRows[i]),
    timestamp: p.timestamp,
    prompt: p.prompt,
    response_summary: p.response_summary,
    effectiveness_rating: p.effectiveness_rating,
    iteration_count: p.iteration_count,
    tools_used: p.tools_used,
    tokens_in: p.tokens_in,
    tokens_out: p.tokens_out,
    cache_hit_rate: p.cache_hit_rate,
    context_pct: p.context_pct,
  }));

  const issues = (
    await all<Omit<SessionDetail["issues"][number], "resolved"> & { resolved: number }>(
      db,
      `SELECT id AS key, timestamp, issue_type AS "issueType", severity, description, resolved,
       resolution_notes AS "resolutionNotes"
     FROM issues WHERE developer_id = ? AND session_id = ? ORDER BY ${sqlFor(db).sortKey("ts_ms", "ASC")}, id`,
      [row.developerId, row.sessionId],
    )
  ).map((i) => ({ ...i, resolved: Boolean(i.resolved) }));

  const functions = await all<SessionDetail["codeMetrics"]["functions"][number]>(
    db,
    `SELECT file_path AS "filePath", function_name AS "functionName", modification_type AS "modificationType",
       lines_added AS "linesAdded", lines_modified AS "linesModified", final_complexity AS "finalComplexity",
       quality_score AS "qualityScore", effort_score AS "effortScore"
     FROM code_metrics WHERE session_row_id = ? ORDER BY id`,
    [row.id],
  );
  const files = (
    await all<{ relPath: string; versionId: number }>(
      db,
      `SELECT f.rel_path AS "relPath", v.id AS "versionId" FROM session_versions v JOIN source_files f ON f.id = v.file_id
     WHERE v.developer_id = ? AND v.session_id = ? ORDER BY ${sqlFor(db).sortKey("f.rel_path", "ASC", { text: true })}`,
      [row.developerId, row.sessionId],
    )
  )
    .map((f) => ({ relPath: f.relPath, winner: f.versionId === row.versionId }))
    .sort((a, b) => Number(b.winner) - Number(a.winner));

  const maxSessionMinutes = input.maxSessionMinutes ?? DEFAULT_MAX_SESSION_MINUTES;
  const state =
    input.nowMs === undefined ? null : sessionLiveness({ ...row, nowMs: input.nowMs, maxSessionMinutes });
  return {
    id: row.id,
    developer: row.developer,
    session: {
      id: session.id,
      session_name: session.session_name,
      task_type: session.task_type,
      status: session.status,
      outcome: session.outcome,
      model_name: session.model_name,
      project: session.project,
      context: session.context,
      notes: session.notes,
      start_time: session.start_time,
      end_time: session.end_time,
      execution_context: session.execution_context,
      estimate_source: session.estimate_source,
      initial_estimate_minutes: session.initial_estimate_minutes,
      final_estimate_minutes: session.final_estimate_minutes,
      human_time_estimate_minutes: session.human_time_estimate_minutes,
    },
    durationMinutes: row.durationMinutes,
    estimateMinutes: row.estimateMinutes,
    roi: calculateRoiMetrics([session], parsed, input.assumptions),
    tokens: computeTokenStats(parsed),
    interactions,
    issues,
    codeMetrics: { summary: summarizeCodeMetrics([session]), functions },
    git: sessionGitView(session),
    usage: await getSessionUsage({ db, sessionRowId: row.id, prices: input.prices ?? DEFAULT_PRICE_ROWS }),
    files,
    liveness:
      state === null || input.nowMs === undefined
        ? null
        : {
            state,
            lastActivityMs: row.lastActivityMs,
            elapsedMinutes: elapsedMinutes(state, row.startMs, input.nowMs),
            maxSessionMinutes,
          },
  };
}
