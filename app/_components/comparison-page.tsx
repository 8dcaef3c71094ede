import type { ReactNode } from "react";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { ComparisonTable } from "@/app/_components/widgets/comparison-table";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { type DashboardFilters, describeRange } from "@/lib/filters";
import type { ComparisonGroup } from "@/lib/queries/get-comparison";
import { type DashboardScope, loadFilterOptions } from "@/lib/server/dashboards";
import { comparisonSortFrom, scopeFromSearchParams } from "@/lib/server/request-scope";

/** The filters of a page that groups by `group`: that group's own filter would leave one row. */
function withoutGroupFilter(filters: DashboardFilters, group: ComparisonGroup): DashboardFilters {
  return { ...filters, [group]: undefined };
}

/**
 * The frame of the Developers, Projects, Models and Task types pages: header (the range, then
 * `description`), the filter bar without the group's own filter, the for-whom comparison of the group
 * (sortable; the sort in the URL), then the page's own widgets, given the page's scope.
 */
export async function ComparisonPage({
  searchParams,
  group,
  title,
  description,
  basePath,
  comparison,
  children,
}: {
  /** The page's `await searchParams`. */
  searchParams: Record<string, string | string[] | undefined>;
  group: ComparisonGroup;
  title: string;
  /** Said after the range in the header. */
  description?: string;
  /** The page's own path (the comparison's sort links point here). */
  basePath: string;
  comparison: { title: string; description: string };
  children: (scope: DashboardScope) => ReactNode;
}) {
  const { filters, nowMs } = scopeFromSearchParams(searchParams);
  const sort = comparisonSortFrom(searchParams);
  const scope: DashboardScope = { filters: withoutGroupFilter(filters, group), nowMs };
  const range = describeRange(filters);
  return (
    <>
      <PageHeader title={title} description={description ? `${range}. ${description}` : range} />
      <FilterBar filters={filters} options={await loadFilterOptions(scope)} hide={[group]} />
      <div className="flex flex-col gap-4">
        <Suspense key={`${sort.sort}-${sort.dir}`} fallback={<TableSkeleton />}>
          <ComparisonTable
            scope={scope}
            group={group}
            sort={sort}
            basePath={basePath}
            title={comparison.title}
            description={comparison.description}
            testId={`comparison-${basePath.slice(1)}`}
          />
        </Suspense>
        {children(scope)}
      </div>
    </>
  );
}

/** What a comparison list page says and shows: {@link ComparisonPage}'s props but the search params. */
type ComparisonPageConfig = Omit<Parameters<typeof ComparisonPage>[0], "searchParams">;

/**
 * The page component of a comparison list page (`export default comparisonPage({ … })`): the page is
 * its configuration, the frame is {@link ComparisonPage}.
 */
export function comparisonPage(config: ComparisonPageConfig) {
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page.tsx at module load, never during a render
  return async function ComparisonListPage({
    searchParams,
  }: {
    searchParams: Promise<Record<string, string | string[] | undefined>>;
  }) {
    return <ComparisonPage searchParams={await searchParams} {...config} />;
  };
}
