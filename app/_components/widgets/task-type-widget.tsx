import { Bars } from "@/app/_components/charts/charts";
import { humanize } from "@/app/_components/format";
import { displayText } from "@/lib/display-text";
import { type DashboardScope, loadTaskSummary } from "@/lib/server/dashboards";
import { SrTable } from "./sr-table";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** Figures by task type. */
export async function TaskTypeWidget({ scope }: { scope: DashboardScope }) {
  const rows = await loadTaskSummary(scope);
  const data = rows.map((r) => ({
    task: humanize(r.key),
    "Hours saved": r.roi.time_metrics.time_saved_hours,
    Sessions: r.sessions,
  }));
  return (
    <WidgetCard
      title="By task type"
      description="Sessions and hours saved (human review is excluded from ROI, as upstream)"
      testId="widget-task-types"
    >
      {rows.length ? (
        <>
          <Bars
            data={data}
            index="task"
            categories={["Sessions", "Hours saved"]}
            colors={["blue", "emerald"]}
            format="fixed1"
            label="Sessions and hours saved by task type"
            className="h-60"
          />
          <SrTable
            caption="By task type"
            head={["Task type", "Sessions", "Hours saved", "ROI %"]}
            rows={rows.map((r) => [
              displayText(r.key),
              r.sessions,
              r.roi.time_metrics.time_saved_hours,
              r.roi.cost_metrics.roi_percentage,
            ])}
          />
        </>
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
