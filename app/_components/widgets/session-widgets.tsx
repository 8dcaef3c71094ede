import { Badge } from "@tremor/react";
import Link from "next/link";
import { compactDateTime, dateTime, fixed, humanize, int, minutes } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { displayText } from "@/lib/display-text";
import { filtersToQuery } from "@/lib/filters";
import type { SessionRow, SessionSort, SessionTableParams } from "@/lib/queries/list-sessions";
import { type DashboardScope, loadSessions } from "@/lib/server/dashboards";
import { type Column, DataTable } from "./data-table";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

const OUTCOME_COLOR: Record<string, "emerald" | "amber" | "rose"> = {
  success: "emerald",
  partial: "amber",
  failed: "rose",
};

/** Outcome (or status when active) as a badge. */
export function OutcomeBadge({ outcome, status }: { outcome: string | null; status: string }) {
  if (status === "active")
    return (
      <Badge color="blue" size="xs">
        Active
      </Badge>
    );
  if (!outcome)
    return (
      <Badge color="gray" size="xs">
        No outcome
      </Badge>
    );
  return (
    <Badge color={OUTCOME_COLOR[outcome] ?? "gray"} size="xs">
      {humanize(outcome)}
    </Badge>
  );
}

function columns(
  sortHeader: (key: SessionSort, label: string) => React.ReactNode,
  withDeveloper: boolean,
): Column<SessionRow>[] {
  return [
    {
      key: "start",
      header: sortHeader("start", "Started"),
      cell: (r) => (
        <Link
          href={`/sessions/${r.id}`}
          className="font-medium whitespace-nowrap text-tremor-brand hover:underline"
          data-testid="session-link"
          title={dateTime(r.startTime)}
        >
          {compactDateTime(r.startTime)}
        </Link>
      ),
    },
    {
      key: "name",
      header: "Session",
      cell: (r) => (
        <span className="block max-w-56 truncate" title={displayText(r.sessionName)}>
          <UserText text={r.sessionName || r.sessionId} />
        </span>
      ),
    },
    ...(withDeveloper
      ? [
          {
            key: "developer",
            header: sortHeader("developer", "Developer"),
            cell: (r: SessionRow) => <UserText text={r.developer} />,
          },
        ]
      : []),
    {
      key: "project",
      header: sortHeader("project", "Project"),
      hideOnPhone: true,
      cell: (r) => (r.project ? <UserText text={r.project} /> : "—"),
    },
    {
      key: "task",
      header: sortHeader("task", "Task type"),
      hideOnPhone: true,
      cell: (r) => humanize(r.taskType),
    },
    {
      key: "model",
      header: sortHeader("model", "Model"),
      hideOnPhone: true,
      cell: (r) => (
        <span className="block max-w-36 truncate text-tremor-label" title={displayText(r.model)}>
          <UserText text={r.model} />
        </span>
      ),
    },
    {
      key: "outcome",
      header: sortHeader("outcome", "Outcome"),
      cell: (r) => <OutcomeBadge outcome={r.outcome} status={r.status} />,
    },
    {
      key: "duration",
      header: sortHeader("duration", "Duration"),
      align: "right",
      cell: (r) => minutes(r.durationMinutes),
    },
    {
      key: "estimate",
      header: sortHeader("estimate", "Estimate"),
      align: "right",
      hideOnPhone: true,
      cell: (r) => minutes(r.estimateMinutes),
    },
    {
      key: "interactions",
      header: sortHeader("interactions", "Turns"),
      align: "right",
      hideOnPhone: true,
      cell: (r) => int(r.interactions),
    },
    {
      key: "effectiveness",
      header: sortHeader("effectiveness", "Rating"),
      align: "right",
      hideOnPhone: true,
      cell: (r) => fixed(r.avgEffectiveness, 2),
    },
  ];
}

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
    >
      {page.total ? (
        <>
          <DataTable
            caption="Sessions"
            columns={columns(sortHeader, !scope.filters.developer)}
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
          columns={columns((_k, l) => l, !scope.filters.developer)}
          rows={page.rows}
          rowKey={(r) => r.id}
        />
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
