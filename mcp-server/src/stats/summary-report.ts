/**
 * The analytics report text (`generate_summary_report`, spec §3.10), used by `get_ai_observability`,
 * the `report` CLI and the portal's `/api/report`.
 */
import type { Interaction } from "../contract/interaction-schema.js";
import type { Issue } from "../contract/issue-schema.js";
import type { Session } from "../contract/session-schema.js";
import type { Assumptions } from "./assumptions.js";
import { summarizeCodeMetrics } from "./code-metrics-summary.js";
import { calculateEffectivenessDistribution } from "./effectiveness.js";
import { summarizeIssues } from "./issues.js";
import { calculateRoiMetrics, type RoiMetrics, type RoiSession } from "./roi.js";
import { pyFormatFixed, pyFormatThousands } from "./rounding.js";

/** The data a report covers (already filtered to one session, if that is wanted). */
export interface SummaryReportInput {
  sessions: readonly (RoiSession & Pick<Session, "code_metrics">)[];
  interactions: readonly Pick<Interaction, "effectiveness_rating">[];
  issues: readonly Pick<Issue, "issue_type" | "severity">[];
  /** ROI already computed for the same sessions, interactions and assumptions (saves a second pass). */
  roi?: RoiMetrics;
}

const RULE = "=".repeat(50);
const REPORTED_SEVERITIES = ["critical", "high", "medium", "low"] as const;

/** Python's `"${:,.2f}"`: the sign lands after the dollar, `$-12.34`. */
const money = (x: number): string => `$${pyFormatThousands(x, 2)}`;

/**
 * Upstream's report text, byte for byte: lines joined with "\n", no trailing newline. "Total sessions"
 * counts every session given; "Completed sessions" only productive completed ones. Several figures
 * are rounded twice (2 dp in the ROI dict, then `:.1f`), as upstream does.
 */
export function generateSummaryReport(input: SummaryReportInput, assumptions?: Partial<Assumptions>): string {
  const roi = input.roi ?? calculateRoiMetrics(input.sessions, input.interactions, assumptions);
  const dist = calculateEffectivenessDistribution(input.interactions);
  const issues = summarizeIssues(input.issues);
  const code = summarizeCodeMetrics(input.sessions);

  const lines = [
    RULE,
    "AI SESSION TRACKER - ANALYTICS REPORT",
    RULE,
    "",
    "📊 SESSION SUMMARY",
    `  • Total sessions: ${input.sessions.length}`,
    `  • Completed sessions: ${roi.time_metrics.completed_sessions}`,
    `  • Total AI time: ${pyFormatFixed(roi.time_metrics.total_ai_hours, 1)} hours`,
    "",
    "💰 ROI METRICS",
    `  • Human baseline cost: ${money(roi.cost_metrics.human_baseline_cost)}`,
    `  • AI total cost: ${money(roi.cost_metrics.total_ai_cost)}`,
    `  • Cost saved: ${money(roi.cost_metrics.cost_saved)}`,
    `  • ROI: ${pyFormatFixed(roi.cost_metrics.roi_percentage, 1)}%`,
    "",
    "⭐ EFFECTIVENESS DISTRIBUTION",
  ];
  for (const rating of [5, 4, 3, 2, 1] as const) {
    lines.push(`  ${"★".repeat(rating)}${"☆".repeat(5 - rating)}: ${dist[rating]}`);
  }
  lines.push(
    "",
    `  Average: ${pyFormatFixed(roi.productivity_metrics.average_effectiveness, 1)}/5`,
    "",
    "🐛 ISSUES SUMMARY",
    `  • Total issues: ${issues.total}`,
  );
  for (const severity of REPORTED_SEVERITIES) {
    const count = issues.by_severity[severity] ?? 0;
    if (count > 0) lines.push(`  • ${severity[0]?.toUpperCase()}${severity.slice(1)}: ${count}`);
  }
  lines.push(
    "",
    "📝 CODE METRICS",
    `  • Functions analyzed: ${code.total_functions}`,
    `  • Lines added: ${code.total_lines_added}`,
    `  • Avg complexity: ${pyFormatFixed(code.avg_complexity, 1)}`,
    `  • Avg doc score: ${pyFormatFixed(code.avg_doc_score, 0)}/100`,
    `  • Total effort score: ${pyFormatFixed(code.total_effort_score, 1)}`,
    "",
    RULE,
  );
  return lines.join("\n");
}
