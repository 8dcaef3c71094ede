import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { SessionsTable } from "@/app/_components/widgets/session-widgets";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { portalNow } from "@/lib/clock";
import { describeRange, parseFilters, quantizeNow } from "@/lib/filters";
import { sessionTableParamsSchema } from "@/lib/queries/list-sessions";
import { loadFilterOptions } from "@/lib/server/dashboards";

export const metadata: Metadata = { title: "Sessions" };

/** Sessions: the server-side paginated, sortable, filterable table. */
export default async function SessionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const filters = parseFilters(sp);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const params = sessionTableParamsSchema.parse({
    page: first(sp.page),
    sort: first(sp.sort),
    dir: first(sp.dir),
    pageSize: first(sp.pageSize),
  });
  const scope = { filters, nowMs: quantizeNow(portalNow()) };
  return (
    <>
      <PageHeader
        title="Sessions"
        description={`${describeRange(filters)}. Sort by any column; open a session for its timeline.`}
      />
      <FilterBar filters={filters} options={await loadFilterOptions()} />
      <Suspense key={JSON.stringify(params)} fallback={<TableSkeleton rows={12} />}>
        <SessionsTable scope={scope} params={params} />
      </Suspense>
    </>
  );
}
