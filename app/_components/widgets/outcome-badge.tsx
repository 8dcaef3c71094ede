import { Badge } from "@tremor/react";
import { humanize } from "@/app/_components/format";

const OUTCOME_COLOR: Record<string, "emerald" | "amber" | "rose"> = {
  success: "emerald",
  partial: "amber",
  failed: "rose",
};

/** Outcome (or status when active) as a badge. */
export function OutcomeBadge({ outcome, status }: { outcome: string | null; status: string }) {
  if (status === "active")
    return (
      <Badge color="blue" size="xs">
        Active
      </Badge>
    );
  if (!outcome)
    return (
      <Badge color="gray" size="xs">
        No outcome
      </Badge>
    );
  return (
    <Badge color={OUTCOME_COLOR[outcome] ?? "gray"} size="xs">
      {humanize(outcome)}
    </Badge>
  );
}
