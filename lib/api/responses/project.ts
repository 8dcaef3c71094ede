/**
 * GET /api/v1/projects/{name}: the /projects/{name} page's figures — the report and KPIs with the project
 * filter fixed, the portal's ROI method, and the page's two tables (its developers, its task types) in
 * the asked sort. `project` "" is "no project" (the path's `/none`, as on the pages).
 */
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import type { Kpis } from "@/lib/queries/get-kpis";
import type { Slice } from "@/lib/queries/slices";
import { type ComparisonInput, comparisonResponse } from "./comparison";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema, kpiFields, kpiFieldsDto, reportFields, reportFieldsDto } from "./figures";
import { methodDto, methodSchema } from "./summary";

const byDeveloper = comparisonResponse("developer");
const byTaskType = comparisonResponse("task_type");

/** A comparison table's body without its filters echo (the project body has one, for the whole page). */
function withoutFilters<T extends { filters: unknown }>(body: T): Omit<T, "filters"> {
  const { filters: _filters, ...rest } = body;
  return rest;
}

/** What the project route loads. */
export interface ProjectView {
  project: string;
  filters: DashboardFilters;
  report: Slice;
  kpis: Kpis;
  method: Parameters<typeof methodDto>[0];
  byDeveloper: Omit<ComparisonInput, "filters">;
  byTaskType: Omit<ComparisonInput, "filters">;
}

/** The body of GET /api/v1/projects/{name}. */
export const projectResponse = defineResponse(
  z.strictObject({
    project: z.string().meta({ description: 'The project; "" = sessions without a project (path `/none`)' }),
    filters: filtersSchema,
    ...kpiFields,
    ...reportFields,
    method: methodSchema,
    by_developer: byDeveloper.schema.omit({ filters: true }),
    by_task_type: byTaskType.schema.omit({ filters: true }),
  }),
  (v: ProjectView) => ({
    project: v.project,
    filters: filtersDto(v.filters),
    ...kpiFieldsDto(v.kpis),
    ...reportFieldsDto(v.report),
    method: methodDto(v.method),
    by_developer: withoutFilters(byDeveloper.toDto({ ...v.byDeveloper, filters: v.filters })),
    by_task_type: withoutFilters(byTaskType.toDto({ ...v.byTaskType, filters: v.filters })),
  }),
);
