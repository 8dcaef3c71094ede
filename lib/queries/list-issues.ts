/**
 * The issues list (`/api/v1/issues`): the issues the Issues page counts for the filters (`get-issues.ts`
 * summary), a page at a time, sorted.
 */
import {
  CHILD_ROW_COLUMNS,
  type ChildRow,
  type ChildRowsInput,
  childRowsPage,
  type ListParams,
  listParamsSchema,
  type RowsPage,
} from "./child-rows-page";

// Laid out like list-interactions.ts on purpose (sort keys, params, row, query): one file per resource.
/** Sort keys of the issues list → SQL over alias `x` (developers `d`). */
export const ISSUE_SORTS = {
  time: "x.ts_ms",
  developer: "d.name",
  severity: "x.severity",
  type: "x.issue_type",
  resolved: "x.resolved",
} as const;

/** A sort key of the issues list. */
export type IssueSort = keyof typeof ISSUE_SORTS;

/** The list's params: page, page size (5..200, default 25), sort (default time) and direction (default desc). */
export const issueListParamsSchema = listParamsSchema(ISSUE_SORTS, "time");
/** Parsed list params. */
export type IssueListParams = ListParams<IssueSort>;

/** One issue (the common columns in {@link ChildRow}). */
export interface IssueRow extends ChildRow {
  issueType: string;
  severity: string;
  description: string;
  resolved: boolean;
  resolutionNotes: string;
}

/** A page of issues for the filters (`filters.onlyDevelopers`: a member's own folders only). */
export async function listIssues(input: ChildRowsInput<IssueSort>): Promise<RowsPage<IssueRow, IssueSort>> {
  const page = await childRowsPage<Omit<IssueRow, "resolved"> & { resolved: number }, IssueSort>(input, {
    name: "issue-list",
    table: "issues",
    select: `${CHILD_ROW_COLUMNS},
      x.issue_type AS "issueType", x.severity, x.description, x.resolved, x.resolution_notes AS "resolutionNotes"`,
    orderBy: ISSUE_SORTS,
    textSorts: ["developer", "severity", "type"],
  });
  return { ...page, rows: page.rows.map((r) => ({ ...r, resolved: Boolean(r.resolved) })) };
}
