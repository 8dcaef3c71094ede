/**
 * zod schemas of every operation's input, shared by the MCP tools (which also publish them as JSON
 * Schema in tools/list) and the CLI (which maps its flags onto the same objects). Names, enums and
 * defaults are upstream's frozen ABI (spec §1.4); descriptions are written for the calling model.
 * Messages name the field and say what to send instead.
 */
import { z } from "zod";
import {
  ESTIMATE_SOURCES,
  enumError,
  MODIFICATION_TYPES,
  OUTCOMES,
  REQUEST_TYPES,
  SEVERITIES,
  TASK_TYPES,
  TIME_RANGES,
} from "../contract/enums.js";

/**
 * Size limits of MCP and CLI text inputs (UTF-16 code units, what JSON Schema's `maxLength` counts).
 * Names and ids are short; free text gets 64 Ki characters. Without them a 1 MB session name is stored
 * and repeated in every get_active_sessions reply. Files already on disk are never checked against them.
 */
export const INPUT_LIMITS = { name: 1_024, path: 4_096, text: 65_536 } as const;

const count = (n: number) => n.toLocaleString("en-US");

/** A string field of at most `max` characters; the limit is checked first, so a huge value costs nothing more. */
const limited = (field: string, max: number, base: z.ZodString) =>
  base.max(max, {
    abort: true,
    error: (i) =>
      `${field} is too long (${count(typeof i.input === "string" ? i.input.length : 0)} characters; the limit is ${count(max)})`,
  });

const text = (what: string, max: number = INPUT_LIMITS.name) =>
  limited(
    what,
    max,
    z.string({ error: (i) => (i.input === undefined ? `${what} is required` : `${what} must be a string`) }),
  );

/** An optional string field (a wrong type says "must be a string"). */
const optionalText = (field: string, max: number = INPUT_LIMITS.name) =>
  limited(field, max, z.string({ error: `${field} must be a string` }));

const enumOf = <T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, {
    error: (i) =>
      i.input === undefined
        ? `${field} is required (one of: ${[...values].sort().join(", ")})`
        : enumError(field, values),
  });

const nonNegativeInt = (field: string) =>
  z
    .number({ error: `${field} must be a whole number of tokens (0 or more)` })
    .int({ error: `${field} must be a whole number of tokens (0 or more)` })
    .min(0, { error: `${field} must be 0 or more` });

const finiteNumber = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number from ${min} to ${max}` })
    .min(min, { error: `${field} must be a number from ${min} to ${max}` })
    .max(max, { error: `${field} must be a number from ${min} to ${max}` });

const minutes = (field: string, description: string) =>
  z
    .number({ error: `${field} must be a number of minutes (0 or more)` })
    .min(0, { error: `${field} must be a number of minutes (0 or more)` })
    .max(1_000_000, { error: `${field} is too large (at most 1,000,000 minutes)` })
    .describe(description);

/**
 * Upstream rejects empty names and any character outside printable ASCII (ord 32..126), quoting the
 * offending characters once each in order of appearance.
 */
export const sessionNameSchema = text("session_name")
  .describe("Descriptive name for this session (printable ASCII only)")
  .superRefine((name, ctx) => {
    if (name.trim() === "") {
      ctx.addIssue({ code: "custom", message: "Session name cannot be empty" });
      return;
    }
    const bad = [...new Set([...name].filter((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) > 126))];
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `Session name contains non-ASCII characters: '${bad.join("")}'. Use only ASCII letters, numbers, spaces, and common punctuation.`,
      });
    }
  });

const tokenFields = {
  tokens_in: nonNegativeInt("tokens_in").optional().describe("Input tokens for this interaction"),
  tokens_out: nonNegativeInt("tokens_out").optional().describe("Output tokens for this interaction"),
  cache_hit_rate: finiteNumber("cache_hit_rate", 0, 1).optional().describe("Cache hit rate 0.0-1.0"),
  cached_tokens: nonNegativeInt("cached_tokens").optional().describe("Tokens served from cache"),
  new_tokens: nonNegativeInt("new_tokens").optional().describe("Fresh (non-cached) tokens"),
  context_pct: finiteNumber("context_pct", 0, 100).optional().describe("Context window utilization %"),
};

export const startSessionInputSchema = z.object({
  session_name: sessionNameSchema,
  task_type: enumOf("task_type", TASK_TYPES).describe("Task category"),
  model_name: text("model_name").describe("AI model being used (e.g., 'claude-opus-4-20250514')"),
  initial_estimate_minutes: minutes(
    "initial_estimate_minutes",
    "Estimated minutes for a human to complete this task (required; older clients may send human_time_estimate_minutes instead)",
  ).optional(),
  human_time_estimate_minutes: minutes(
    "human_time_estimate_minutes",
    "Deprecated name of initial_estimate_minutes (older clients); accepted as the initial estimate",
  ).optional(),
  estimate_source: enumOf("estimate_source", ESTIMATE_SOURCES).describe("Where the time estimate came from"),
  context: optionalText("context", INPUT_LIMITS.text)
    .default("")
    .describe("Additional context about the work"),
  developer: optionalText("developer")
    .optional()
    .describe("Developer name (from git config user.name); filled in by the server when omitted"),
  project: optionalText("project")
    .optional()
    .describe("Project name (from .ai_sessions.yaml); filled in by the server when omitted"),
});
export type StartSessionInput = z.output<typeof startSessionInputSchema>;

const sessionId = text("session_id")
  .min(1, { error: "session_id cannot be empty" })
  .describe("ID from start_ai_session");

export const logInteractionInputSchema = z.object({
  session_id: sessionId,
  prompt: text("prompt", INPUT_LIMITS.text).describe("The prompt sent to AI"),
  response_summary: text("response_summary", INPUT_LIMITS.text).describe("Brief summary of what AI produced"),
  effectiveness_rating: z
    .number({ error: "effectiveness_rating must be a whole number from 1 to 5" })
    .int({ error: "effectiveness_rating must be a whole number from 1 to 5 (no fractions)" })
    .min(1, { error: "effectiveness_rating must be a whole number from 1 to 5" })
    .max(5, { error: "effectiveness_rating must be a whole number from 1 to 5" })
    .describe("Rating 1-5: 1=failed, 3=partial, 5=perfect"),
  iteration_count: z
    .number({ error: "iteration_count must be a whole number (1 or more)" })
    .int({ error: "iteration_count must be a whole number (1 or more)" })
    .min(1, { error: "iteration_count must be 1 or more" })
    .default(1)
    .describe("Number of attempts to achieve goal"),
  tools_used: z
    .array(
      limited(
        "a tools_used name",
        INPUT_LIMITS.name,
        z.string({ error: "tools_used must be a list of tool names (strings)" }),
      ),
      {
        error: "tools_used must be a list of tool names (strings)",
      },
    )
    .default([])
    .describe("MCP tools used in this interaction"),
  ...tokenFields,
});
export type LogInteractionInput = z.output<typeof logInteractionInputSchema>;

export const endSessionInputSchema = z.object({
  session_id: sessionId,
  outcome: enumOf("outcome", OUTCOMES).describe("Session result"),
  notes: optionalText("notes", INPUT_LIMITS.text).default("").describe("Summary notes about the session"),
  final_estimate_minutes: minutes(
    "final_estimate_minutes",
    "Revised estimate: (insertions + deletions) × 10 ÷ 50, rounded up to nearest bucket",
  ).optional(),
});
export type EndSessionInput = z.output<typeof endSessionInputSchema>;

export const flagIssueInputSchema = z.object({
  session_id: sessionId,
  issue_type: text("issue_type")
    .min(1, { error: "issue_type cannot be empty" })
    .describe("Issue category (e.g., 'incorrect_output', 'hallucination')"),
  description: text("description", INPUT_LIMITS.text).describe("Detailed description of what went wrong"),
  severity: enumOf("severity", SEVERITIES).describe("Impact level"),
});
export type FlagIssueInput = z.output<typeof flagIssueInputSchema>;

const lineCount = (field: string) =>
  z
    .number({ error: `${field} must be a whole number (0 or more)` })
    .int({ error: `${field} must be a whole number (0 or more)` })
    .min(0, { error: `${field} must be 0 or more` })
    .default(0);

export const functionModificationSchema = z.object({
  name: text("name").min(1, { error: "name cannot be empty" }).describe("Function/method name"),
  modification_type: enumOf("modification_type", MODIFICATION_TYPES),
  lines_added: lineCount("lines_added"),
  lines_modified: lineCount("lines_modified"),
  lines_deleted: lineCount("lines_deleted"),
});

export const logCodeMetricsInputSchema = z.object({
  session_id: sessionId,
  file_path: text("file_path", INPUT_LIMITS.path)
    .min(1, { error: "file_path cannot be empty" })
    .describe(
      "Path to the modified file (.py, .ts, .tsx, .js, .jsx, .mjs, .cjs, .mts, .cts), relative to the workspace",
    ),
  functions_modified: z
    .array(functionModificationSchema, {
      error: "functions_modified must be a list of {name, modification_type}",
    })
    .describe("Functions that were modified"),
});
export type LogCodeMetricsInput = z.output<typeof logCodeMetricsInputSchema>;

export const getObservabilityInputSchema = z.object({
  session_id: optionalText("session_id")
    .optional()
    .describe("Specific session to analyze (optional, omit for all)"),
  time_range: enumOf("time_range", TIME_RANGES).default("all").describe("Time filter"),
});
export type GetObservabilityInput = z.output<typeof getObservabilityInputSchema>;

export const getActiveSessionsInputSchema = z.object({});

export const logRequestInputSchema = z.object({
  model: text("model").describe("AI model used (e.g., 'claude-opus-4.6')"),
  request_type: enumOf("request_type", REQUEST_TYPES).describe(
    "Request category: coding, planning, review, debug, general",
  ),
  tokens_in: nonNegativeInt("tokens_in").default(0).describe("Input tokens for this request"),
  tokens_out: nonNegativeInt("tokens_out").default(0).describe("Output tokens for this request"),
  cache_hit_rate: tokenFields.cache_hit_rate,
  cached_tokens: tokenFields.cached_tokens,
  new_tokens: tokenFields.new_tokens,
  context_pct: finiteNumber("context_pct", 0, 100)
    .optional()
    .describe("Context window utilization percentage"),
  note: optionalText("note", INPUT_LIMITS.text).default("").describe("Optional freetext note"),
  project: optionalText("project").optional().describe("Project name"),
  developer: optionalText("developer").optional().describe("Developer name"),
});
export type LogRequestInput = z.output<typeof logRequestInputSchema>;

export const getRequestStatsInputSchema = z.object({
  request_type: optionalText("request_type").optional().describe("Filter by request type"),
  model: optionalText("model").optional().describe("Filter by model name"),
});
export type GetRequestStatsInput = z.output<typeof getRequestStatsInputSchema>;

/** Formats zod issues as one line per field: `field: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join(".");
      return where && !issue.message.startsWith(where) ? `${where}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
