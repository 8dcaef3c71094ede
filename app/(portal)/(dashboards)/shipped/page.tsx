import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { ExportCsvLink } from "@/app/_components/widgets/export-csv-link";
import { ShipDisagreements } from "@/app/_components/widgets/ship-disagreements";
import { ShipRateTable } from "@/app/_components/widgets/ship-rate-table";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "@/app/_components/widgets/widget-card";
import { describeRange } from "@/lib/filters";
import { int, pct } from "@/lib/format";
import { type DashboardScope, loadFilterOptions, loadShipRates } from "@/lib/server/dashboards";
import { scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Shipped" };

const GROUPS = [
  { group: "developer", header: "Developer" },
  { group: "project", header: "Project" },
  { group: "model", header: "Model" },
  { group: "task_type", header: "Task type" },
] as const;

async function ShippedWidgets({ scope }: { scope: DashboardScope }) {
  const tables = await Promise.all(GROUPS.map((g) => loadShipRates(scope, g.group)));
  const total = tables[0]?.total;
  if (!total || total.sessionsWithEvidence === 0) {
    return (
      <WidgetCard title="Shipped work" testId="ship-total">
        <EmptyState
          title="No git evidence in this range"
          hint={`${WIDEN_FILTERS_HINT} The recorder captures git at each session start and end (version with issue 15); older recordings have none.`}
        />
      </WidgetCard>
    );
  }
  return (
    <>
      <WidgetCard
        title="Shipped work"
        description="From the recorder's git evidence: a session shipped when a commit of it reached the default branch and was not reverted."
        testId="ship-total"
      >
        <p className="text-tremor-metric font-semibold" data-testid="ship-rate">
          {total.shipRate === null ? "—" : pct(total.shipRate * 100, 0)}
        </p>
        <p className="text-tremor-default text-tremor-content">
          {int(total.sessionsShipped)} of {int(total.sessionsDecided)} decided sessions shipped ·{" "}
          {int(total.sessionsCommitted)} of {int(total.sessions)} sessions committed ·{" "}
          {int(total.linesShipped)} lines shipped
        </p>
      </WidgetCard>
      {GROUPS.map((g, i) => (
        <WidgetCard
          key={g.group}
          title={`Per ${g.header.toLowerCase()}`}
          testId={`ship-by-${g.group}`}
          actions={<ExportCsvLink resource="ship-rates" filters={scope.filters} extra={{ group: g.group }} />}
        >
          <ShipRateTable
            caption={`Ship rate per ${g.header.toLowerCase()}`}
            nameHeader={g.header}
            rows={tables[i]?.rows ?? []}
            testId={`ship-rates-${g.group}`}
          />
        </WidgetCard>
      ))}
      <WidgetCard
        title="Disagreements"
        description='Sessions reported "success" whose commits never shipped (reverted or unmerged), and "failed" ones that shipped.'
        testId="ship-disagreements-card"
      >
        {total.successNotShipped + total.failedButShipped > 0 ? (
          <ShipDisagreements rows={tables[0]?.disagreements ?? []} />
        ) : (
          <EmptyState title="None" hint="Every reported outcome agrees with git (where git has a verdict)." />
        )}
      </WidgetCard>
    </>
  );
}

/** Shipped: what sessions committed and whether it reached the default branch (issue 15). */
export default async function ShippedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = scopeFromSearchParams(await searchParams);
  return (
    <>
      <PageHeader title="Shipped" description={describeRange(scope.filters)} />
      <FilterBar filters={scope.filters} options={await loadFilterOptions(scope)} />
      <div className="flex flex-col gap-4">
        <Suspense fallback={<TableSkeleton />}>
          <ShippedWidgets scope={scope} />
        </Suspense>
      </div>
    </>
  );
}
