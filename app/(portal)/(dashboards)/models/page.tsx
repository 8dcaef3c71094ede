import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { BreakdownTable } from "@/app/_components/widgets/breakdown-table";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "@/app/_components/widgets/widget-card";
import { portalNow } from "@/lib/clock";
import { describeRange, filtersToQuery, parseFilters, quantizeNow } from "@/lib/filters";
import { type DashboardScope, loadBreakdown, loadFilterOptions } from "@/lib/server/dashboards";

export const metadata: Metadata = { title: "Models" };

async function ModelsTable({ scope }: { scope: DashboardScope }) {
  const rows = await loadBreakdown(scope, "model");
  return (
    <WidgetCard
      title="Models"
      description="Sessions grouped by the model that ran them. Click one to see the Overview filtered to it."
      testId="models-table"
    >
      {rows.length ? (
        <BreakdownTable
          caption="Figures per model"
          nameHeader="Model"
          rows={rows}
          hrefOf={(k) => `/${filtersToQuery(scope.filters, { model: k === "" ? undefined : k })}`}
        />
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}

/** Models: the report figures per model. */
export default async function ModelsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filters = parseFilters(await searchParams);
  const scope = { filters: { ...filters, model: undefined }, nowMs: quantizeNow(portalNow()) };
  return (
    <>
      <PageHeader title="Models" description={describeRange(filters)} />
      <FilterBar filters={filters} options={await loadFilterOptions()} hide={["model"]} />
      <Suspense fallback={<TableSkeleton />}>
        <ModelsTable scope={scope} />
      </Suspense>
    </>
  );
}
