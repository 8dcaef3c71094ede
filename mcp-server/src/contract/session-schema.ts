/**
 * Sessions (`sessions.json` values) in every historic shape (spec §2.3, §2.7) → one `Session`.
 */
import { z } from "zod";
import {
  type CodeMetricsEntry,
  codeMetricsEntryRecordSchema,
  normalizeCodeMetricsEntry,
} from "./code-metrics-schema.js";
import {
  FieldError,
  looseNumberSchema,
  looseTextSchema,
  optionalStringSchema,
  toNumber,
  toNumberOrNull,
  toText,
} from "./coerce.js";
import type { EstimateSource, ExecutionContext, Outcome, SessionStatus, TaskType } from "./enums.js";
import { normalizeSessionGit, type SessionGit } from "./git-schema.js";
import type { OpenEnum } from "./open-enum.js";
import {
  normalizeSessionTokenStats,
  type SessionTokenStats,
  sessionTokenStatsRecordSchema,
} from "./token-stats-schema.js";

/**
 * Raw session record as any upstream version wrote it. Only the value's being an object and the types of
 * its known fields are checked; unknown fields pass through (storage keeps them).
 * `code_metrics` and `token_stats` are checked separately, so a damaged snapshot never costs the session.
 */
export const sessionRecordSchema = z.looseObject({
  id: looseTextSchema,
  session_name: looseTextSchema,
  /** Alias of `session_name` accepted by upstream's `Session.from_dict`. */
  name: looseTextSchema,
  task_type: looseTextSchema,
  context: looseTextSchema,
  start_time: optionalStringSchema,
  model_name: looseTextSchema,
  initial_estimate_minutes: looseNumberSchema,
  estimate_source: looseTextSchema,
  final_estimate_minutes: looseNumberSchema,
  /** Before 2026-02-20 the only estimate (spec §2.7). */
  human_time_estimate_minutes: looseNumberSchema,
  status: looseTextSchema,
  execution_context: looseTextSchema,
  end_time: optionalStringSchema,
  outcome: looseTextSchema,
  notes: looseTextSchema,
  total_interactions: looseNumberSchema,
  avg_effectiveness: looseNumberSchema,
  code_metrics: z.union([z.array(z.unknown()), z.null()]).optional(),
  developer: looseTextSchema,
  project: looseTextSchema,
  token_stats: z.unknown().optional(),
});
/** Raw, loose session record (see {@link sessionRecordSchema}). */
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/**
 * A session in the normalised model. Field names are upstream's. Times are ISO-8601 text exactly as
 * stored (normally UTC `+00:00`; may be naive or `Z` in old files: parse with `parseTimestamp`).
 * Estimates are minutes.
 */
export interface Session {
  /** The key of `sessions.json` (the record's own `id` only when the key is empty). */
  id: string;
  /** `session_name`, else legacy `name`, else "". */
  session_name: string;
  /** One of the task types, or "" when missing (missing counts as productive in ROI). */
  task_type: OpenEnum<TaskType>;
  context: string;
  start_time: string | null;
  /** "unknown" when missing. */
  model_name: string;
  /** Null when missing (legacy records have only `human_time_estimate_minutes`). */
  initial_estimate_minutes: number | null;
  /** "unknown" when missing. */
  estimate_source: OpenEnum<EstimateSource | "unknown">;
  /** Null until ended with one; 0 is a real stored value that ROI treats as "use the initial one". */
  final_estimate_minutes: number | null;
  /** Legacy estimate (before 2026-02-20); null when absent. */
  human_time_estimate_minutes: number | null;
  /** "active" when missing. */
  status: OpenEnum<SessionStatus>;
  /** "foreground" when missing (records before 2026-01-24). */
  execution_context: OpenEnum<ExecutionContext>;
  end_time: string | null;
  outcome: OpenEnum<Outcome> | null;
  notes: string;
  total_interactions: number;
  /** Mean rating 1–5 stored by upstream (`round(mean,2)`); 0 when none. */
  avg_effectiveness: number;
  code_metrics: CodeMetricsEntry[];
  /** "" when missing (records before 2026-02-20; also often "" in new ones). */
  developer: string;
  project: string;
  /** End-of-session snapshot; null when absent (auto-closed or pre-2026-04-07 sessions) or unreadable. */
  token_stats: SessionTokenStats | null;
  /** Git context and commits (our extra field); absent in upstream's records and when unreadable. */
  git?: SessionGit;
}

/**
 * Normalises a raw session. `key` is its key in `sessions.json`.
 * Throws FieldError when a number field holds a non-numeric string.
 * Code-metrics entries that do not fit their schema are left out; an unreadable token_stats becomes null.
 */
export function normalizeSession(key: string, raw: SessionRecord): Session {
  const codeMetrics: CodeMetricsEntry[] = [];
  for (const entry of raw.code_metrics ?? []) {
    const parsed = codeMetricsEntryRecordSchema.safeParse(entry);
    if (!parsed.success) continue;
    try {
      codeMetrics.push(normalizeCodeMetricsEntry(parsed.data));
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
    }
  }
  let tokenStats: SessionTokenStats | null = null;
  if (raw.token_stats !== undefined && raw.token_stats !== null) {
    const parsed = sessionTokenStatsRecordSchema.safeParse(raw.token_stats);
    if (parsed.success) {
      try {
        tokenStats = normalizeSessionTokenStats(parsed.data);
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
      }
    }
  }
  // Ours (git-schema.ts), not in the schema above: a loose key costs records without it nothing in the
  // parse (upstream's and older recorders' records never have it); checked apart like token_stats.
  const git = raw.git === undefined ? undefined : normalizeSessionGit(raw.git);
  const outcome = raw.outcome === undefined || raw.outcome === null ? null : toText(raw.outcome);
  return {
    id: key !== "" ? key : toText(raw.id),
    session_name: toText(raw.session_name ?? raw.name),
    task_type: toText(raw.task_type),
    context: toText(raw.context),
    start_time: raw.start_time ?? null,
    model_name: toText(raw.model_name, "unknown"),
    initial_estimate_minutes: toNumberOrNull(raw.initial_estimate_minutes, "initial_estimate_minutes"),
    estimate_source: toText(raw.estimate_source, "unknown"),
    final_estimate_minutes: toNumberOrNull(raw.final_estimate_minutes, "final_estimate_minutes"),
    human_time_estimate_minutes: toNumberOrNull(
      raw.human_time_estimate_minutes,
      "human_time_estimate_minutes",
    ),
    status: toText(raw.status, "active"),
    execution_context: toText(raw.execution_context, "foreground"),
    end_time: raw.end_time ?? null,
    outcome,
    notes: toText(raw.notes),
    total_interactions: toNumber(raw.total_interactions, "total_interactions"),
    avg_effectiveness: toNumber(raw.avg_effectiveness, "avg_effectiveness"),
    code_metrics: codeMetrics,
    developer: toText(raw.developer),
    project: toText(raw.project),
    token_stats: tokenStats,
    ...(git === undefined ? {} : { git }),
  };
}

/** A free-text field as {@link sessionRecordSchema} takes it (`looseText`): text, a number or boolean stored unchecked, null or missing. */
const isLooseText = (v: unknown): boolean =>
  v === undefined || v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
const isStringOrNull = (v: unknown): boolean => v === undefined || v === null || typeof v === "string";
/** A number field holding a JSON number (or null/missing): never a FieldError in {@link normalizeSession}. */
const isNumberOrNull = (v: unknown): boolean => v === undefined || v === null || typeof v === "number";

/**
 * Fast path for a session record whose known fields hold the types {@link sessionRecordSchema} accepts,
 * numbers as numbers: plain `typeof` checks on JSON-parsed input (each field read once by name), then
 * {@link normalizeSession} as after the schema (which passes such a record through unchanged). Returns
 * null for anything else (a numeric string, an object where text belongs); the caller then goes through
 * the schema, which gives the same session or a readable reason. The cold ingest reads every session.
 */
export function normalizeSessionFast(key: string, value: Readonly<Record<string, unknown>>): Session | null {
  const {
    id,
    session_name,
    name,
    task_type,
    context,
    start_time,
    model_name,
    initial_estimate_minutes,
    estimate_source,
    final_estimate_minutes,
    human_time_estimate_minutes,
    status,
    execution_context,
    end_time,
    outcome,
    notes,
    total_interactions,
    avg_effectiveness,
    code_metrics,
    developer,
    project,
  } = value;
  if (
    !isLooseText(id) ||
    !isLooseText(session_name) ||
    !isLooseText(name) ||
    !isLooseText(task_type) ||
    !isLooseText(context) ||
    !isLooseText(model_name) ||
    !isLooseText(estimate_source) ||
    !isLooseText(status) ||
    !isLooseText(execution_context) ||
    !isLooseText(outcome) ||
    !isLooseText(notes) ||
    !isLooseText(developer) ||
    !isLooseText(project) ||
    !isStringOrNull(start_time) ||
    !isStringOrNull(end_time) ||
    !isNumberOrNull(initial_estimate_minutes) ||
    !isNumberOrNull(final_estimate_minutes) ||
    !isNumberOrNull(human_time_estimate_minutes) ||
    !isNumberOrNull(total_interactions) ||
    !isNumberOrNull(avg_effectiveness) ||
    (code_metrics !== undefined && code_metrics !== null && !Array.isArray(code_metrics))
  )
    return null;
  // The checks above are exactly the schema's for these values: the record is a SessionRecord as it is.
  try {
    return normalizeSession(key, value as SessionRecord);
  } catch (e) {
    // Not expected with numbers as numbers; the schema path then says why.
    if (e instanceof FieldError) return null;
    throw e;
  }
}
