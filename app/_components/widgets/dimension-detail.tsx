import Link from "next/link";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { UserText } from "@/app/_components/user-text";
import { describeRange, filtersToQuery } from "@/lib/filters";
import type { ComparisonSortParams } from "@/lib/queries/get-comparison";
import type { FilterOptions } from "@/lib/queries/get-filter-options";
import type { DashboardScope } from "@/lib/server/dashboards";
import { ComparisonTable } from "./comparison-table";
import { ReportPanels } from "./report-panels";
import { TableSkeleton } from "./skeletons";

const KIND = {
  project: { list: "/projects", back: "Projects", path: "/projects/" },
  model: { list: "/models", back: "Models", path: "/models/" },
} as const;

/** The two tables of a detail page: who used the project or model, and for what. */
const BY = {
  developer: {
    title: (kind: string) => `Developers using this ${kind}`,
    description: (kind: string) => `Who uses this ${kind}; sort by any column`,
  },
  task: {
    title: (kind: string) => `Task types of this ${kind}`,
    description: (kind: string) => `What this ${kind} is used for`,
  },
} as const;

/**
 * A project's or a model's own page: the Overview's report with that filter fixed, then who used it
 * (developers) and for what (task types), side by side and sortable. `value` is the filter value ("" =
 * no project); `segment` the URL path segment it came from (for the sort links).
 */
export function DimensionDetail({
  kind,
  value,
  segment,
  scope,
  sort,
  options,
}: {
  kind: "project" | "model";
  value: string;
  segment: string;
  scope: DashboardScope;
  sort: ComparisonSortParams & { rejected: string | null };
  options: FilterOptions;
}) {
  const k = KIND[kind];
  const { filters } = scope;
  const basePath = `${k.path}${segment}`;
  const name = value === "" ? "(no project)" : <UserText text={value} />;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-tremor-label">
        <Link
          href={`${k.list}${filtersToQuery({ ...filters, [kind]: undefined })}`}
          className="text-tremor-brand hover:underline"
        >
          ← {k.back}
        </Link>
      </nav>
      <PageHeader title={name} description={describeRange(filters)} />
      <FilterBar filters={filters} options={options} hide={[kind]} />
      <ReportPanels scope={scope}>
        <div className="grid gap-4 xl:grid-cols-2">
          {(["developer", "task"] as const).map((group) => (
            <Suspense key={`${group}-${sort.sort}-${sort.dir}`} fallback={<TableSkeleton />}>
              <ComparisonTable
                scope={scope}
                group={group}
                sort={sort}
                basePath={basePath}
                title={BY[group].title(kind)}
                description={BY[group].description(kind)}
                testId={`detail-by-${group}`}
              />
            </Suspense>
          ))}
        </div>
      </ReportPanels>
    </>
  );
}
