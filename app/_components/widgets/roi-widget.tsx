import { Fragment } from "react";
import { AssumptionsPopover } from "@/app/_components/assumptions-popover";
import { int, pct, ratio, usd } from "@/app/_components/format";
import { type DashboardScope, loadAssumptions, loadEstimation, loadReport } from "@/lib/server/dashboards";
import { WidgetCard } from "./widget-card";

/** One ROI figure with its cost lines; "Cost saved" (emphasised) follows `rows`, then `after`. */
function RoiFigures({
  title,
  testId,
  roiPct,
  rows,
  costSaved,
  after,
}: {
  title: string;
  testId: string;
  roiPct: number;
  rows: [string, string][];
  costSaved: number;
  after?: [string, string];
}) {
  return (
    <div className="rounded-tremor-default bg-tremor-background-muted p-3">
      <p className="text-tremor-label font-medium text-tremor-content">{title}</p>
      <p className="text-xl font-semibold tabular-nums text-tremor-content-strong" data-testid={testId}>
        {pct(roiPct)}
      </p>
      <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 text-tremor-label tabular-nums">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt className="text-tremor-content">{label}</dt>
            <dd className="text-right text-tremor-content-strong">{value}</dd>
          </Fragment>
        ))}
        <dt className="text-tremor-content">Cost saved</dt>
        <dd className="text-right font-medium text-tremor-content-strong">{usd(costSaved)}</dd>
        {after ? (
          <>
            <dt className="text-tremor-content">{after[0]}</dt>
            <dd className="text-right text-tremor-content-strong">{after[1]}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** ROI as upstream computes it, beside outcome-weighted ROI and estimation accuracy. */
export async function RoiWidget({ scope }: { scope: DashboardScope }) {
  const r = await loadReport(scope);
  const e = (await loadEstimation(scope)).overall;
  const a = await loadAssumptions();
  const c = r.roi.cost_metrics;
  const o = r.outcomeRoi;
  // The panels are data of one shape (title, figures), listed side by side on purpose.
  const panels: Parameters<typeof RoiFigures>[0][] = [
    {
      title: "Upstream method",
      testId: "roi-upstream",
      roiPct: c.roi_percentage,
      rows: [
        ["Human baseline", usd(c.human_baseline_cost)],
        ["AI subscription", usd(c.ai_subscription_cost)],
        ["Oversight", usd(c.oversight_cost)],
      ],
      costSaved: c.cost_saved,
    },
    {
      title: "Outcome-weighted ROI",
      testId: "roi-outcome",
      roiPct: o.roi_percentage,
      rows: [
        ["Value delivered", usd(o.human_value_cost)],
        ["AI cost", usd(o.total_ai_cost)],
      ],
      costSaved: o.cost_saved,
      after: [
        "Success / partial / failed",
        `${o.by_outcome.success} / ${o.by_outcome.partial} / ${o.by_outcome.failed}`,
      ],
    },
  ];
  return (
    <WidgetCard
      title="Return on investment"
      description="Upstream's ROI beside an outcome-weighted ROI and how good the estimates were"
      actions={<AssumptionsPopover assumptions={a} align="right" />}
      testId="widget-roi"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {panels.map((p) => (
          <RoiFigures key={p.testId} {...p} />
        ))}
      </div>
      <p className="mt-3 text-tremor-label text-tremor-content" data-testid="roi-explainer">
        Upstream's ROI counts every completed session's estimated human time as value, whatever the outcome.
        The outcome-weighted ROI counts a failed session's cost and no value, a partial one at half its value,
        and a success (or a session without an outcome) in full.
      </p>
      <div className="mt-4 border-t border-tremor-border pt-3">
        <p className="text-tremor-label font-medium text-tremor-content">
          Estimation accuracy ({int(e.sessions_considered)} completed sessions with a duration)
        </p>
        <dl
          className="mt-1 grid grid-cols-3 gap-2 text-tremor-label tabular-nums"
          data-testid="estimation-accuracy"
        >
          {(
            [
              ["Initial ÷ actual (median)", ratio(e.initial_to_actual.median)],
              ["Final ÷ actual (median)", ratio(e.final_to_actual.median)],
              [
                "Initial vs final (MAPE)",
                e.initial_vs_final_mape_pct === null ? "—" : pct(e.initial_vs_final_mape_pct, 0),
              ],
            ] as const
          ).map(([label, value]) => (
            <div key={label}>
              <dt className="text-tremor-content">{label}</dt>
              <dd className="text-tremor-default font-semibold text-tremor-content-strong">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-1 text-tremor-label text-tremor-content-subtle">
          A ratio of 2× means the work took half the time a human estimated.
        </p>
      </div>
    </WidgetCard>
  );
}
