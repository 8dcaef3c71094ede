import type { ComparisonGroup } from "@/lib/queries/get-comparison";
import {
  type DashboardScope,
  loadBreakdown,
  loadFriction,
  loadTrendByDeveloper,
  loadWithheld,
} from "@/lib/server/dashboards";
import { BreakdownTable } from "./breakdown-table";
import { comparisonHref } from "./comparison-table";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";
import { WithheldNote } from "./withheld-note";

type ReportGroup = Exclude<ComparisonGroup, "task">;

/**
 * Upstream's report per developer, project or model (one row each, linking to its page), with the note
 * on rows withheld for member privacy and the in-day friction flags; developers also get a weekly
 * sparkline.
 */
export async function GroupReportTable({
  scope,
  group,
  title,
  description,
  nameHeader,
  emptyTitle = "No sessions in this range",
}: {
  scope: DashboardScope;
  group: ReportGroup;
  title: string;
  description: string;
  nameHeader: string;
  emptyTitle?: string;
}) {
  const rows = await loadBreakdown(scope, group);
  const withheld = await loadWithheld(scope, group);
  const friction = (await loadFriction(scope))[group];
  const trend = group === "developer" ? await loadTrendByDeveloper(scope) : undefined;
  return (
    <WidgetCard title={title} description={description} testId={`${group}s-table`}>
      <WithheldNote withheld={withheld} />
      {rows.length ? (
        <BreakdownTable
          caption={`Figures per ${nameHeader.toLowerCase()}`}
          nameHeader={nameHeader}
          rows={rows}
          friction={friction}
          trend={trend}
          hrefOf={(k) => comparisonHref(group, k, scope.filters)}
        />
      ) : (
        <EmptyState title={emptyTitle} hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
