import { usageExportQuery } from "@/lib/api/query";
import { usageResponse } from "@/lib/api/responses/usage";
import { usageListParamsSchema } from "@/lib/queries/list-usage";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readUsage } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/usage?…filters&page=1&pageSize=25&sort=hour&dir=desc — the raw measured usage rows behind
 * /api/v1/spend (issue 13): the latest version of each usage record, priced. `format=csv` (scope `export`)
 * streams every row. A member gets their own folders' rows only.
 */
// Laid out like the interactions and issues routes on purpose: one route file per list resource.
export function GET(request: Request) {
  if (wantsCsv(request)) return csvExport(request, "usage", {}, usageExportQuery);
  return apiHandler(
    request,
    async (_principal, q) => {
      const scope = scopeFromSearchParams(request);
      const params = usageListParamsSchema.parse({
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        dir: q.dir,
      });
      return { filters: scope.filters, page: await readUsage(scope, params) };
    },
    { query: usageExportQuery, conditional: true, response: usageResponse },
  );
}
