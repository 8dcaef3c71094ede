/** The issue severities agents use (flag_ai_issue), most severe first; others sort after them. */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

/** Badge/chart colour of a severity; an unknown severity is gray. */
export function severityColor(severity: string): "rose" | "orange" | "amber" | "gray" {
  const colors: Record<string, "rose" | "orange" | "amber" | "gray"> = {
    critical: "rose",
    high: "orange",
    medium: "amber",
    low: "gray",
  };
  return colors[severity] ?? "gray";
}
