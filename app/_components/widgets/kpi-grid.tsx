import { AssumptionsPopover } from "@/app/_components/assumptions-popover";
import { fixed, hours, int, pct, usd } from "@/app/_components/format";
import { describeRange } from "@/lib/filters";
import { type DashboardScope, loadAssumptions, loadKpis } from "@/lib/server/dashboards";
import { KpiCard } from "./kpi-card";

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
  const info = (
    <AssumptionsPopover
      assumptions={a}
      note="Upstream's ROI: every productive completed session counts, whatever its outcome."
    />
  );
  const common = { periodLabel: period };
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="kpi-grid">
      <KpiCard
        {...common}
        testId="sessions"
        label="Sessions"
        value={int(c.sessions)}
        current={c.sessions}
        previous={p?.sessions ?? null}
        formatDelta={int}
        direction="neutral"
      />
      <KpiCard
        {...common}
        testId="completed"
        label="Completed"
        value={int(c.completed)}
        current={c.completed}
        previous={p?.completed ?? null}
        formatDelta={int}
      />
      <KpiCard
        {...common}
        testId="ai-hours"
        label="AI hours"
        value={hours(c.aiHours)}
        current={c.aiHours}
        previous={p?.aiHours ?? null}
        formatDelta={hours}
        direction="neutral"
      />
      <KpiCard
        {...common}
        testId="human-hours"
        label="Est. human hours"
        value={hours(c.humanHours)}
        current={c.humanHours}
        previous={p?.humanHours ?? null}
        formatDelta={hours}
        direction="neutral"
      />
      <KpiCard
        {...common}
        testId="time-saved"
        label="Time saved"
        value={hours(c.timeSavedHours)}
        current={c.timeSavedHours}
        previous={p?.timeSavedHours ?? null}
        formatDelta={hours}
      />
      <KpiCard
        {...common}
        testId="cost-saved"
        label="Cost saved"
        value={usd(c.costSaved)}
        current={c.costSaved}
        previous={p?.costSaved ?? null}
        formatDelta={usd}
        info={info}
      />
      <KpiCard
        {...common}
        testId="roi"
        label="ROI"
        value={pct(c.roiPct)}
        current={c.roiPct}
        previous={p?.roiPct ?? null}
        formatDelta={(d) => `${fixed(d, 1)} pt`}
        info={info}
      />
      <KpiCard
        {...common}
        testId="multiplier"
        label="Productivity"
        value={`${fixed(c.multiplier, 1)}×`}
        current={c.multiplier}
        previous={p?.multiplier ?? null}
        formatDelta={(d) => `${fixed(d, 1)}×`}
      />
      <KpiCard
        {...common}
        testId="effectiveness"
        label="Avg effectiveness"
        value={`${fixed(c.avgEffectiveness, 2)} / 5`}
        current={c.avgEffectiveness}
        previous={p?.avgEffectiveness ?? null}
        formatDelta={(d) => fixed(d, 2)}
      />
      <KpiCard
        {...common}
        testId="success-rate"
        label="Success rate"
        value={c.successRatePct === null ? "—" : pct(c.successRatePct, 0)}
        current={c.successRatePct}
        previous={p ? p.successRatePct : null}
        formatDelta={(d) => `${fixed(d, 0)} pt`}
      />
    </div>
  );
}
