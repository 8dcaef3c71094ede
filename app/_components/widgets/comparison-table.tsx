import Link from "next/link";
import { Sparkline } from "@/app/_components/charts/charts";
import { DeveloperName } from "@/app/_components/developer-name";
import { date, fixed, hours, humanize, int, pct } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { displayText } from "@/lib/display-text";
import { type DashboardFilters, filtersToQuery, NO_PROJECT } from "@/lib/filters";
import {
  type ComparisonGroup,
  type ComparisonRow,
  type ComparisonSort,
  type ComparisonSortParams,
  sortComparison,
} from "@/lib/queries/get-comparison";
import { type DashboardScope, loadComparison } from "@/lib/server/dashboards";
import { type Column, DataTable } from "./data-table";
import { ExportCsvLink } from "./export-csv-link";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";
import { WithheldNote } from "./withheld-note";

const NAME_HEADER: Record<ComparisonGroup, string> = {
  developer: "Developer",
  project: "Project",
  model: "Model",
  task: "Task type",
};

/** The filtered view a row opens: the developer's, project's or model's page, or the Overview for a task type. */
export function comparisonHref(group: ComparisonGroup, key: string, filters: DashboardFilters): string {
  switch (group) {
    case "developer":
      return `/developers/${encodeURIComponent(key)}${filtersToQuery({ ...filters, developer: undefined })}`;
    case "project":
      return `/projects/${encodeURIComponent(key === "" ? NO_PROJECT : key)}${filtersToQuery({ ...filters, project: undefined })}`;
    case "model":
      return `/models/${encodeURIComponent(key)}${filtersToQuery({ ...filters, model: undefined })}`;
    case "task":
      return `/${filtersToQuery(filters, { task: key })}`;
  }
}

/** The `/api/v1` resource of each comparison table (its CSV export). */
const COMPARISON_RESOURCE: Record<ComparisonGroup, string> = {
  developer: "developers",
  project: "projects",
  model: "models",
  task: "task-types",
};

const dash = <span className="text-tremor-content-subtle">—</span>;
const or = <T,>(v: T | null, f: (v: T) => string) => (v === null ? dash : f(v));

/**
 * "For whom": one row per developer / project / model / task type with sessions, active days, value
 * hours, hours saved per active week, return per dollar, success rate, effectiveness, issues per session
 * and a weekly sparkline. Sorted on the server; each header is a link that keeps the filters and puts
 * `sort`/`dir` in the URL (works without JavaScript). Each name links to its filtered view.
 */
export async function ComparisonTable({
  scope,
  group,
  sort,
  basePath,
  title,
  description,
  testId,
  limit,
  moreHref,
}: {
  scope: DashboardScope;
  group: ComparisonGroup;
  /** The sort of the URL; `rejected` = a value the page ignored (shown). */
  sort: ComparisonSortParams & { rejected?: string | null };
  /** Path the sort links point to (the page showing the table). */
  basePath: string;
  title: string;
  description?: string;
  testId: string;
  /** Show only the first `limit` rows (with `moreHref` to the full table). */
  limit?: number;
  moreHref?: string;
}) {
  const { rows: all, weeks, withheld } = await loadComparison(scope, group);
  const sorted = sortComparison(all, sort);
  const rows = limit ? sorted.slice(0, limit) : sorted;
  const { filters } = scope;

  const header = (key: ComparisonSort, label: string) => {
    const active = sort.sort === key;
    const nextDir = active && sort.dir === "desc" ? "asc" : "desc";
    return (
      <Link
        href={`${basePath}${filtersToQuery(filters, { sort: key, dir: nextDir })}`}
        scroll={false}
        className={`inline-flex items-center gap-1 hover:text-tremor-content-strong ${active ? "text-tremor-content-strong" : ""}`}
        data-sort={key}
      >
        {label}
        <span aria-hidden="true">{active ? (sort.dir === "desc" ? "↓" : "↑") : ""}</span>
      </Link>
    );
  };
  const col = (
    key: ComparisonSort,
    label: string,
    cell: (r: ComparisonRow) => React.ReactNode,
    extra: Partial<Column<ComparisonRow>> = {},
  ): Column<ComparisonRow> => ({
    key,
    header: header(key, label),
    cell,
    align: "right",
    sorted: sort.sort === key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined,
    ...extra,
  });
  const weekLabels = weeks.map((w) => date(w));

  const columns: Column<ComparisonRow>[] = [
    col(
      "name",
      NAME_HEADER[group],
      (r) => (
        <Link
          href={comparisonHref(group, r.key, filters)}
          className="font-medium text-tremor-brand hover:underline"
          data-testid="comparison-link"
        >
          {r.key === "" ? (
            "(no project)"
          ) : group === "task" ? (
            humanize(r.key)
          ) : group === "developer" ? (
            <DeveloperName folder={r.key} />
          ) : (
            <UserText text={r.key} />
          )}
        </Link>
      ),
      { align: "left" },
    ),
    col("sessions", "Sessions", (r) => int(r.sessions)),
    col("activeDays", "Active days", (r) => int(r.activeDays), { hideOnPhone: true }),
    col("valueHours", "Value hours", (r) => hours(r.valueHours), { hideOnPhone: true }),
    col("hoursSaved", "Saved / active week", (r) => or(r.hoursSavedPerActiveWeek, hours)),
    col("return", "Return per $", (r) => or(r.returnPerDollar, (v) => `$${fixed(v, 2)}`)),
    col("successRate", "Success", (r) => or(r.successRatePct, (v) => pct(v)), { hideOnPhone: true }),
    col("effectiveness", "Effectiveness", (r) => (r.interactions ? fixed(r.effectiveness, 2) : dash), {
      hideOnPhone: true,
    }),
    col("issuesPerSession", "Issues / session", (r) => or(r.issuesPerSession, (v) => fixed(v, 2)), {
      hideOnPhone: true,
    }),
    {
      key: "trend",
      header: "Sessions / week",
      hideOnPhone: true,
      cell: (r) => (
        <Sparkline
          data={r.trend}
          label={`Weekly sessions of ${r.key === "" ? "no project" : displayText(r.key)}${weekLabels.length ? ` from ${weekLabels[0]}` : ""}: ${r.trend.join(", ")}`}
        />
      ),
    },
  ];

  return (
    <WidgetCard
      title={title}
      description={description}
      testId={testId}
      actions={
        <span className="flex items-center gap-3">
          {rows.length ? (
            <ExportCsvLink
              resource={COMPARISON_RESOURCE[group]}
              filters={filters}
              extra={{ sort: sort.sort, dir: sort.dir }}
            />
          ) : null}
          {moreHref && limit && sorted.length > limit ? (
            <Link href={moreHref} className="text-tremor-label font-medium text-tremor-brand hover:underline">
              All {int(sorted.length)} →
            </Link>
          ) : null}
        </span>
      }
    >
      {sort.rejected ? (
        <p role="status" className="mb-2 text-tremor-label text-tremor-content" data-testid="sort-fallback">
          Cannot sort by “{displayText(sort.rejected, 40)}”: sorted by {sort.sort},{" "}
          {sort.dir === "asc" ? "ascending" : "descending"}.
        </p>
      ) : null}
      <WithheldNote withheld={withheld} />
      {rows.length ? (
        <DataTable
          caption={`${title}, sorted by ${sort.sort} ${sort.dir === "asc" ? "ascending" : "descending"}`}
          columns={columns}
          rows={rows}
          rowKey={(r) => r.key}
          testId={`${testId}-table`}
        />
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
