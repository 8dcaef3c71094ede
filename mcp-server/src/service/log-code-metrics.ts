import type { JsonObject } from "../storage/json.js";
import { uniqueTimestamp } from "./clock.js";
import type { TrackerContext } from "./context.js";
import type { LogCodeMetricsInput } from "./inputs.js";
import { requireSession } from "./session-lookup.js";

export interface LogCodeMetricsResult {
  entry: JsonObject;
  functions_analyzed: number;
  average_complexity: number;
  average_doc_quality: number;
  total_effort_score: number;
}

/**
 * Analyses the file (outside the lock: parsing can take a while) and appends
 * `{file_path, timestamp, functions}` to the session's `code_metrics` (spec §1.4.5).
 */
export async function logCodeMetrics(
  ctx: TrackerContext,
  input: LogCodeMetricsInput,
): Promise<LogCodeMetricsResult> {
  await ctx.store.transaction((tx) => requireSession(tx, input.session_id));
  // Loaded on first use: the TypeScript compiler and the Python grammar would add ~0.5 s to every start.
  const { analyzeCodeFile, summarizeFunctionMetrics } = await import("../code-metrics/index.js");
  const functions = await analyzeCodeFile(input.file_path, input.functions_modified, {
    baseDir: ctx.baseDir,
  });
  const summary = summarizeFunctionMetrics(functions);
  return ctx.store.transaction((tx) => {
    const raw = requireSession(tx, input.session_id);
    const entry: JsonObject = {
      file_path: input.file_path,
      timestamp: uniqueTimestamp(ctx.now()),
      functions,
    };
    const previous = Array.isArray(raw.code_metrics) ? raw.code_metrics : [];
    tx.putSession(input.session_id, { ...raw, code_metrics: [...previous, entry] });
    return { entry, ...summary };
  });
}
