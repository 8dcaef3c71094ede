import type { Metadata } from "next";
import { Suspense } from "react";
import { comparisonPage } from "@/app/_components/comparison-page";
import { GroupReportTable } from "@/app/_components/widgets/group-report-table";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";

export const metadata: Metadata = { title: "Models" };

/** Models: the for-whom comparison and the report figures per model. */
export default comparisonPage({
  group: "model",
  title: "Models",
  basePath: "/models",
  comparison: {
    title: "For whom: models",
    description:
      "Every model with sessions in the range side by side; sort by any column, click one for its page",
  },
  children: (scope) => (
    <Suspense fallback={<TableSkeleton />}>
      <GroupReportTable
        scope={scope}
        group="model"
        title="Upstream report per model"
        description="Sessions grouped by the model that ran them. Click one for its own page."
        nameHeader="Model"
      />
    </Suspense>
  ),
});
