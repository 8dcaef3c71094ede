/**
 * Report summary of the code metrics logged on sessions (`calculate_code_metrics_summary`, spec §3.8).
 */
import type { Session } from "../contract/session-schema.js";
import { pyRound } from "./rounding.js";

/** Totals over every function of every code-metrics entry. */
export interface CodeMetricsSummary {
  total_functions: number;
  /** Lines. */
  total_lines_added: number;
  total_lines_modified: number;
  /** Mean final cyclomatic complexity, unrounded; 0 when there are no functions. */
  avg_complexity: number;
  /** Mean documentation score 0–100, unrounded; 0 when there are no functions. */
  avg_doc_score: number;
  /** Σ effort score, rounded to 2 dp. */
  total_effort_score: number;
}

/** Summarises `code_metrics` over ALL sessions given (not only productive or completed ones). */
export function summarizeCodeMetrics(sessions: readonly Pick<Session, "code_metrics">[]): CodeMetricsSummary {
  // One running total per figure, summed in one pass (declarations alike by design).
  let functions = 0;
  let complexity = 0;
  let doc = 0;
  let effort = 0;
  let added = 0;
  let modified = 0;
  for (const s of sessions) {
    for (const entry of s.code_metrics) {
      for (const f of entry.functions) {
        functions += 1;
        complexity += f.context.final_complexity;
        doc += f.documentation.quality_score;
        effort += f.value_metrics.effort_score;
        added += f.ai_contribution.lines_added;
        modified += f.ai_contribution.lines_modified;
      }
    }
  }
  return {
    total_functions: functions,
    total_lines_added: added,
    total_lines_modified: modified,
    avg_complexity: functions ? complexity / functions : 0,
    avg_doc_score: functions ? doc / functions : 0,
    total_effort_score: pyRound(effort, 2),
  };
}
