import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { BreakdownTable } from "@/app/_components/widgets/breakdown-table";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "@/app/_components/widgets/widget-card";
import { describeRange, filtersToQuery } from "@/lib/filters";
import { type DashboardScope, loadBreakdown, loadFilterOptions } from "@/lib/server/dashboards";
import { scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Projects" };

async function ProjectsTable({ scope }: { scope: DashboardScope }) {
  const rows = await loadBreakdown(scope, "project");
  return (
    <WidgetCard
      title="Projects"
      description="Sessions grouped by project (the record's project, or the folder below the developer's). Click one to see the Overview filtered to it."
      testId="projects-table"
    >
      {rows.length ? (
        <BreakdownTable
          caption="Figures per project"
          nameHeader="Project"
          rows={rows}
          hrefOf={(k) => `/${filtersToQuery(scope.filters, { project: k === "" ? undefined : k })}`}
        />
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}

/** Projects: the report figures per project. */
export default async function ProjectsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { filters, nowMs } = scopeFromSearchParams(await searchParams);
  // The table groups by project: a project filter would leave one row.
  const scope = { filters: { ...filters, project: undefined }, nowMs };
  return (
    <>
      <PageHeader title="Projects" description={describeRange(filters)} />
      <FilterBar filters={filters} options={await loadFilterOptions()} hide={["project"]} />
      <Suspense fallback={<TableSkeleton />}>
        <ProjectsTable scope={scope} />
      </Suspense>
    </>
  );
}
