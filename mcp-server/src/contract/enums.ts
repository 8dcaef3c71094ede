/**
 * Frozen enums of the upstream tracker (spec §1.4). Order is fixed here (upstream's order changes per
 * process because it comes from a Python frozenset); error messages list the values sorted, as upstream does.
 */
export const TASK_TYPES = [
  "code_generation",
  "documentation",
  "debugging",
  "refactoring",
  "testing",
  "analysis",
  "architecture_planning",
  "planning",
  "human_review",
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Task types that ROI ignores (upstream `EXCLUDED_FROM_ROI`). */
export const EXCLUDED_FROM_ROI: ReadonlySet<string> = new Set(["human_review"]);

export const ESTIMATE_SOURCES = ["manual", "issue_tracker", "historical"] as const;
export type EstimateSource = (typeof ESTIMATE_SOURCES)[number];

export const OUTCOMES = ["success", "partial", "failed"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const REQUEST_TYPES = ["coding", "planning", "review", "debug", "general"] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const MODIFICATION_TYPES = ["added", "modified", "refactored", "deleted"] as const;
export type ModificationType = (typeof MODIFICATION_TYPES)[number];

export const TIME_RANGES = ["last_day", "last_week", "all"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

export const SESSION_STATUSES = ["active", "completed"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const EXECUTION_CONTEXTS = ["foreground", "background"] as const;
export type ExecutionContext = (typeof EXECUTION_CONTEXTS)[number];

/** Upstream's error text for an enum: `<field> must be one of: <sorted values>`. */
export function enumError(field: string, values: readonly string[]): string {
  return `${field} must be one of: ${[...values].sort().join(", ")}`;
}
