import Link from "next/link";
import { int } from "@/app/_components/format";
import { filtersToQuery } from "@/lib/filters";
import type { SessionSort, SessionTableParams } from "@/lib/queries/list-sessions";
import { type DashboardScope, loadSessions } from "@/lib/server/dashboards";
import { DataTable } from "./data-table";
import { ExportCsvLink } from "./export-csv-link";
import { sessionColumns } from "./session-columns";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/**
 * The sessions table: sorted, paginated and filtered on the server; headers and pager are links that keep
 * the filters (works without JavaScript, keyboard-friendly).
 */
export async function SessionsTable({
  scope,
  params,
  basePath = "/sessions",
}: {
  scope: DashboardScope;
  params: SessionTableParams;
  basePath?: string;
}) {
  const page = await loadSessions(scope, params);
  const href = (o: Record<string, string | number | undefined>) =>
    `${basePath}${filtersToQuery(scope.filters, { sort: params.sort, dir: params.dir, pageSize: params.pageSize === 25 ? undefined : params.pageSize, page: params.page, ...o })}`;
  const sortHeader = (key: SessionSort, label: string) => {
    const active = params.sort === key;
    const nextDir = active && params.dir === "desc" ? "asc" : "desc";
    return (
      <Link
        href={href({ sort: key, dir: nextDir, page: undefined })}
        className={`inline-flex items-center gap-1 hover:text-tremor-content-strong ${active ? "text-tremor-content-strong" : ""}`}
        aria-label={`Sort by ${label}${active ? (params.dir === "desc" ? ", sorted descending" : ", sorted ascending") : ""}`}
      >
        {label}
        <span aria-hidden="true">{active ? (params.dir === "desc" ? "↓" : "↑") : ""}</span>
      </Link>
    );
  };
  const from = page.total ? (page.page - 1) * params.pageSize + 1 : 0;
  const to = Math.min(page.total, page.page * params.pageSize);
  return (
    <WidgetCard
      title="Sessions"
      description={`${int(page.total)} sessions match the filters`}
      testId="sessions-table"
      actions={page.total ? <ExportCsvLink resource="sessions" filters={scope.filters} /> : undefined}
    >
      {page.total ? (
        <>
          <DataTable
            caption="Sessions"
            columns={sessionColumns(sortHeader, !scope.filters.developer)}
            rows={page.rows}
            rowKey={(r) => r.id}
          />
          <nav
            aria-label="Pagination"
            className="mt-3 flex flex-wrap items-center justify-between gap-2 text-tremor-default"
          >
            <p className="text-tremor-content" data-testid="sessions-range">
              {int(from)}–{int(to)} of {int(page.total)}
            </p>
            <div className="flex gap-2">
              {page.page > 1 ? (
                <Link
                  href={href({ page: page.page - 1 })}
                  rel="prev"
                  className="rounded-tremor-default border border-tremor-border px-3 py-1.5 hover:bg-tremor-background-subtle"
                >
                  ← Previous
                </Link>
              ) : null}
              <span className="px-2 py-1.5 text-tremor-content" aria-current="page">
                Page {int(page.page)} of {int(page.pageCount)}
              </span>
              {page.page < page.pageCount ? (
                <Link
                  href={href({ page: page.page + 1 })}
                  rel="next"
                  className="rounded-tremor-default border border-tremor-border px-3 py-1.5 hover:bg-tremor-background-subtle"
                >
                  Next →
                </Link>
              ) : null}
            </div>
          </nav>
        </>
      ) : (
        <EmptyState title="No sessions match" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
