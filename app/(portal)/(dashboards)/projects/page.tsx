import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { BreakdownTable } from "@/app/_components/widgets/breakdown-table";
import { ComparisonTable, comparisonHref } from "@/app/_components/widgets/comparison-table";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "@/app/_components/widgets/widget-card";
import { WithheldNote } from "@/app/_components/widgets/withheld-note";
import { describeRange } from "@/lib/filters";
import {
  type DashboardScope,
  loadBreakdown,
  loadFilterOptions,
  loadFriction,
  loadWithheld,
} from "@/lib/server/dashboards";
import { comparisonSortFrom, scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Projects" };

async function ProjectsTable({ scope }: { scope: DashboardScope }) {
  const rows = await loadBreakdown(scope, "project");
  const withheld = await loadWithheld(scope, "project");
  const friction = (await loadFriction(scope)).project;
  return (
    <WidgetCard
      title="Upstream report per project"
      description="Sessions grouped by project (the record's project, or the folder below the developer's). Click one for its own page."
      testId="projects-table"
    >
      <WithheldNote withheld={withheld} />
      {rows.length ? (
        <BreakdownTable
          caption="Figures per project"
          nameHeader="Project"
          rows={rows}
          friction={friction}
          hrefOf={(k) => comparisonHref("project", k, scope.filters)}
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
  const sp = await searchParams;
  const { filters, nowMs } = scopeFromSearchParams(sp);
  const sort = comparisonSortFrom(sp);
  // The table groups by project: a project filter would leave one row.
  const scope = { filters: { ...filters, project: undefined }, nowMs };
  return (
    <>
      <PageHeader title="Projects" description={describeRange(filters)} />
      <FilterBar filters={filters} options={await loadFilterOptions(scope)} hide={["project"]} />
      <div className="flex flex-col gap-4">
        <Suspense key={`${sort.sort}-${sort.dir}`} fallback={<TableSkeleton />}>
          <ComparisonTable
            scope={scope}
            group="project"
            sort={sort}
            basePath="/projects"
            title="For whom: projects"
            description="Every project with sessions in the range side by side; sort by any column, click one for its page"
            testId="comparison-projects"
          />
        </Suspense>
        <Suspense fallback={<TableSkeleton />}>
          <ProjectsTable scope={scope} />
        </Suspense>
      </div>
    </>
  );
}
