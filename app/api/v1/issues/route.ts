import { issuesExportQuery } from "@/lib/api/query";
import { issuesResponse } from "@/lib/api/responses/issues";
import { issueListParamsSchema } from "@/lib/queries/list-issues";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readIssueList, readIssues } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/issues?…filters&page=1&pageSize=25&sort=time&dir=desc — the Issues page's figures (summary by
 * type and severity, open, by model and task type, per week) and a page of the issues they count.
 * `format=csv` (scope `export`) streams every issue. A member gets their own folders' rows only.
 */
export function GET(request: Request) {
  if (wantsCsv(request)) return csvExport(request, "issues", {}, issuesExportQuery);
  return apiHandler(
    request,
    async (_principal, q) => {
      const scope = scopeFromSearchParams(request);
      const params = issueListParamsSchema.parse({
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        dir: q.dir,
      });
      return {
        filters: scope.filters,
        figures: await readIssues(scope),
        page: await readIssueList(scope, params),
      };
    },
    { query: issuesExportQuery, conditional: true, response: issuesResponse },
  );
}
