import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { SessionsTable } from "@/app/_components/widgets/sessions-table";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { describeRange } from "@/lib/filters";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { scopeFromSearchParams, sessionTableParamsFrom } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Sessions" };

// Each dashboard route composes the same frame (header, filter bar, its own widgets): alike by design.
/** Sessions: the server-side paginated, sortable, filterable table. */
export default async function SessionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const scope = scopeFromSearchParams(sp);
  const { filters } = scope;
  const params = sessionTableParamsFrom(sp);
  return (
    <>
      <PageHeader
        title="Sessions"
        description={`${describeRange(filters)}. Sort by any column; open a session for its timeline.`}
      />
      <FilterBar filters={filters} options={await loadFilterOptions(scope)} />
      <Suspense key={JSON.stringify(params)} fallback={<TableSkeleton rows={12} />}>
        <SessionsTable scope={scope} params={params} />
      </Suspense>
    </>
  );
}
