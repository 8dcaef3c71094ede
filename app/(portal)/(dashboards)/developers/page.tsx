import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { AdoptionWidget } from "@/app/_components/widgets/adoption-widget";
import { BreakdownTable } from "@/app/_components/widgets/breakdown-table";
import { ComparisonTable } from "@/app/_components/widgets/comparison-table";
import { EstimationWidget } from "@/app/_components/widgets/estimation-widget";
import { TableSkeleton, WidgetSkeleton } from "@/app/_components/widgets/skeletons";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "@/app/_components/widgets/widget-card";
import { WithheldNote } from "@/app/_components/widgets/withheld-note";
import { describeRange, filtersToQuery } from "@/lib/filters";
import {
  type DashboardScope,
  loadBreakdown,
  loadFilterOptions,
  loadFriction,
  loadTrendByDeveloper,
  loadWithheld,
} from "@/lib/server/dashboards";
import { comparisonSortFrom, scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Developers" };

async function DevelopersTable({ scope }: { scope: DashboardScope }) {
  const rows = await loadBreakdown(scope, "developer");
  const withheld = await loadWithheld(scope, "developer");
  const friction = (await loadFriction(scope)).developer;
  const trend = await loadTrendByDeveloper(scope);
  const { developer: _ignored, ...rest } = scope.filters;
  return (
    <WidgetCard
      title="Upstream report per developer"
      description="Each row is that developer's own report, as upstream computes it; click a name for their dashboard"
      testId="developers-table"
    >
      <WithheldNote withheld={withheld} />
      {rows.length ? (
        <BreakdownTable
          caption="Figures per developer"
          nameHeader="Developer"
          rows={rows}
          friction={friction}
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
  const sp = await searchParams;
  const { filters, nowMs } = scopeFromSearchParams(sp);
  // The table groups by developer: a developer filter would leave one row.
  const scope = { filters: { ...filters, developer: undefined }, nowMs };
  const sort = comparisonSortFrom(sp);
  return (
    <>
      <PageHeader
        title="Developers"
        description={`${describeRange(filters)}. Gaps and friction are computed on each developer's own timeline.`}
      />
      <FilterBar filters={filters} options={await loadFilterOptions(scope)} hide={["developer"]} />
      <div className="flex flex-col gap-4">
        <Suspense key={`${sort.sort}-${sort.dir}`} fallback={<TableSkeleton />}>
          <ComparisonTable
            scope={scope}
            group="developer"
            sort={sort}
            basePath="/developers"
            title="For whom"
            description="Every developer with sessions in the range; sort by any column, click a name for their dashboard"
            testId="comparison-developers"
          />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton height="h-80" />}>
          <AdoptionWidget scope={scope} />
        </Suspense>
        <Suspense fallback={<TableSkeleton />}>
          <DevelopersTable scope={scope} />
        </Suspense>
      </div>
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
