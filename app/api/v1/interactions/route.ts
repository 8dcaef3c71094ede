import { interactionsExportQuery } from "@/lib/api/query";
import { interactionsResponse } from "@/lib/api/responses/interactions";
import { interactionListParamsSchema } from "@/lib/queries/list-interactions";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readInteractionList } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/interactions?…filters&page=1&pageSize=25&sort=time&dir=desc — a page of the interactions the
 * pages count for the filters (withheld text as on the session page). `format=csv` (scope `export`)
 * streams every row. A member gets their own folders' rows only.
 */
export function GET(request: Request) {
  if (wantsCsv(request)) return csvExport(request, "interactions", {}, interactionsExportQuery);
  return apiHandler(
    request,
    async (_principal, q) => {
      const scope = scopeFromSearchParams(request);
      const params = interactionListParamsSchema.parse({
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        dir: q.dir,
      });
      return { filters: scope.filters, page: await readInteractionList(scope, params) };
    },
    { query: interactionsExportQuery, conditional: true, response: interactionsResponse },
  );
}
