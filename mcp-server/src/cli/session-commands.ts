/**
 * The session commands (`start`, `log`, `end`, `flag`, `active`, `log-request`, `request-stats`) and
 * `report`. Each maps its flags onto the operation's input object, parses it with the zod schema the MCP
 * tool uses, runs the operation in a `background` context (upstream's CLI context) and prints upstream's
 * ServiceResult. The service is imported lazily so `--help`, `install` and usage errors never open the
 * data folder.
 */
import * as enums from "../contract/enums.js";
import { isTrackerError } from "../errors.js";
import type { TrackerContext } from "../service/context.js";
import {
  endSessionInputSchema,
  flagIssueInputSchema,
  getObservabilityInputSchema,
  getRequestStatsInputSchema,
  logInteractionInputSchema,
  logRequestInputSchema,
  startSessionInputSchema,
} from "../service/inputs.js";
import { pyCountDictRepr, pyFloatStr, pyFormatPercent, pyRound } from "../stats/index.js";
import type { CommandSpec, RunEnv } from "./command.js";
import { type FlagSpec, type FlagValues, parseInput } from "./flags.js";
import { failure, printResult, type ServiceResult } from "./output.js";

export const JSON_FLAG: FlagSpec = {
  name: "json",
  kind: "boolean",
  help: "Print the result as JSON (ServiceResult shape)",
};
const SESSION_ID: FlagSpec = {
  name: "session-id",
  kind: "string",
  field: "session_id",
  required: true,
  help: "Session id printed by `start` (lost it? run `active`)",
};
const TOKEN_FLAGS: FlagSpec[] = [
  { name: "tokens-in", kind: "number", field: "tokens_in", help: "Input tokens (whole number ≥ 0)" },
  { name: "tokens-out", kind: "number", field: "tokens_out", help: "Output tokens (whole number ≥ 0)" },
  { name: "cache-hit-rate", kind: "number", field: "cache_hit_rate", help: "Cache hit rate 0.0–1.0" },
  { name: "cached-tokens", kind: "number", field: "cached_tokens", help: "Tokens served from cache (≥ 0)" },
  { name: "new-tokens", kind: "number", field: "new_tokens", help: "Fresh (non-cached) tokens (≥ 0)" },
  { name: "context-pct", kind: "number", field: "context_pct", help: "Context window utilisation 0–100" },
];

type Service = typeof import("../service/index.js");

/** Opens the data folder (AI_OUTPUT_DIR) for one command; startup warnings go to stderr. */
async function openContext(env: RunEnv): Promise<{ service: Service; ctx: TrackerContext }> {
  const service = await import("../service/index.js");
  const ctx = await service.createTrackerContext({
    env: env.env,
    cwd: env.cwd,
    executionContext: "background",
  });
  return { service, ctx };
}

/**
 * Runs one operation and prints its ServiceResult (an operation that printed its own text returns
 * undefined). Operation failures (TrackerError: unknown session, a locked or unreadable folder, …) print
 * `failMessage` + the error and exit 1; any other error is a bug and also prints its stack.
 */
export async function runOperation(
  env: RunEnv,
  json: boolean,
  failMessage: string,
  operation: (service: Service, ctx: TrackerContext) => Promise<ServiceResult | undefined>,
): Promise<number> {
  let result: ServiceResult | undefined;
  let opened: { service: Service; ctx: TrackerContext } | undefined;
  try {
    opened = await openContext(env);
    result = await operation(opened.service, opened.ctx);
    // Git capture runs after an operation; a CLI process must not exit before it is written.
    await opened.service.settleBackground(opened.ctx);
  } catch (error) {
    result = failure(failMessage, error);
    if (!isTrackerError(error) && error instanceof Error && error.stack) env.io.stderr(`${error.stack}\n`);
  }
  // A data file found corrupt was moved aside (never overwritten); the user must hear about it.
  for (const notice of opened ? opened.service.drainNotices(opened.ctx) : []) env.io.stderr(`⚠️  ${notice}\n`);
  return result === undefined ? 0 : printResult(env.io, result, json);
}

const json = (values: FlagValues): boolean => values.get("json") === true;

const startFlags: FlagSpec[] = [
  {
    name: "name",
    kind: "string",
    field: "session_name",
    required: true,
    help: "Session name (printable ASCII)",
  },
  {
    name: "type",
    kind: "string",
    field: "task_type",
    required: true,
    choices: enums.TASK_TYPES,
    help: "Task type",
  },
  {
    name: "model",
    kind: "string",
    field: "model_name",
    required: true,
    help: "AI model, e.g. claude-opus-4-20250514",
  },
  {
    name: "mins",
    kind: "number",
    field: "initial_estimate_minutes",
    required: true,
    help: "Minutes a human would need (15|30|60|120|240|480|960|2400|4800)",
  },
  {
    name: "source",
    kind: "string",
    field: "estimate_source",
    required: true,
    choices: enums.ESTIMATE_SOURCES,
    help: "Where the estimate came from",
  },
  { name: "context", kind: "string", field: "context", help: "Additional context", defaultText: '""' },
  {
    name: "developer",
    kind: "string",
    field: "developer",
    help: "Developer name",
    defaultText: "git config user.name, else the OS user",
  },
  {
    name: "project",
    kind: "string",
    field: "project",
    help: "Project name",
    defaultText: "project: in .ai_sessions.yaml, else the folder name",
  },
  JSON_FLAG,
];

const logFlags: FlagSpec[] = [
  SESSION_ID,
  { name: "prompt", kind: "string", field: "prompt", required: true, help: "The prompt sent to the AI" },
  {
    name: "summary",
    kind: "string",
    field: "response_summary",
    required: true,
    help: "What the AI produced",
  },
  {
    name: "rating",
    kind: "number",
    field: "effectiveness_rating",
    required: true,
    choices: ["1", "2", "3", "4", "5"],
    help: "Effectiveness 1 (failed) … 5 (perfect)",
  },
  { name: "iterations", kind: "number", field: "iteration_count", help: "Attempts needed", defaultText: "1" },
  {
    name: "tools",
    kind: "list",
    field: "tools_used",
    valueName: "TOOL…",
    help: "Tools used (space-separated, or repeat the flag)",
  },
  ...TOKEN_FLAGS,
  JSON_FLAG,
];

const endFlags: FlagSpec[] = [
  SESSION_ID,
  {
    name: "outcome",
    kind: "string",
    field: "outcome",
    required: true,
    choices: enums.OUTCOMES,
    help: "Session result",
  },
  { name: "notes", kind: "string", field: "notes", help: "Summary notes", defaultText: '""' },
  {
    name: "final-estimate",
    kind: "number",
    field: "final_estimate_minutes",
    help: "Revised human estimate in minutes",
  },
  JSON_FLAG,
];

const flagFlags: FlagSpec[] = [
  SESSION_ID,
  {
    name: "type",
    kind: "string",
    field: "issue_type",
    required: true,
    help: "Issue category, e.g. hallucination, incorrect_output",
  },
  { name: "desc", kind: "string", field: "description", required: true, help: "What went wrong" },
  {
    name: "severity",
    kind: "string",
    field: "severity",
    required: true,
    choices: enums.SEVERITIES,
    help: "Impact level",
  },
  JSON_FLAG,
];

const logRequestFlags: FlagSpec[] = [
  { name: "model", kind: "string", field: "model", required: true, help: "AI model used" },
  {
    name: "type",
    kind: "string",
    field: "request_type",
    required: true,
    choices: enums.REQUEST_TYPES,
    help: "Request category",
  },
  ...TOKEN_FLAGS.map((f) =>
    f.name === "tokens-in" || f.name === "tokens-out" ? { ...f, defaultText: "0" } : f,
  ),
  { name: "note", kind: "string", field: "note", help: "Free-text note", defaultText: '""' },
  {
    name: "project",
    kind: "string",
    field: "project",
    help: "Project name",
    defaultText: "project: in .ai_sessions.yaml, else the folder name",
  },
  {
    name: "developer",
    kind: "string",
    field: "developer",
    help: "Developer name",
    defaultText: "git config user.name, else the OS user",
  },
  JSON_FLAG,
];

const requestStatsFlags: FlagSpec[] = [
  { name: "type", kind: "string", field: "request_type", help: "Only requests of this type (exact match)" },
  { name: "model", kind: "string", field: "model", help: "Only requests of this model (exact match)" },
  JSON_FLAG,
];

const reportFlags: FlagSpec[] = [
  { name: "session-id", kind: "string", field: "session_id", help: "Report on one session only" },
  {
    name: "time-range",
    kind: "string",
    field: "time_range",
    choices: enums.TIME_RANGES,
    help: "Sessions started within this range",
    defaultText: "all",
  },
];

/** `ai-session-tracker start|log|end|flag|active|log-request|request-stats|report`. */
// Each command prints the fields of its own upstream result: the entries are alike in shape by design.
export const sessionCommands: CommandSpec[] = [
  {
    name: "start",
    summary: "Start a session (background context; prints the session id)",
    flags: startFlags,
    async run(values, env) {
      const input = parseInput("start", startSessionInputSchema, startFlags, values);
      return runOperation(env, json(values), "Failed to start session", async (service, ctx) => {
        const r = await service.startSession(ctx, input);
        const s = r.session;
        return {
          success: true,
          message: `Session started: ${r.session_id}`,
          data: {
            session_id: r.session_id,
            task_type: s.task_type,
            model_name: s.model_name,
            initial_estimate_minutes: s.initial_estimate_minutes,
            estimate_source: s.estimate_source,
            execution_context: s.execution_context,
            developer: s.developer,
            project: s.project,
            auto_closed_sessions: r.auto_closed_sessions,
          },
        };
      });
    },
  },
  {
    name: "log",
    summary: "Log an interaction (prompt, summary, rating 1-5, optional token usage)",
    flags: logFlags,
    async run(values, env) {
      const input = parseInput("log", logInteractionInputSchema, logFlags, values);
      return runOperation(env, json(values), "Failed to log interaction", async (service, ctx) => {
        const r = await service.logInteraction(ctx, input);
        return {
          success: true,
          message: `Interaction logged (rating: ${input.effectiveness_rating}/5)`,
          data: {
            session_id: input.session_id,
            effectiveness_rating: input.effectiveness_rating,
            iteration_count: input.iteration_count,
            total_interactions: r.total_interactions,
            avg_effectiveness: r.avg_effectiveness,
          },
        };
      });
    },
  },
  {
    name: "end",
    summary: "End a session with an outcome (prints duration, metrics and token stats)",
    flags: endFlags,
    async run(values, env) {
      const input = parseInput("end", endSessionInputSchema, endFlags, values);
      return runOperation(env, json(values), "Failed to end session", async (service, ctx) => {
        const r = await service.endSession(ctx, input);
        return {
          success: true,
          message: `Session ended: ${input.session_id}`,
          data: {
            session_id: input.session_id,
            outcome: input.outcome,
            duration_minutes: pyRound(r.duration_minutes, 1),
            total_interactions: r.total_interactions,
            avg_effectiveness: r.avg_effectiveness,
            issues_count: r.issues_count,
            token_stats: r.token_stats,
          },
        };
      });
    },
  },
  {
    name: "flag",
    summary: "Flag an issue with the AI's output in a session",
    flags: flagFlags,
    async run(values, env) {
      const input = parseInput("flag", flagIssueInputSchema, flagFlags, values);
      return runOperation(env, json(values), "Failed to flag issue", async (service, ctx) => {
        await service.flagIssue(ctx, input);
        return {
          success: true,
          message: `Issue flagged: ${input.issue_type} (${input.severity})`,
          data: { session_id: input.session_id, issue_type: input.issue_type, severity: input.severity },
        };
      });
    },
  },
  {
    name: "active",
    summary: "List sessions that have not ended",
    flags: [JSON_FLAG],
    async run(values, env) {
      const asJson = json(values);
      return runOperation(env, asJson, "Failed to get active sessions", async (service, ctx) => {
        const sessions = await service.listActiveSessions(ctx);
        if (!asJson) {
          const lines = [
            sessions.length === 0
              ? "📋 No active sessions found"
              : `📋 Found ${sessions.length} active session(s):`,
          ];
          for (const s of sessions) {
            lines.push(
              "",
              `  ${s.session_name}`,
              `    ID: ${s.session_id}`,
              `    Type: ${s.task_type}`,
              `    Started: ${s.start_time}`,
            );
          }
          env.io.stdout(`${lines.join("\n")}\n`);
          return undefined;
        }
        return {
          success: true,
          message: `Found ${sessions.length} active session(s)`,
          data: { active_sessions: sessions },
        };
      });
    },
  },
  {
    name: "log-request",
    summary: "Log a standalone AI request (no session) with token usage",
    flags: logRequestFlags,
    async run(values, env) {
      const input = parseInput("log-request", logRequestInputSchema, logRequestFlags, values);
      const asJson = json(values);
      return runOperation(env, asJson, "Failed to log request", async (service, ctx) => {
        const { request } = await service.logRequest(ctx, input);
        const id = String(request.id);
        if (!asJson) {
          env.io.stdout(
            `📋 Request logged: ${id}\n  Type: ${input.request_type}\n  Model: ${input.model}\n  Tokens: ${input.tokens_in} in / ${input.tokens_out} out\n`,
          );
          return undefined;
        }
        return {
          success: true,
          message: `Request logged: ${id}`,
          data: {
            request_id: id,
            type: input.request_type,
            model: input.model,
            tokens_in: input.tokens_in,
            tokens_out: input.tokens_out,
          },
        };
      });
    },
  },
  {
    name: "request-stats",
    summary: "Totals of the logged requests, optionally filtered by type or model",
    flags: requestStatsFlags,
    async run(values, env) {
      const input = parseInput("request-stats", getRequestStatsInputSchema, requestStatsFlags, values);
      const asJson = json(values);
      return runOperation(env, asJson, "Failed to get request stats", async (service, ctx) => {
        const stats = await service.getRequestStats(ctx, input);
        if (!asJson) {
          const avg = (x: number) => (stats.total_requests === 0 ? "0" : pyFloatStr(x));
          const lines = [
            `📊 Request Stats (${stats.total_requests} requests)`,
            `  Tokens In: ${stats.total_tokens_in}`,
            `  Tokens Out: ${stats.total_tokens_out}`,
            `  Avg In/Req: ${avg(stats.avg_tokens_in)}`,
            `  Avg Out/Req: ${avg(stats.avg_tokens_out)}`,
            `  Cache Hit Rate: ${pyFormatPercent(stats.avg_cache_hit_rate, 1)}`,
            `  By Type: ${pyCountDictRepr(stats.by_type)}`,
            `  By Model: ${pyCountDictRepr(stats.by_model)}`,
          ];
          env.io.stdout(`${lines.join("\n")}\n`);
          return undefined;
        }
        return {
          success: true,
          message: `Request stats (${stats.total_requests} requests)`,
          data: { ...stats },
        };
      });
    },
  },
  {
    name: "report",
    summary: "Print the analytics report (sessions, ROI, effectiveness, issues, code metrics)",
    flags: reportFlags,
    async run(values, env) {
      const input = parseInput("report", getObservabilityInputSchema, reportFlags, values);
      return runOperation(env, false, "Failed to generate report", async (service, ctx) => {
        const { report } = await service.getObservability(ctx, input);
        env.io.stdout(`${report}\n`);
        return undefined;
      });
    },
  },
];
