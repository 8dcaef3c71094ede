import { Badge } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Bars } from "@/app/_components/charts/charts";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { dateTime, humanize, int } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/page-header";
import { UserText } from "@/app/_components/user-text";
import { IssuesWidget } from "@/app/_components/widgets/report-widgets";
import { WidgetSkeleton } from "@/app/_components/widgets/skeletons";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "@/app/_components/widgets/widget-card";
import { displayText } from "@/lib/display-text";
import { describeRange } from "@/lib/filters";
import { type DashboardScope, loadFilterOptions, loadIssues } from "@/lib/server/dashboards";
import { scopeFromSearchParams } from "@/lib/server/request-scope";

export const metadata: Metadata = { title: "Issues" };

const SEVERITIES = ["critical", "high", "medium", "low"];

async function IssuesOverTime({ scope }: { scope: DashboardScope }) {
  const i = await loadIssues(scope);
  const weeks = new Map<string, Record<string, string | number>>();
  const sevs = new Set<string>();
  for (const w of i.weekly) {
    const row = weeks.get(w.week) ?? { week: w.week };
    row[humanize(w.severity)] = w.count;
    sevs.add(humanize(w.severity));
    weeks.set(w.week, row);
  }
  const cats = [
    ...SEVERITIES.map(humanize).filter((s) => sevs.has(s)),
    ...[...sevs].filter((s) => !SEVERITIES.map(humanize).includes(s)),
  ];
  const colors: Record<string, string> = { Critical: "rose", High: "orange", Medium: "amber", Low: "gray" };
  return (
    <WidgetCard
      title="Over time"
      description="Issues per week by severity (weeks start Monday, UTC)"
      testId="issues-over-time"
    >
      {weeks.size ? (
        <Bars
          data={[...weeks.values()]}
          index="week"
          categories={cats}
          colors={cats.map((c) => colors[c] ?? "violet")}
          stack
          label="Issues per week by severity"
          className="h-64"
        />
      ) : (
        <EmptyState title="No issues in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}

async function IssuesBy({ scope, by }: { scope: DashboardScope; by: "model" | "task" }) {
  const i = await loadIssues(scope);
  const rows = by === "model" ? i.byModel : i.byTaskType;
  const title = by === "model" ? "By model" : "By task type";
  return (
    <WidgetCard title={title} description="Issues of sessions in scope" testId={`issues-by-${by}`}>
      {rows.length ? (
        <Bars
          data={rows.map((r) => ({
            key: by === "task" ? humanize(r.key) : displayText(r.key, 60),
            Issues: r.count,
          }))}
          index="key"
          categories={["Issues"]}
          colors={["rose"]}
          layout="vertical"
          yAxisWidth={170}
          label={`Issues ${title.toLowerCase()}`}
          className={rows.length > 5 ? "h-80" : "h-56"}
        />
      ) : (
        <EmptyState title="No issues in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}

async function LatestIssues({ scope }: { scope: DashboardScope }) {
  const i = await loadIssues(scope);
  const color: Record<string, "rose" | "orange" | "amber" | "gray"> = {
    critical: "rose",
    high: "orange",
    medium: "amber",
    low: "gray",
  };
  return (
    <WidgetCard
      title="Latest issues"
      description={`The ${int(i.latest.length)} most recent`}
      testId="latest-issues"
    >
      {i.latest.length ? (
        <ul className="divide-y divide-tremor-border">
          {i.latest.map((x) => (
            <li key={`${x.developer}:${x.sessionId}:${x.timestamp}:${x.description}`} className="py-2">
              <div className="flex flex-wrap items-center gap-2 text-tremor-label text-tremor-content">
                <Badge size="xs" color={color[x.severity] ?? "gray"}>
                  {humanize(x.severity)}
                </Badge>
                <span className="font-medium text-tremor-content-strong">{humanize(x.issueType)}</span>
                <UserText text={x.developer} />
                <span>{dateTime(x.timestamp)}</span>
                {x.resolved ? (
                  <Badge size="xs" color="emerald">
                    resolved
                  </Badge>
                ) : null}
                {x.sessionRowId ? (
                  <Link href={`/sessions/${x.sessionRowId}`} className="text-tremor-brand hover:underline">
                    session →
                  </Link>
                ) : null}
              </div>
              <p className="mt-1 text-tremor-default break-words text-tremor-content-strong">
                <UserText text={x.description} max={500} />
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No issues in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}

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
      <FilterBar filters={filters} options={await loadFilterOptions()} />
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
