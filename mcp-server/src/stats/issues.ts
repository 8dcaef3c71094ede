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
  return tallyIssues(issues, () => 1);
}

/** {@link summarizeIssues} from `(issue_type, severity, count)` groups (e.g. SQL GROUP BY). */
export function summarizeIssueCounts(
  rows: readonly { issue_type: string; severity: string; count: number }[],
): IssueSummary {
  return tallyIssues(rows, (r) => r.count);
}

/** Adds up `countOf(row)` per type and per severity; a callback rather than per-row objects. */
function tallyIssues<T extends Pick<Issue, "issue_type" | "severity">>(
  rows: readonly T[],
  countOf: (row: T) => number,
): IssueSummary {
  const byType = new Map<string, number>();
  const bySeverity = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const n = countOf(r);
    total += n;
    byType.set(r.issue_type, (byType.get(r.issue_type) ?? 0) + n);
    bySeverity.set(r.severity, (bySeverity.get(r.severity) ?? 0) + n);
  }
  return { total, by_type: Object.fromEntries(byType), by_severity: Object.fromEntries(bySeverity) };
}
