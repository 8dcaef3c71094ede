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
  const { filters, nowMs } = scopeFromSearchParams(await searchParams);
  // The table groups by model: a model filter would leave one row.
  const scope = { filters: { ...filters, model: undefined }, nowMs };
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
