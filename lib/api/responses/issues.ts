/**
 * GET /api/v1/issues: the Issues page's figures (upstream's summary by type and severity, open issues,
 * counts by model and task type, per week and severity) and a page of the issues they count.
 */
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import type { RowsPage } from "@/lib/queries/child-rows-page";
import type { IssuesBreakdown } from "@/lib/queries/get-issues";
import { ISSUE_SORTS, type IssueRow, type IssueSort } from "@/lib/queries/list-issues";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema } from "./figures";
import { childRowDto, childRowFields, listPageDto, listPageFields } from "./list-page";
import { issueFields } from "./sessions";

const num = z.number();
const counts = z.array(z.strictObject({ key: z.string(), count: num }));

/** What the issues route loads: the page's figures and a page of rows, for the filters. */
export interface IssuesView {
  filters: DashboardFilters;
  figures: IssuesBreakdown;
  page: RowsPage<IssueRow, IssueSort>;
}

/** The body of GET /api/v1/issues. */
export const issuesResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    summary: z.strictObject({
      total: num,
      by_type: z.record(z.string(), num),
      by_severity: z.record(z.string(), num),
    }),
    open: num.meta({ description: "Unresolved issues" }),
    by_model: counts.meta({ description: "Issues per model of their session (sessions on record only)" }),
    by_task_type: counts,
    weekly: z.array(
      z.strictObject({
        week: z.string().meta({ description: "Monday (UTC), YYYY-MM-DD" }),
        severity: z.string(),
        count: num,
      }),
    ),
    rows: z.array(z.strictObject({ ...childRowFields, ...issueFields })),
    ...listPageFields(Object.keys(ISSUE_SORTS) as [IssueSort, ...IssueSort[]]),
  }),
  ({ filters, figures, page }: IssuesView) => ({
    filters: filtersDto(filters),
    summary: {
      total: figures.summary.total,
      by_type: figures.summary.by_type,
      by_severity: figures.summary.by_severity,
    },
    open: figures.open,
    by_model: figures.byModel.map((c) => ({ key: c.key, count: c.count })),
    by_task_type: figures.byTaskType.map((c) => ({ key: c.key, count: c.count })),
    weekly: figures.weekly.map((w) => ({ week: w.week, severity: w.severity, count: w.count })),
    rows: page.rows.map((r) => ({
      ...childRowDto(r),
      issue_type: r.issueType,
      severity: r.severity,
      description: r.description,
      resolved: r.resolved,
      resolution_notes: r.resolutionNotes,
    })),
    ...listPageDto(page),
  }),
);
