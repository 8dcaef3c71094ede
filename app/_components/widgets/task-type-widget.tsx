import Link from "next/link";
import { Bars } from "@/app/_components/charts/charts";
import { humanize } from "@/app/_components/format";
import { displayText } from "@/lib/display-text";
import { filtersToQuery } from "@/lib/filters";
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
  // A bar opens the Overview filtered to its task type; the Task types page lists the same links.
  const links = Object.fromEntries(
    rows.map((r) => [humanize(r.key), `/${filtersToQuery(scope.filters, { task: r.key })}`]),
  );
  return (
    <WidgetCard
      title="By task type"
      description="Sessions and hours saved (human review is excluded from ROI, as upstream). Click a bar to filter by it."
      testId="widget-task-types"
      actions={
        <Link
          href={`/task-types${filtersToQuery(scope.filters)}`}
          className="text-tremor-label font-medium text-tremor-brand hover:underline"
        >
          Compare task types →
        </Link>
      }
    >
      {rows.length ? (
        <>
          <Bars
            data={data}
            index="task"
            categories={["Sessions", "Hours saved"]}
            colors={["blue", "emerald"]}
            format="fixed1"
            layout="vertical"
            yAxisWidth={128}
            label="Sessions and hours saved by task type"
            links={links}
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
