/**
 * GET /api/v1/projects, /models, /task-types: the "for whom" comparison table of the page of the same
 * name (lib/queries/get-comparison.ts), sorted as asked, with the sparkline's weeks.
 */
import { z } from "zod";
import type { WithheldSummary } from "@/lib/auth/privacy";
import type { DashboardFilters } from "@/lib/filters";
import {
  COMPARISON_SORTS,
  type ComparisonRow,
  type ComparisonSortParams,
  sortComparison,
} from "@/lib/queries/get-comparison";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema, withheldDto, withheldSchema } from "./figures";

const num = z.number();

const rowFields = {
  sessions: num,
  active_days: num,
  active_weeks: num,
  value_hours: num,
  hours_saved: num,
  hours_saved_per_active_week: num.nullable(),
  return_per_dollar: num.nullable(),
  success_rate_pct: num.nullable(),
  effectiveness: num,
  interactions: num,
  issues: num,
  issues_per_session: num.nullable(),
  trend: z.array(num).meta({ description: "Sessions per week, oldest first (the `weeks` of the body)" }),
};

const rowDto = (r: ComparisonRow) => ({
  sessions: r.sessions,
  active_days: r.activeDays,
  active_weeks: r.activeWeeks,
  value_hours: r.valueHours,
  hours_saved: r.hoursSaved,
  hours_saved_per_active_week: r.hoursSavedPerActiveWeek,
  return_per_dollar: r.returnPerDollar,
  success_rate_pct: r.successRatePct,
  effectiveness: r.effectiveness,
  interactions: r.interactions,
  issues: r.issues,
  issues_per_session: r.issuesPerSession,
  trend: [...r.trend],
});

/** What a comparison route loads: its filters, the asked sort, the rows (unsorted) and sparkline weeks. */
export interface ComparisonInput {
  filters: DashboardFilters;
  sort: ComparisonSortParams;
  rows: readonly ComparisonRow[];
  /** Monday 00:00 UTC, epoch ms. */
  weeks: readonly number[];
  /** Rows member privacy left out (already dropped from `rows`); absent = nothing. */
  withheld?: WithheldSummary | null;
}

/**
 * The response of one comparison resource, its rows naming the group in `keyName` (`project`, `model`,
 * `task_type`). One factory for the three routes: they differ only in that name.
 */
export function comparisonResponse<K extends string>(keyName: K) {
  const keyShape = { [keyName]: z.string() } as { [P in K]: z.ZodString };
  const row = z.strictObject({ ...keyShape, ...rowFields });
  return defineResponse(
    z.strictObject({
      filters: filtersSchema,
      sort: z.strictObject({ sort: z.enum(COMPARISON_SORTS), dir: z.enum(["asc", "desc"]) }),
      weeks: z
        .array(z.string().meta({ format: "date" }))
        .meta({ description: "Sparkline weeks (Mondays, UTC)" }),
      rows: z.array(row),
      withheld: withheldSchema,
    }),
    (s: ComparisonInput) => ({
      filters: filtersDto(s.filters),
      sort: { sort: s.sort.sort, dir: s.sort.dir },
      weeks: s.weeks.map((w) => new Date(w).toISOString().slice(0, 10)),
      // The computed key defeats TS's literal check here; the strict schema's test parse covers it.
      rows: sortComparison(s.rows, s.sort).map(
        (r) => ({ [keyName]: r.key, ...rowDto(r) }) as z.output<typeof row>,
      ),
      withheld: withheldDto(s.withheld ?? null),
    }),
  );
}

/** The body of GET /api/v1/projects ("" = sessions without a project). */
export const projectsResponse = comparisonResponse("project");
/** The body of GET /api/v1/models. */
export const modelsResponse = comparisonResponse("model");
/** The body of GET /api/v1/task-types. */
export const taskTypesResponse = comparisonResponse("task_type");
