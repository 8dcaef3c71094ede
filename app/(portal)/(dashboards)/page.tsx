import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { AdoptionSummary } from "@/app/_components/widgets/adoption-summary";
import { CompareWidget } from "@/app/_components/widgets/compare-widget";
import { ComparisonTable } from "@/app/_components/widgets/comparison-table";
import { ReportPanels } from "@/app/_components/widgets/report-panels";
import { TableSkeleton, WidgetSkeleton } from "@/app/_components/widgets/skeletons";
import { describeRange, filtersToQuery } from "@/lib/filters";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { comparisonSortFrom, scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Overview" };

// Each dashboard route composes the same frame (header, filter bar, its own widgets): alike by design.
/** Overview: the team's KPIs and every report panel for the filters in the URL. */
export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const scope = scopeFromSearchParams(sp);
  const { filters } = scope;
  const sort = comparisonSortFrom(sp);
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Is AI assistance paying off? ${describeRange(filters)}, every developer's shared tracker files.`}
      />
      <FilterBar filters={filters} options={await loadFilterOptions(scope)} />
      <div className="mb-4">
        <Suspense fallback={null}>
          <CompareWidget scope={scope} />
        </Suspense>
      </div>
      <ReportPanels scope={scope} />
      <div className="mt-4 grid gap-4 xl:grid-cols-[minmax(0,1fr)_18rem]">
        <Suspense key={`${sort.sort}-${sort.dir}`} fallback={<TableSkeleton />}>
          <ComparisonTable
            scope={scope}
            group="developer"
            sort={sort}
            basePath="/"
            title="For whom"
            description="Developers side by side; sort by any column, click a name for their dashboard"
            testId="comparison-overview"
            limit={10}
            moreHref={`/developers${filtersToQuery({ ...filters, developer: undefined }, { sort: sort.sort, dir: sort.dir })}`}
          />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton height="h-24" />}>
          <AdoptionSummary scope={scope} />
        </Suspense>
      </div>
    </>
  );
}
