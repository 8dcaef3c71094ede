import type { Metadata } from "next";
import { Suspense } from "react";
import { comparisonPage } from "@/app/_components/comparison-page";
import { GroupReportTable } from "@/app/_components/widgets/group-report-table";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";

export const metadata: Metadata = { title: "Projects" };

/** Projects: the for-whom comparison and the report figures per project. */
export default comparisonPage({
  group: "project",
  title: "Projects",
  basePath: "/projects",
  comparison: {
    title: "For whom: projects",
    description:
      "Every project with sessions in the range side by side; sort by any column, click one for its page",
  },
  children: (scope) => (
    <Suspense fallback={<TableSkeleton />}>
      <GroupReportTable
        scope={scope}
        group="project"
        title="Upstream report per project"
        description="Sessions grouped by project (the record's project, or the folder below the developer's). Click one for its own page."
        nameHeader="Project"
      />
    </Suspense>
  ),
});
