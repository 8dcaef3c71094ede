import Link from "next/link";
import { filtersToQuery } from "@/lib/filters";
import { type DashboardScope, loadSessions } from "@/lib/server/dashboards";
import { DataTable } from "./data-table";
import { sessionColumns } from "./session-columns";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** The latest sessions of a scope (developer page), linking to the full table. */
export async function RecentSessions({ scope }: { scope: DashboardScope }) {
  const page = await loadSessions(scope, { page: 1, sort: "start", dir: "desc", pageSize: 10 });
  return (
    <WidgetCard
      title="Recent sessions"
      description="The latest 10; open one for its timeline"
      actions={
        <Link
          href={`/sessions${filtersToQuery(scope.filters)}`}
          className="text-tremor-label font-medium text-tremor-brand hover:underline"
        >
          All sessions →
        </Link>
      }
      testId="recent-sessions"
    >
      {page.total ? (
        <DataTable
          caption="Recent sessions"
          columns={sessionColumns((_k, l) => l, !scope.filters.developer)}
          rows={page.rows}
          rowKey={(r) => r.id}
        />
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
