import { filtersExportQuery } from "@/lib/api/query";
import { spendResponse } from "@/lib/api/responses/spend";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readSpend } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/spend?…filters[&format=csv[&excel=1]]: measured AI spend from the agents' own token usage
 * (issue 13): month × developer × project × model lines, totals per developer / project / model, unpriced
 * models, cache efficiency. JSON needs scope `read`, CSV scope `export`. A member gets their own usage only.
 */
export function GET(request: Request) {
  if (wantsCsv(request)) return csvExport(request, "spend");
  return apiHandler(
    request,
    async () => {
      const scope = scopeFromSearchParams(request);
      return { filters: scope.filters, spend: await readSpend(scope) };
    },
    { query: filtersExportQuery, conditional: true, response: spendResponse },
  );
}
