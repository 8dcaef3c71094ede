import { Badge, Card } from "@tremor/react";
import type { ReactNode } from "react";

/** Whether a higher value is good (green) or bad (red) for a KPI's change badge. */
export type Direction = "up-good" | "down-good" | "neutral";

/**
 * One KPI: label, value, and the change vs the previous period (absolute, formatted by `formatDelta`);
 * `previous` null = no comparable period (the card says so instead of showing a change).
 * Tremor 4 dropped Metric/BadgeDelta, so this is Card + Badge + plain elements.
 */
export function KpiCard({
  label,
  value,
  current,
  previous,
  formatDelta,
  direction = "up-good",
  info,
  testId,
  periodLabel,
}: {
  label: string;
  /** The figure as shown (a compact number carries its exact value on hover). */
  value: ReactNode;
  current: number | null;
  previous: number | null | undefined;
  formatDelta: (delta: number) => string;
  direction?: Direction;
  info?: ReactNode;
  testId: string;
  periodLabel: string;
}) {
  let badge: ReactNode = null;
  if (previous !== undefined && previous !== null && current !== null) {
    const delta = current - previous;
    const rel = previous !== 0 ? (delta / Math.abs(previous)) * 100 : null;
    const flat = Math.abs(delta) < 1e-9;
    const good = direction === "neutral" || flat ? null : delta > 0 === (direction === "up-good");
    const color = good === null ? "gray" : good ? "emerald" : "rose";
    const arrow = flat ? "→" : delta > 0 ? "▲" : "▼";
    const text = `${arrow} ${delta > 0 ? "+" : ""}${formatDelta(delta)}${rel !== null && !flat ? ` (${rel > 0 ? "+" : ""}${rel.toFixed(0)} %)` : ""}`;
    badge = (
      <Badge color={color} size="xs" title={`Change vs ${periodLabel}`}>
        <span className="sr-only">Change vs {periodLabel}: </span>
        {text}
      </Badge>
    );
  } else if (previous === null) {
    // All time, or a previous period the data does not cover (lib/queries/get-kpis.ts): no ▲/▼.
    badge = (
      <span className="text-tremor-label text-tremor-content-subtle" data-testid="no-comparable-period">
        no comparable period
      </span>
    );
  }
  return (
    <Card className="flex flex-col gap-1 p-4" data-testid={`kpi-${testId}`}>
      <p className="flex items-center gap-1 text-tremor-label font-medium text-tremor-content">
        {label}
        {info}
      </p>
      <p
        className="text-2xl font-semibold tabular-nums tracking-tight text-tremor-content-strong"
        data-testid={`kpi-${testId}-value`}
      >
        {value}
      </p>
      <div className="min-h-5">{badge}</div>
    </Card>
  );
}
