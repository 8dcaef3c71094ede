import type { Metadata } from "next";
import { Suspense } from "react";
import { comparisonPage } from "@/app/_components/comparison-page";
import { AdoptionWidget } from "@/app/_components/widgets/adoption-widget";
import { EstimationWidget } from "@/app/_components/widgets/estimation-widget";
import { GroupReportTable } from "@/app/_components/widgets/group-report-table";
import { TableSkeleton, WidgetSkeleton } from "@/app/_components/widgets/skeletons";

export const metadata: Metadata = { title: "Developers" };

/** Developers: one row per developer folder, with a weekly sparkline, linking to their page. */
export default comparisonPage({
  group: "developer",
  title: "Developers",
  description: "Gaps and friction are computed on each developer's own timeline.",
  basePath: "/developers",
  comparison: {
    title: "For whom",
    description:
      "Every developer with sessions in the range; sort by any column, click a name for their dashboard",
  },
  children: (scope) => (
    <>
      <Suspense fallback={<WidgetSkeleton height="h-80" />}>
        <AdoptionWidget scope={scope} />
      </Suspense>
      <Suspense fallback={<TableSkeleton />}>
        <GroupReportTable
          scope={scope}
          group="developer"
          title="Upstream report per developer"
          description="Each row is that developer's own report, as upstream computes it; click a name for their dashboard"
          nameHeader="Developer"
          emptyTitle="No developer has sessions in this range"
        />
      </Suspense>
      <div className="grid gap-4 lg:grid-cols-2">
        <Suspense fallback={<WidgetSkeleton />}>
          <EstimationWidget scope={scope} by="developer" />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <EstimationWidget scope={scope} by="task" />
        </Suspense>
      </div>
    </>
  ),
});
