import { type DashboardFilters, filtersToQuery } from "@/lib/filters";

/**
 * "Export CSV" beside a data table: a plain download link to the table's `/api/v1/<resource>?format=csv`
 * carrying the table's current filters (and sort), so the file holds what the table shows, every page of
 * it. The signed-in session has the `export` scope by role; the file name carries the filters.
 */
export function ExportCsvLink({
  resource,
  filters,
  extra = {},
  label = "Export CSV",
}: {
  /** The `/api/v1` resource path, e.g. "sessions", "projects", "chargeback". */
  resource: string;
  filters: Partial<DashboardFilters>;
  /** More query parameters (the table's `sort` / `dir`). */
  extra?: Record<string, string | number | undefined>;
  label?: string;
}) {
  const href = `/api/v1/${resource}${filtersToQuery(filters, { ...extra, format: "csv" })}`;
  return (
    <a
      href={href}
      download
      className="text-tremor-label font-medium text-tremor-brand hover:underline"
      data-testid={`export-csv-${resource}`}
    >
      {label}
    </a>
  );
}
