import type { ReactNode } from "react";
import { AssumptionsPopover } from "@/app/_components/assumptions-popover";
import { CompactNumber } from "@/app/_components/compact-number";
import { describeRange } from "@/lib/filters";
import type { KpiValues } from "@/lib/queries/get-kpis";
import { type DashboardScope, loadAssumptions, loadKpis } from "@/lib/server/dashboards";
import { type Direction, KpiCard } from "./kpi-card";
import { KPI_FIGURES } from "./kpi-figures";

/** One KPI card: which figure (its label and formats in KPI_FIGURES), and whether up is good. */
interface KpiSpec {
  key: keyof KpiValues;
  testId: string;
  direction?: Direction;
  /** Carries the ROI assumptions popover. */
  withAssumptions?: boolean;
}

/** The ten cards, in grid order. */
const KPIS: readonly KpiSpec[] = [
  { key: "sessions", testId: "sessions", direction: "neutral" },
  { key: "completed", testId: "completed" },
  { key: "aiHours", testId: "ai-hours", direction: "neutral" },
  { key: "humanHours", testId: "human-hours", direction: "neutral" },
  { key: "timeSavedHours", testId: "time-saved" },
  { key: "costSaved", testId: "cost-saved", withAssumptions: true },
  { key: "roiPct", testId: "roi", withAssumptions: true },
  { key: "multiplier", testId: "multiplier" },
  { key: "avgEffectiveness", testId: "effectiveness" },
  { key: "successRatePct", testId: "success-rate" },
];

// Counts, hours and money read compactly from 10,000 on, the exact value on hover (one style app-wide).
function cardValue(key: keyof KpiValues, v: number): ReactNode {
  const f = KPI_FIGURES[key];
  return f.compact ? <CompactNumber value={v} kind={f.compact} /> : f.text(v);
}

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
            label={KPI_FIGURES[s.key].label}
            value={current === null ? "—" : cardValue(s.key, current)}
            current={current}
            previous={p?.[s.key] ?? null}
            formatDelta={KPI_FIGURES[s.key].change}
            direction={s.direction}
            info={s.withAssumptions ? info : undefined}
          />
        );
      })}
    </div>
  );
}
