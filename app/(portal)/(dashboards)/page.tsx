import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { KpiGrid } from "@/app/_components/widgets/kpi-grid";
import {
  EffectivenessWidget,
  GapsWidget,
  IssuesWidget,
  OutcomesWidget,
  RequestsWidget,
  RoiWidget,
  TaskTypeWidget,
  TokensWidget,
  TrendWidget,
} from "@/app/_components/widgets/report-widgets";
import { KpiSkeleton, WidgetSkeleton } from "@/app/_components/widgets/skeletons";
import { portalNow } from "@/lib/clock";
import { describeRange, parseFilters, quantizeNow } from "@/lib/filters";
import { loadFilterOptions } from "@/lib/server/dashboards";

export const metadata: Metadata = { title: "Overview" };

/** Overview: the team's KPIs and every report panel for the filters in the URL. */
export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filters = parseFilters(await searchParams);
  const scope = { filters, nowMs: quantizeNow(portalNow()) };
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Is AI assistance paying off? ${describeRange(filters)}, every developer's shared tracker files.`}
      />
      <FilterBar filters={filters} options={loadFilterOptions()} />
      <div className="flex flex-col gap-4">
        <Suspense fallback={<KpiSkeleton />}>
          <KpiGrid scope={scope} />
        </Suspense>
        <div className="grid gap-4 lg:grid-cols-2">
          <Suspense fallback={<WidgetSkeleton height="h-80" />}>
            <TrendWidget scope={scope} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton height="h-80" />}>
            <RoiWidget scope={scope} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton />}>
            <TaskTypeWidget scope={scope} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton />}>
            <OutcomesWidget scope={scope} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton />}>
            <EffectivenessWidget scope={scope} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton />}>
            <GapsWidget scope={scope} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton />}>
            <IssuesWidget scope={scope} />
          </Suspense>
          <div className="grid gap-4">
            <Suspense fallback={<WidgetSkeleton height="h-24" />}>
              <TokensWidget scope={scope} />
            </Suspense>
            <Suspense fallback={<WidgetSkeleton height="h-24" />}>
              <RequestsWidget scope={scope} />
            </Suspense>
          </div>
        </div>
      </div>
    </>
  );
}
