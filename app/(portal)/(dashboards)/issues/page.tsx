import type { Metadata } from "next";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { IssuesBy } from "@/app/_components/widgets/issues-by";
import { IssuesOverTime } from "@/app/_components/widgets/issues-over-time";
import { IssuesWidget } from "@/app/_components/widgets/issues-widget";
import { LatestIssues } from "@/app/_components/widgets/latest-issues";
import { WidgetSkeleton } from "@/app/_components/widgets/skeletons";
import { describeRange } from "@/lib/filters";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Issues" };

// Each dashboard route composes the same frame (header, filter bar, its own widgets): alike by design.
/** Issues: by severity, type, model, task type and over time, plus the latest ones. */
export default async function IssuesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const scope = scopeFromSearchParams(await searchParams);
  const { filters } = scope;
  return (
    <>
      <PageHeader
        title="Issues"
        description={`${describeRange(filters)}. Problems agents flagged with flag_ai_issue.`}
      />
      <FilterBar filters={filters} options={await loadFilterOptions(scope)} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Suspense fallback={<WidgetSkeleton />}>
          <IssuesWidget scope={scope} linkToIssues={false} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <IssuesOverTime scope={scope} />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <IssuesBy scope={scope} by="model" />
        </Suspense>
        <Suspense fallback={<WidgetSkeleton />}>
          <IssuesBy scope={scope} by="task" />
        </Suspense>
      </div>
      <div className="mt-4">
        <Suspense fallback={<WidgetSkeleton />}>
          <LatestIssues scope={scope} />
        </Suspense>
      </div>
    </>
  );
}
