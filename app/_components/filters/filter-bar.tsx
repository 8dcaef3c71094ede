import type { DashboardFilters } from "@/lib/filters";
import { FILTER_VALUE_MAX } from "@/lib/filters";
import type { FilterOptions } from "@/lib/queries/get-filter-options";
import { FilterBarClient } from "./filter-bar-client";

type Field = "developer" | "project" | "model" | "task" | "outcome";

/**
 * The filter bar of the dashboard pages. Server side, options longer than a URL filter value keeps
 * are left out before they reach the browser: they could not filter anyway, and a 1 MB project or
 * model name would otherwise ride along in every page's payload.
 */
export function FilterBar({
  filters,
  options,
  hide,
}: {
  filters: DashboardFilters;
  options: FilterOptions;
  hide?: Field[];
}) {
  const fits = (v: string) => v.length <= FILTER_VALUE_MAX;
  const kept: FilterOptions = {
    ...options,
    developers: options.developers.filter(fits),
    projects: options.projects.filter(fits),
    models: options.models.filter(fits),
    taskTypes: options.taskTypes.filter(fits),
  };
  return <FilterBarClient filters={filters} options={kept} hide={hide} />;
}
