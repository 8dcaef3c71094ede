import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { BreakdownTable } from "@/app/_components/widgets/breakdown-table";
import { EstimationWidget } from "@/app/_components/widgets/estimation-widget";
import { TableSkeleton, WidgetSkeleton } from "@/app/_components/widgets/skeletons";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "@/app/_components/widgets/widget-card";
import { describeRange, filtersToQuery } from "@/lib/filters";
import {
  type DashboardScope,
  loadBreakdown,
  loadFilterOptions,
  loadTrendByDeveloper,
} from "@/lib/server/dashboards";
import { scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Developers" };

async function DevelopersTable({ scope }: { scope: DashboardScope }) {
  const rows = await loadBreakdown(scope, "developer");
  const trend = await loadTrendByDeveloper(scope);
  const { developer: _ignored, ...rest } = scope.filters;
  return (
    <WidgetCard
      title="Developers"
      description="Each row is that developer's own report; click a name for their dashboard"
      testId="developers-table"
    >
      {rows.length ? (
        <BreakdownTable
          caption="Figures per developer"
          nameHeader="Developer"
          rows={rows}
          trend={trend}
          hrefOf={(k) => `/developers/${encodeURIComponent(k)}${filtersToQuery(rest)}`}
        />
      ) : (
        <EmptyState title="No developer has sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}

/** Developers: one row per developer folder, with a weekly sparkline, linking to their page. */
export default async function DevelopersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { filters, nowMs } = scopeFromSearchParams(await searchParams);
  // The table groups by developer: a developer filter would leave one row.
  const scope = { filters: { ...filters, developer: undefined }, nowMs };
  return (
    <>
      <PageHeader
        title="Developers"
        description={`${describeRange(filters)}. Gaps and friction are computed on each developer's own timeline.`}
      />
      <FilterBar filters={filters} options={await loadFilterOptions()} hide={["developer"]} />
      <Suspense fallback={<TableSkeleton />}>
        <DevelopersTable scope={scope} />
      </Suspense>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Suspense fallback={<WidgetSkeleton />}>
          <EstimationWidget scope={scope} by="developer" />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <EstimationWidget scope={scope} by="task" />
        </Suspense>
      </div>
    </>
  );
}
