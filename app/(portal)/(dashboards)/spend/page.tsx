import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { SpendWidgets } from "@/app/_components/widgets/spend-widgets";
import { describeRange } from "@/lib/filters";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Spend" };

/** Spend: measured AI spend from the agents' token usage (issue 13). */
export default async function SpendPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = scopeFromSearchParams(await searchParams);
  return (
    <>
      <PageHeader title="Spend" description={describeRange(scope.filters)} />
      <FilterBar
        filters={scope.filters}
        options={await loadFilterOptions(scope)}
        hide={["task", "outcome"]}
      />
      <div className="flex flex-col gap-4">
        <Suspense fallback={<TableSkeleton />}>
          <SpendWidgets scope={scope} />
        </Suspense>
      </div>
    </>
  );
}
