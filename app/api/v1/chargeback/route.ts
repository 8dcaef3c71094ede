import { filtersExportQuery } from "@/lib/api/query";
import { chargebackResponse } from "@/lib/api/responses/data";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readChargeback } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/chargeback?…filters[&format=csv[&excel=1]]: the monthly chargeback table (month × developer ×
 * project: sessions, value hours, AI spend; lib/queries/get-chargeback.ts). JSON needs scope `read`, CSV
 * scope `export`. A member gets their own rows only.
 */
export function GET(request: Request) {
  if (wantsCsv(request)) return csvExport(request, "chargeback");
  return apiHandler(
    request,
    async (principal) => {
      const own = principal.developers;
      const scope = scopeFromSearchParams(request);
      const rows = (await readChargeback(scope)).filter((r) => !own || own.includes(r.developer));
      return { filters: scope.filters, rows };
    },
    { query: filtersExportQuery, conditional: true, response: chargebackResponse },
  );
}
