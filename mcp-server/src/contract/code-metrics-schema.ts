/**
 * `session.code_metrics[]` entries and their `FunctionMetrics` (spec §2.3, §3.8).
 */
import { z } from "zod";
import { looseNumberSchema, looseTextSchema, optionalStringSchema, toNumber, toText } from "./coerce.js";

const looseBoolSchema = z.union([z.boolean(), z.number(), z.null()]).optional();
const section = <T extends z.ZodRawShape>(shape: T) => z.union([z.looseObject(shape), z.null()]).optional();

/** Raw FunctionMetrics as stored (every field optional; upstream readers default them to 0/false). */
export const functionMetricsRecordSchema = z.looseObject({
  function_name: looseTextSchema,
  modification_type: looseTextSchema,
  ai_contribution: section({
    lines_added: looseNumberSchema,
    lines_modified: looseNumberSchema,
    lines_deleted: looseNumberSchema,
    complexity_added: looseNumberSchema,
  }),
  context: section({ final_complexity: looseNumberSchema, cognitive_load: looseNumberSchema }),
  documentation: section({
    has_docstring: looseBoolSchema,
    quality_score: looseNumberSchema,
    has_type_hints: looseBoolSchema,
  }),
  value_metrics: section({ effort_score: looseNumberSchema }),
});
/** Raw FunctionMetrics record. */
export type FunctionMetricsRecord = z.infer<typeof functionMetricsRecordSchema>;

/** Raw `code_metrics[]` entry: `{file_path, timestamp, functions: [...]}`. */
export const codeMetricsEntryRecordSchema = z.looseObject({
  file_path: looseTextSchema,
  timestamp: optionalStringSchema,
  functions: z.union([z.array(functionMetricsRecordSchema), z.null()]).optional(),
});
/** Raw code-metrics entry record. */
export type CodeMetricsEntryRecord = z.infer<typeof codeMetricsEntryRecordSchema>;

/**
 * Metrics of one function touched in a session (upstream `FunctionMetrics.to_dict()`).
 * Line counts are lines; complexity is cyclomatic complexity; `quality_score` is 0–100;
 * `effort_score` = added + 0.5·modified + 0.1·context complexity.
 */
export interface FunctionMetrics {
  function_name: string;
  modification_type: string;
  ai_contribution: {
    lines_added: number;
    lines_modified: number;
    lines_deleted: number;
    complexity_added: number;
  };
  context: { final_complexity: number; cognitive_load: number };
  documentation: { has_docstring: boolean; quality_score: number; has_type_hints: boolean };
  value_metrics: { effort_score: number };
}

/** One `log_code_metrics` call: the file, when it was analysed (ISO text, UTC) and its functions. */
export interface CodeMetricsEntry {
  file_path: string;
  /** ISO-8601 as stored, or null if absent. */
  timestamp: string | null;
  functions: FunctionMetrics[];
}

const toBool = (v: boolean | number | null | undefined): boolean =>
  v === true || (typeof v === "number" && v !== 0);

/** Normalises a raw FunctionMetrics (missing numbers → 0, missing flags → false). Throws FieldError on a non-numeric string. */
export function normalizeFunctionMetrics(raw: FunctionMetricsRecord): FunctionMetrics {
  const ai = raw.ai_contribution ?? {};
  const ctx = raw.context ?? {};
  const doc = raw.documentation ?? {};
  const value = raw.value_metrics ?? {};
  return {
    function_name: toText(raw.function_name),
    modification_type: toText(raw.modification_type),
    ai_contribution: {
      lines_added: toNumber(ai.lines_added, "lines_added"),
      lines_modified: toNumber(ai.lines_modified, "lines_modified"),
      lines_deleted: toNumber(ai.lines_deleted, "lines_deleted"),
      complexity_added: toNumber(ai.complexity_added, "complexity_added"),
    },
    context: {
      final_complexity: toNumber(ctx.final_complexity, "final_complexity"),
      cognitive_load: toNumber(ctx.cognitive_load, "cognitive_load"),
    },
    documentation: {
      has_docstring: toBool(doc.has_docstring),
      quality_score: toNumber(doc.quality_score, "quality_score"),
      has_type_hints: toBool(doc.has_type_hints),
    },
    value_metrics: { effort_score: toNumber(value.effort_score, "effort_score") },
  };
}

/** Normalises a raw code-metrics entry. Throws FieldError on a non-numeric string inside. */
export function normalizeCodeMetricsEntry(raw: CodeMetricsEntryRecord): CodeMetricsEntry {
  return {
    file_path: toText(raw.file_path),
    timestamp: raw.timestamp ?? null,
    functions: (raw.functions ?? []).map(normalizeFunctionMetrics),
  };
}
