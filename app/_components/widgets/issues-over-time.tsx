import { Bars } from "@/app/_components/charts/charts";
import { date, humanize } from "@/app/_components/format";
import { type DashboardScope, loadIssues } from "@/lib/server/dashboards";
import { SEVERITIES } from "./severity";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** Issues per week, stacked by severity. */
export async function IssuesOverTime({ scope }: { scope: DashboardScope }) {
  const i = await loadIssues(scope);
  const weeks = new Map<string, Record<string, string | number>>();
  const sevs = new Set<string>();
  for (const w of i.weekly) {
    const row = weeks.get(w.week) ?? { week: date(w.week) };
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
