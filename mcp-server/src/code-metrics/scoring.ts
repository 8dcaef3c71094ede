import { pyRound } from "../stats/rounding.js";
import type {
  DocSections,
  FunctionAnalysis,
  FunctionMetrics,
  FunctionMetricsSummary,
  FunctionModification,
} from "./types.js";

// Upstream's doc-score weights, one named constant each (a list of numbers looks alike by design).
const DOC_SCORE_HAS_DOCSTRING = 30;
const DOC_SCORE_LONG = 10;
const DOC_LONG_THRESHOLD = 50;
const DOC_SCORE_ARGS = 20;
const DOC_SCORE_RETURNS = 20;
const DOC_SCORE_EXAMPLES = 10;
const DOC_SCORE_RAISES = 5;
const DOC_SCORE_TYPE_HINTS = 5;
const DOC_SCORE_MAX = 100;

/** Number of Unicode code points, which is what Python's `len(str)` counts. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Upstream's docstring section tests (`re.search(..., re.IGNORECASE)`). The `u` flag makes `i` use
 * Unicode simple case folding as Python does for str patterns (e.g. "ſ" matches "s").
 */
export function pythonDocSections(docText: string): DocSections {
  return {
    args: /(Args?|Parameters?):/iu.test(docText),
    returns: /Returns?:/iu.test(docText),
    examples: /(Examples?|Usage):/iu.test(docText),
    raises: /Raises?:/iu.test(docText),
  };
}

/**
 * Documentation score 0–100 (spec §3.8): 30 for a non-empty doc text, +10 if it is longer than 50
 * code points, +20 args, +20 returns, +10 examples, +5 raises, +5 for type hints, capped at 100.
 * An empty doc text (`""""""`, `/** *\/`) scores nothing but still counts as "has docstring",
 * because upstream tests `docstring is not None` for the flag and `if docstring:` for the points.
 */
export function scoreDocumentation(analysis: FunctionAnalysis): number {
  let score = 0;
  const text = analysis.docText;
  if (text) {
    score += DOC_SCORE_HAS_DOCSTRING;
    if (codePointLength(text) > DOC_LONG_THRESHOLD) score += DOC_SCORE_LONG;
    if (analysis.sections.args) score += DOC_SCORE_ARGS;
    if (analysis.sections.returns) score += DOC_SCORE_RETURNS;
    if (analysis.sections.examples) score += DOC_SCORE_EXAMPLES;
    if (analysis.sections.raises) score += DOC_SCORE_RAISES;
  }
  if (analysis.hasTypeHints) score += DOC_SCORE_TYPE_HINTS;
  return Math.min(score, DOC_SCORE_MAX);
}

/** Upstream's `FunctionMetrics.to_dict()` for one analysed function (spec §2.3, §3.8). */
export function buildFunctionMetrics(mod: FunctionModification, analysis: FunctionAnalysis): FunctionMetrics {
  const added = mod.modification_type === "added";
  const complexity = analysis.complexity;
  const ctx = added ? 0 : complexity;
  return {
    function_name: mod.name,
    modification_type: mod.modification_type,
    ai_contribution: {
      lines_added: mod.lines_added,
      lines_modified: mod.lines_modified,
      lines_deleted: mod.lines_deleted,
      complexity_added: added ? complexity : 0,
    },
    context: { final_complexity: complexity, cognitive_load: ctx },
    documentation: {
      has_docstring: analysis.docText !== null,
      quality_score: scoreDocumentation(analysis),
      has_type_hints: analysis.hasTypeHints,
    },
    value_metrics: {
      // Same operation order as upstream so the doubles are identical before rounding.
      effort_score: pyRound(mod.lines_added * 1.0 + mod.lines_modified * 0.5 + ctx * 0.1, 2),
    },
  };
}

/**
 * The `log_code_metrics` summary (spec §1.4.5/§3.8): count, mean `final_complexity`, mean
 * `quality_score` and total `effort_score`, each `round(, 2)` half-even; all 0 for an empty list.
 */
export function summarizeFunctionMetrics(list: readonly FunctionMetrics[]): FunctionMetricsSummary {
  const n = list.length;
  if (n === 0) {
    return { functions_analyzed: 0, average_complexity: 0, average_doc_quality: 0, total_effort_score: 0 };
  }
  let complexity = 0;
  let doc = 0;
  let effort = 0;
  for (const m of list) {
    complexity += m.context.final_complexity;
    doc += m.documentation.quality_score;
    effort += m.value_metrics.effort_score;
  }
  return {
    functions_analyzed: n,
    average_complexity: pyRound(complexity / n, 2),
    average_doc_quality: pyRound(doc / n, 2),
    total_effort_score: pyRound(effort, 2),
  };
}
