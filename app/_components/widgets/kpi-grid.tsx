import type { ReactNode } from "react";
import { AssumptionsPopover } from "@/app/_components/assumptions-popover";
import { CompactNumber } from "@/app/_components/compact-number";
import { fixed, hours, int, pct, usd } from "@/app/_components/format";
import { describeRange } from "@/lib/filters";
import type { KpiValues } from "@/lib/queries/get-kpis";
import { type DashboardScope, loadAssumptions, loadKpis } from "@/lib/server/dashboards";
import { type Direction, KpiCard } from "./kpi-card";

/** One KPI card: which figure, how its value and its change read, and whether up is good. */
interface KpiSpec {
  key: keyof KpiValues;
  testId: string;
  label: string;
  value: (v: number) => ReactNode;
  delta: (d: number) => string;
  direction?: Direction;
  /** Carries the ROI assumptions popover. */
  withAssumptions?: boolean;
}

// Counts, hours and money read compactly from 10,000 on, the exact value on hover (one style app-wide).
const count = (v: number) => <CompactNumber value={v} />;
const hourly = (v: number) => <CompactNumber value={v} kind="hours" />;
const money = (v: number) => <CompactNumber value={v} kind="usd" />;

/** The ten cards, in grid order. */
const KPIS: readonly KpiSpec[] = [
  { key: "sessions", testId: "sessions", label: "Sessions", value: count, delta: int, direction: "neutral" },
  { key: "completed", testId: "completed", label: "Completed", value: count, delta: int },
  {
    key: "aiHours",
    testId: "ai-hours",
    label: "AI hours",
    value: hourly,
    delta: hours,
    direction: "neutral",
  },
  {
    key: "humanHours",
    testId: "human-hours",
    label: "Est. human hours",
    value: hourly,
    delta: hours,
    direction: "neutral",
  },
  {
    key: "timeSavedHours",
    testId: "time-saved",
    label: "Time saved (upstream method)",
    value: hourly,
    delta: hours,
  },
  {
    key: "costSaved",
    testId: "cost-saved",
    label: "Cost saved (upstream method)",
    value: money,
    delta: usd,
    withAssumptions: true,
  },
  {
    key: "roiPct",
    testId: "roi",
    label: "ROI (upstream method)",
    value: (v) => pct(v),
    delta: (d) => `${fixed(d, 1)} pt`,
    withAssumptions: true,
  },
  {
    key: "multiplier",
    testId: "multiplier",
    label: "Productivity",
    value: (v) => `${fixed(v, 1)}×`,
    delta: (d) => `${fixed(d, 1)}×`,
  },
  {
    key: "avgEffectiveness",
    testId: "effectiveness",
    label: "Avg effectiveness",
    value: (v) => `${fixed(v, 2)} / 5`,
    delta: (d) => fixed(d, 2),
  },
  {
    key: "successRatePct",
    testId: "success-rate",
    label: "Success rate",
    value: (v) => pct(v, 0),
    delta: (d) => `${fixed(d, 0)} pt`,
  },
];

/** The ten KPI cards with the change vs the previous period of equal length. */
export async function KpiGrid({ scope }: { scope: DashboardScope }) {
  const k = await loadKpis(scope);
  const a = await loadAssumptions();
  const c = k.current;
  const p = k.previous;
  const period = p
    ? `the previous ${describeRange(scope.filters)
        .replace(/^Last /, "")
        .toLowerCase()}`
    : "";
  const info: ReactNode = (
    <AssumptionsPopover
      assumptions={a}
      note="Upstream's ROI: every productive completed session counts, whatever its outcome."
    />
  );
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="kpi-grid">
      {KPIS.map((s) => {
        const current = c[s.key];
        return (
          <KpiCard
            key={s.testId}
            periodLabel={period}
            testId={s.testId}
            label={s.label}
            value={current === null ? "—" : s.value(current)}
            current={current}
            previous={p?.[s.key] ?? null}
            formatDelta={s.delta}
            direction={s.direction}
            info={s.withAssumptions ? info : undefined}
          />
        );
      })}
    </div>
  );
}
