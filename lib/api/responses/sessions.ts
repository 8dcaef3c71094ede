/**
 * GET /api/v1/sessions (a page of the sessions table) and GET /api/v1/sessions/{id} (one session with its
 * interactions, issues, code metrics and figures). Upstream's own records (`session`, `roi`, `tokens`,
 * the interactions' fields, the code-metrics summary) keep their snake_case names and values.
 */
import { z } from "zod";
import type { SessionDetail } from "@/lib/queries/get-session-detail";
import { SESSION_SORTS, type SessionPage, type SessionSort } from "@/lib/queries/list-sessions";
import { defineResponse } from "./define";
import { reportFields } from "./figures";
import { sessionGitDto, sessionGitResponseSchema } from "./session-git";
import { sessionUsageDto, sessionUsageResponseSchema } from "./session-usage";

const num = z.number();
const ms = z.number().meta({ description: "Epoch milliseconds (UTC)" });
const liveness = z.enum(["live", "abandoned"]);

const sessionRow = z.strictObject({
  id: num.meta({ description: "The portal's session id (GET /api/v1/sessions/{id})" }),
  session_id: z.string(),
  developer: z.string(),
  session_name: z.string(),
  project: z.string(),
  task_type: z.string(),
  model: z.string(),
  status: z.string(),
  outcome: z.string().nullable(),
  start_time: z.string().nullable().meta({ description: "As the tracker wrote it (ISO 8601)" }),
  start_ms: ms.nullable(),
  duration_minutes: num,
  estimate_minutes: num,
  interactions: num,
  avg_effectiveness: num,
  versions: num.meta({ description: "Files holding a version (> 1: conflict copies merged)" }),
  last_activity_ms: ms.nullable(),
  liveness: liveness.nullable(),
  elapsed_minutes: num.nullable(),
});

/** The body of GET /api/v1/sessions. */
export const sessionsResponse = defineResponse(
  z.strictObject({
    rows: z.array(sessionRow),
    total: num,
    page: num,
    page_count: num,
    params: z.strictObject({
      page: num,
      sort: z.enum(Object.keys(SESSION_SORTS) as [SessionSort, ...SessionSort[]]),
      dir: z.enum(["asc", "desc"]),
      page_size: num,
    }),
  }),
  (p: SessionPage) => ({
    rows: p.rows.map((r) => ({
      id: r.id,
      session_id: r.sessionId,
      developer: r.developer,
      session_name: r.sessionName,
      project: r.project,
      task_type: r.taskType,
      model: r.model,
      status: r.status,
      outcome: r.outcome,
      start_time: r.startTime,
      start_ms: r.startMs,
      duration_minutes: r.durationMinutes,
      estimate_minutes: r.estimateMinutes,
      interactions: r.interactions,
      avg_effectiveness: r.avgEffectiveness,
      versions: r.versions,
      last_activity_ms: r.lastActivityMs,
      liveness: r.liveness,
      elapsed_minutes: r.elapsedMinutes,
    })),
    total: p.total,
    page: p.page,
    page_count: p.pageCount,
    params: { page: p.params.page, sort: p.params.sort, dir: p.params.dir, page_size: p.params.pageSize },
  }),
);

const nullableNum = num.nullable();

/** An interaction's fields, as on the session page (also the rows of GET /api/v1/interactions). */
export const interactionFields = {
  timestamp: z.string(),
  prompt: z.string(),
  response_summary: z.string(),
  effectiveness_rating: num,
  iteration_count: num,
  tools_used: z.array(z.string()),
  tokens_in: num,
  tokens_out: num,
  cache_hit_rate: num,
  context_pct: num,
  prompt_withheld_chars: num
    .optional()
    .meta({ description: "Length of the prompt the recorder withheld (then `prompt` is empty)" }),
  summary_withheld_chars: num.optional(),
};

/** An issue's fields, as on the session page (also the rows of GET /api/v1/issues). */
export const issueFields = {
  timestamp: z.string(),
  issue_type: z.string(),
  severity: z.string(),
  description: z.string(),
  resolved: z.boolean(),
  resolution_notes: z.string(),
};

/** The body of GET /api/v1/sessions/{id}. */
export const sessionDetailResponse = defineResponse(
  z.strictObject({
    id: num,
    developer: z.string(),
    session: z.strictObject({
      id: z.string(),
      session_name: z.string(),
      task_type: z.string(),
      status: z.string(),
      outcome: z.string().nullable(),
      model_name: z.string(),
      project: z.string(),
      context: z.string(),
      notes: z.string(),
      start_time: z.string().nullable(),
      end_time: z.string().nullable(),
      execution_context: z.string(),
      estimate_source: z.string(),
      initial_estimate_minutes: nullableNum,
      final_estimate_minutes: nullableNum,
      human_time_estimate_minutes: nullableNum,
    }),
    duration_minutes: num,
    estimate_minutes: num,
    roi: reportFields.roi,
    tokens: reportFields.tokens,
    interactions: z.array(z.strictObject({ key: num, ...interactionFields })),
    issues: z.array(z.strictObject({ key: num, ...issueFields })),
    code_metrics: z.strictObject({
      summary: z.strictObject({
        total_functions: num,
        total_lines_added: num,
        total_lines_modified: num,
        avg_complexity: num,
        avg_doc_score: num,
        total_effort_score: num,
      }),
      functions: z.array(
        z.strictObject({
          file_path: z.string(),
          function_name: z.string(),
          modification_type: z.string(),
          lines_added: num,
          lines_modified: num,
          final_complexity: num,
          quality_score: num,
          effort_score: num,
        }),
      ),
    }),
    git: sessionGitResponseSchema.nullable(),
    usage: sessionUsageResponseSchema,
    files: z.array(z.strictObject({ rel_path: z.string(), winner: z.boolean() })),
    liveness: z
      .strictObject({
        state: liveness,
        last_activity_ms: ms.nullable(),
        elapsed_minutes: nullableNum,
        max_session_minutes: num,
      })
      .nullable(),
  }),
  (d: SessionDetail) => ({
    id: d.id,
    developer: d.developer,
    session: {
      id: d.session.id,
      session_name: d.session.session_name,
      task_type: d.session.task_type,
      status: d.session.status,
      outcome: d.session.outcome,
      model_name: d.session.model_name,
      project: d.session.project,
      context: d.session.context,
      notes: d.session.notes,
      start_time: d.session.start_time,
      end_time: d.session.end_time,
      execution_context: d.session.execution_context,
      estimate_source: d.session.estimate_source,
      initial_estimate_minutes: d.session.initial_estimate_minutes,
      final_estimate_minutes: d.session.final_estimate_minutes,
      human_time_estimate_minutes: d.session.human_time_estimate_minutes,
    },
    duration_minutes: d.durationMinutes,
    estimate_minutes: d.estimateMinutes,
    roi: d.roi,
    tokens: d.tokens,
    interactions: d.interactions.map((i) => ({
      key: i.key,
      timestamp: i.timestamp,
      prompt: i.prompt,
      response_summary: i.response_summary,
      effectiveness_rating: i.effectiveness_rating,
      iteration_count: i.iteration_count,
      tools_used: i.tools_used,
      tokens_in: i.tokens_in,
      tokens_out: i.tokens_out,
      cache_hit_rate: i.cache_hit_rate,
      context_pct: i.context_pct,
      ...(i.promptWithheldChars === undefined ? {} : { prompt_withheld_chars: i.promptWithheldChars }),
      ...(i.summaryWithheldChars === undefined ? {} : { summary_withheld_chars: i.summaryWithheldChars }),
    })),
    issues: d.issues.map((i) => ({
      key: i.key,
      timestamp: i.timestamp,
      issue_type: i.issueType,
      severity: i.severity,
      description: i.description,
      resolved: i.resolved,
      resolution_notes: i.resolutionNotes,
    })),
    code_metrics: {
      summary: d.codeMetrics.summary,
      functions: d.codeMetrics.functions.map((f) => ({
        file_path: f.filePath,
        function_name: f.functionName,
        modification_type: f.modificationType,
        lines_added: f.linesAdded,
        lines_modified: f.linesModified,
        final_complexity: f.finalComplexity,
        quality_score: f.qualityScore,
        effort_score: f.effortScore,
      })),
    },
    git: d.git && sessionGitDto(d.git),
    usage: sessionUsageDto(d.usage),
    files: d.files.map((f) => ({ rel_path: f.relPath, winner: f.winner })),
    liveness: d.liveness && {
      state: d.liveness.state,
      last_activity_ms: d.liveness.lastActivityMs,
      elapsed_minutes: d.liveness.elapsedMinutes,
      max_session_minutes: d.liveness.maxSessionMinutes,
    },
  }),
);
