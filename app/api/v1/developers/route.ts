import { developersExportQuery } from "@/lib/api/query";
import { developersResponse } from "@/lib/api/responses/developers";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readBreakdown, readWithheld } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/** GET /api/v1/developers?range=…: each developer's report figures (equal to upstream's per folder). */
export function GET(request: Request) {
  if (wantsCsv(request))
    return csvExport(request, "developer", { developer: undefined }, developersExportQuery);
  return apiHandler(
    request,
    async () => {
      const scope = scopeFromSearchParams(request);
      return {
        filters: scope.filters,
        rows: await readBreakdown(scope, "developer"),
        withheld: await readWithheld(scope, "developer"),
      };
    },
    { query: developersExportQuery, conditional: true, response: developersResponse },
  );
}
