import { comparisonExportQuery } from "@/lib/api/query";
import { modelsResponse } from "@/lib/api/responses/comparison";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readComparison } from "@/lib/server/read-model";
import { comparisonSortStrict, scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/models?range=…&sort=hoursSaved&dir=desc — the "for whom" comparison per model (the table of
 * the /models page, same loader). An unknown `sort` or `dir` is a 400. Like its sibling comparison routes
 * on purpose: one route per resource, each authenticating in apiHandler (read-model-callers.test.ts).
 */
export function GET(request: Request) {
  if (wantsCsv(request)) return csvExport(request, "model", { model: undefined }, comparisonExportQuery);
  return apiHandler(
    request,
    async () => {
      const sort = comparisonSortStrict(request);
      const scope = scopeFromSearchParams(request, { model: undefined });
      const { rows, weeks, withheld } = await readComparison(scope, "model");
      return { filters: scope.filters, sort, rows, weeks, withheld };
    },
    { query: comparisonExportQuery, conditional: true, response: modelsResponse },
  );
}
