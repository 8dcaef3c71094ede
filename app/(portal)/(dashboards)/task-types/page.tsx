import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { ComparisonTable } from "@/app/_components/widgets/comparison-table";
import { EstimationWidget } from "@/app/_components/widgets/estimation-widget";
import { TableSkeleton, WidgetSkeleton } from "@/app/_components/widgets/skeletons";
import { TaskTypeWidget } from "@/app/_components/widgets/task-type-widget";
import { describeRange } from "@/lib/filters";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { comparisonSortFrom, scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Task types" };

/** Task types: the for-whom comparison per task type (each row opens the Overview filtered to it). */
export default async function TaskTypesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const { filters, nowMs } = scopeFromSearchParams(sp);
  const sort = comparisonSortFrom(sp);
  // The table groups by task type: a task filter would leave one row.
  const scope = { filters: { ...filters, task: undefined }, nowMs };
  return (
    <>
      <PageHeader
        title="Task types"
        description={`${describeRange(filters)}. What kind of work AI assistance pays off on.`}
      />
      <FilterBar filters={filters} options={await loadFilterOptions(scope)} hide={["task"]} />
      <div className="flex flex-col gap-4">
        <Suspense key={`${sort.sort}-${sort.dir}`} fallback={<TableSkeleton />}>
          <ComparisonTable
            scope={scope}
            group="task"
            sort={sort}
            basePath="/task-types"
            title="For whom: task types"
            description="Every task type with sessions in the range side by side; sort by any column, click one to filter the Overview"
            testId="comparison-task-types"
          />
        </Suspense>
        <div className="grid gap-4 lg:grid-cols-2">
          <Suspense fallback={<WidgetSkeleton />}>
            <TaskTypeWidget scope={scope} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton />}>
            <EstimationWidget scope={scope} by="task" />
          </Suspense>
        </div>
      </div>
    </>
  );
}
