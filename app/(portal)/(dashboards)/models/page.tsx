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

export const metadata: Metadata = { title: "Models" };

async function ModelsTable({ scope }: { scope: DashboardScope }) {
  const rows = await loadBreakdown(scope, "model");
  const withheld = await loadWithheld(scope, "model");
  const friction = (await loadFriction(scope)).model;
  return (
    <WidgetCard
      title="Upstream report per model"
      description="Sessions grouped by the model that ran them. Click one for its own page."
      testId="models-table"
    >
      <WithheldNote withheld={withheld} />
      {rows.length ? (
        <BreakdownTable
          caption="Figures per model"
          nameHeader="Model"
          rows={rows}
          friction={friction}
          hrefOf={(k) => comparisonHref("model", k, scope.filters)}
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
  const sp = await searchParams;
  const { filters, nowMs } = scopeFromSearchParams(sp);
  const sort = comparisonSortFrom(sp);
  // The table groups by model: a model filter would leave one row.
  const scope = { filters: { ...filters, model: undefined }, nowMs };
  return (
    <>
      <PageHeader title="Models" description={describeRange(filters)} />
      <FilterBar filters={filters} options={await loadFilterOptions(scope)} hide={["model"]} />
      <div className="flex flex-col gap-4">
        <Suspense key={`${sort.sort}-${sort.dir}`} fallback={<TableSkeleton />}>
          <ComparisonTable
            scope={scope}
            group="model"
            sort={sort}
            basePath="/models"
            title="For whom: models"
            description="Every model with sessions in the range side by side; sort by any column, click one for its page"
            testId="comparison-models"
          />
        </Suspense>
        <Suspense fallback={<TableSkeleton />}>
          <ModelsTable scope={scope} />
        </Suspense>
      </div>
    </>
  );
}
