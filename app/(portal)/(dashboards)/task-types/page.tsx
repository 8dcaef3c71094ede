import type { Metadata } from "next";
import { Suspense } from "react";
import { comparisonPage } from "@/app/_components/comparison-page";
import { EstimationWidget } from "@/app/_components/widgets/estimation-widget";
import { WidgetSkeleton } from "@/app/_components/widgets/skeletons";
import { TaskTypeWidget } from "@/app/_components/widgets/task-type-widget";

export const metadata: Metadata = { title: "Task types" };

/** Task types: the for-whom comparison per task type (each row opens the Overview filtered to it). */
export default comparisonPage({
  group: "task",
  title: "Task types",
  description: "What kind of work AI assistance pays off on.",
  basePath: "/task-types",
  comparison: {
    title: "For whom: task types",
    description:
      "Every task type with sessions in the range side by side; sort by any column, click one to filter the Overview",
  },
  children: (scope) => (
    <div className="grid gap-4 lg:grid-cols-2">
      <Suspense fallback={<WidgetSkeleton />}>
        <TaskTypeWidget scope={scope} />
      </Suspense>
      <Suspense fallback={<WidgetSkeleton />}>
        <EstimationWidget scope={scope} by="task" />
      </Suspense>
    </div>
  ),
});
