/**
 * Shapes shared by the code-metrics analysers. `FunctionMetrics` is upstream's record exactly
 * (spec §2.3): key names and nesting are frozen because they are stored in `sessions.json`.
 */
import type { FunctionMetrics as ContractFunctionMetrics } from "../contract/code-metrics-schema.js";

/** One entry of `log_code_metrics.functions_modified`, defaults already applied by the caller. */
export type FunctionModification = {
  /** Function, method or (TS/JS) variable/property name to look up. */
  name: string;
  /** `added`, `modified`, `refactored` or `deleted`; not validated (upstream does not either). */
  modification_type: string;
  lines_added: number;
  lines_modified: number;
  lines_deleted: number;
};

/**
 * Upstream's per-function record (spec §2.3, `FunctionMetrics.to_dict()`): the contract's type, which the
 * analysers fill — `complexity_added` is the complexity when `modification_type` is `added`, else 0;
 * `final_complexity` the cyclomatic complexity now (≥ 1); `cognitive_load` 0 when added, else the
 * complexity; `quality_score` 0–100 (`scoreDocumentation`); `effort_score`
 * `lines_added*1.0 + lines_modified*0.5 + ctx*0.1`, Python `round(, 2)`.
 */
// The same fields as an alias, not the interface: a type alias is assignable to `JsonValue` (stored as is).
export type FunctionMetrics = Pick<ContractFunctionMetrics, keyof ContractFunctionMetrics>;

/** Which documentation sections a doc comment has; each is worth points in the doc score. */
export type DocSections = {
  /** Python `(Args?|Parameters?):`; JSDoc `@param`. */
  args: boolean;
  /** Python `Returns?:`; JSDoc `@returns`/`@return`. */
  returns: boolean;
  /** Python `(Examples?|Usage):`; JSDoc `@example`. */
  examples: boolean;
  /** Python `Raises?:`; JSDoc `@throws`/`@exception`. */
  raises: boolean;
};

/** What a language analyser reports for one function; turned into `FunctionMetrics` by `buildFunctionMetrics`. */
export type FunctionAnalysis = {
  complexity: number;
  /**
   * The cleaned doc text (Python: `ast.get_docstring`; JSDoc: comment without the `*` decoration),
   * `""` for an empty doc block, `null` when there is none.
   */
  docText: string | null;
  sections: DocSections;
  hasTypeHints: boolean;
};

/** A parsed source file that can look functions up by name. */
export type ParsedModule = {
  /** The first function with this name in breadth-first order, or undefined. */
  analyze(name: string): FunctionAnalysis | undefined;
};

/** Upstream's `log_code_metrics` summary fields (spec §1.4.5), each rounded like Python `round(, 2)`. */
export type FunctionMetricsSummary = {
  functions_analyzed: number;
  average_complexity: number;
  average_doc_quality: number;
  total_effort_score: number;
};
