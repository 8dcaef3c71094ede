import { Badge } from "@tremor/react";
import { dateTime, humanize } from "@/app/_components/format";
import type { Liveness } from "@/lib/queries/session-liveness";

const OUTCOME_COLOR: Record<string, "emerald" | "amber" | "rose"> = {
  success: "emerald",
  partial: "amber",
  failed: "rose",
};

/**
 * Outcome (or status when active) as a badge. An active session judged at the request time shows
 * "Live", or "Abandoned" with its last activity (no interaction for longer than the max session duration).
 */
export function OutcomeBadge({
  outcome,
  status,
  liveness,
  lastActivityMs,
}: {
  outcome: string | null;
  status: string;
  liveness?: Liveness | null;
  lastActivityMs?: number | null;
}) {
  if (status === "active" && liveness === "abandoned")
    return (
      <Badge
        color="gray"
        size="xs"
        title={`No activity since ${dateTime(lastActivityMs ?? null)}: not counted as active`}
        data-testid="badge-abandoned"
      >
        Abandoned
      </Badge>
    );
  if (status === "active")
    return (
      <Badge color="blue" size="xs" data-testid={liveness === "live" ? "badge-live" : undefined}>
        {liveness === "live" ? "Live" : "Active"}
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
