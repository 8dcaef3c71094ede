import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { CompareWidget } from "@/app/_components/widgets/compare-widget";
import { ReportPanels } from "@/app/_components/widgets/report-panels";
import { describeRange } from "@/lib/filters";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Overview" };

/** Overview: the team's KPIs and every report panel for the filters in the URL. */
export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = scopeFromSearchParams(await searchParams);
  const { filters } = scope;
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Is AI assistance paying off? ${describeRange(filters)}, every developer's shared tracker files.`}
      />
      <FilterBar filters={filters} options={await loadFilterOptions()} />
      <div className="mb-4">
        <Suspense fallback={null}>
          <CompareWidget scope={scope} />
        </Suspense>
      </div>
      <ReportPanels scope={scope} />
    </>
  );
}
