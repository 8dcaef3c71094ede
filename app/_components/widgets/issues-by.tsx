import { Bars } from "@/app/_components/charts/charts";
import { humanize } from "@/app/_components/format";
import { displayText } from "@/lib/display-text";
import { type DashboardScope, loadIssues } from "@/lib/server/dashboards";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** Issue counts by model or by task type. */
export async function IssuesBy({ scope, by }: { scope: DashboardScope; by: "model" | "task" }) {
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
