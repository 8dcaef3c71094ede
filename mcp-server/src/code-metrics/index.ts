/**
 * Code metrics for `log_code_metrics` (spec §1.4.5, §3.8): per-function cyclomatic complexity,
 * documentation score and effort, in upstream's `FunctionMetrics` shape.
 *
 * - Python (`.py`) goes through `@lezer/python` and reproduces upstream's `ast` figures exactly.
 * - TypeScript/JavaScript go through the TypeScript compiler API with the analogous rules
 *   (see `typescript.ts`); upstream itself only accepted `.py`.
 *
 * Files are confined to `opts.baseDir` and size-limited (see `read-source.ts`).
 */
import path from "node:path";
import { TrackerError } from "../errors.js";
import { parsePython } from "./python.js";
import { readSourceFile } from "./read-source.js";
import { buildFunctionMetrics } from "./scoring.js";
import type { FunctionMetrics, FunctionModification, ParsedModule } from "./types.js";
import { parseTypeScript, TS_EXTENSIONS } from "./typescript.js";

export { DEFAULT_MAX_BYTES } from "./read-source.js";
export { scoreDocumentation, summarizeFunctionMetrics } from "./scoring.js";
export type { FunctionMetrics, FunctionMetricsSummary, FunctionModification } from "./types.js";

/** Extensions `analyzeCodeFile` accepts, in the order the error message lists them. */
export const SUPPORTED_EXTENSIONS = [".py", ...TS_EXTENSIONS] as const;

export type AnalyzeOptions = {
  /** Folder relative paths resolve against; the file's real path must lie inside its real path. */
  baseDir: string;
  /** Largest file analysed, in bytes (default 2 MB). */
  maxBytes?: number;
};

function extensionOf(filePath: string): string {
  return path.extname(filePath).toLowerCase();
}

/**
 * Analyses `functions` in the source file at `filePath` and returns one `FunctionMetrics` per name
 * found, in the order asked. Each name resolves to the first definition in breadth-first order over
 * the whole file (methods and nested functions included), as upstream's `ast.walk` search does;
 * names not found are skipped silently (upstream behaviour).
 *
 * Extensions are matched case-insensitively. Throws `TrackerError`: `unsupported` (extension),
 * `not_found` (missing file), `invalid_input` (syntax error, path outside `baseDir`, too large, not
 * UTF-8), `io` (other read failures).
 */
export async function analyzeCodeFile(
  filePath: string,
  functions: readonly FunctionModification[],
  opts: AnalyzeOptions,
): Promise<FunctionMetrics[]> {
  const ext = extensionOf(filePath);
  const isPython = ext === ".py";
  if (!isPython && !(TS_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new TrackerError(
      "unsupported",
      `Unsupported file type: ${filePath}. Supported: ${SUPPORTED_EXTENSIONS.join(", ")}`,
    );
  }
  const source = await readSourceFile(filePath, opts.baseDir, opts.maxBytes);
  const module: ParsedModule = isPython
    ? parsePython(source, filePath)
    : parseTypeScript(source, ext, filePath);
  const out: FunctionMetrics[] = [];
  for (const fn of functions) {
    const analysis = module.analyze(fn.name);
    if (analysis) out.push(buildFunctionMetrics(fn, analysis));
  }
  return out;
}
