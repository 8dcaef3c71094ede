/**
 * Issue summary (spec §3.7).
 */
import type { Issue } from "../contract/issue-schema.js";

/** Upstream's issue summary: counts by type and by severity, keys in first-seen order. */
export interface IssueSummary {
  total: number;
  by_type: Record<string, number>;
  by_severity: Record<string, number>;
}

/** Counts issues by `issue_type` and `severity` (missing ones are "unknown" in the contract). */
export function summarizeIssues(issues: readonly Pick<Issue, "issue_type" | "severity">[]): IssueSummary {
  const byType = new Map<string, number>();
  const bySeverity = new Map<string, number>();
  for (const i of issues) {
    byType.set(i.issue_type, (byType.get(i.issue_type) ?? 0) + 1);
    bySeverity.set(i.severity, (bySeverity.get(i.severity) ?? 0) + 1);
  }
  return {
    total: issues.length,
    by_type: Object.fromEntries(byType),
    by_severity: Object.fromEntries(bySeverity),
  };
}
