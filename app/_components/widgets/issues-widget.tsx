import { Badge } from "@tremor/react";
import Link from "next/link";
import { Bars } from "@/app/_components/charts/charts";
import { humanize, int } from "@/app/_components/format";
import { filtersToQuery } from "@/lib/filters";
import { type DashboardScope, loadIssues } from "@/lib/server/dashboards";
import { SEVERITIES, severityColor } from "./severity";
import { SrTable } from "./sr-table";
import { EmptyState, WidgetCard } from "./widget-card";

/** Issues by severity and type. */
export async function IssuesWidget({
  scope,
  linkToIssues = true,
}: {
  scope: DashboardScope;
  linkToIssues?: boolean;
}) {
  const i = await loadIssues(scope);
  const known: readonly string[] = SEVERITIES;
  const sev = [...SEVERITIES, ...Object.keys(i.summary.by_severity).filter((s) => !known.includes(s))].map(
    (s) => ({ s, n: i.summary.by_severity[s] ?? 0 }),
  );
  const types = Object.entries(i.summary.by_type).sort((a, b) => b[1] - a[1]);
  return (
    <WidgetCard
      title="Issues"
      description={`${int(i.summary.total)} flagged, ${int(i.open)} unresolved`}
      actions={
        linkToIssues ? (
          <Link
            href={`/issues${filtersToQuery(scope.filters)}`}
            className="text-tremor-label font-medium text-tremor-brand hover:underline"
          >
            All issues →
          </Link>
        ) : null
      }
      testId="widget-issues"
    >
      {i.summary.total ? (
        <>
          <div className="flex flex-wrap gap-2">
            <span className="sr-only">By severity:</span>
            {sev.map(({ s, n }) => (
              <Badge key={s} color={severityColor(s)}>
                {humanize(s)}: {int(n)}
              </Badge>
            ))}
          </div>
          {/* Chart props spelled out per chart, the logic is in the leaf (see README): alike by design. */}
          <Bars
            data={types.map(([t, n]) => ({ type: humanize(t), Issues: n }))}
            index="type"
            categories={["Issues"]}
            colors={["rose"]}
            layout="vertical"
            yAxisWidth={110}
            label="Issues by type"
            className="mt-3 h-44"
          />
          <SrTable caption="Issues by type" head={["Type", "Issues"]} rows={types} />
        </>
      ) : (
        <EmptyState
          title="No issues flagged"
          hint="Nothing was flagged in this range — or widen the filters."
        />
      )}
    </WidgetCard>
  );
}
