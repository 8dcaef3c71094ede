import { shipRatesExportQuery } from "@/lib/api/query";
import { shipRateGroupOf, shipRatesResponse } from "@/lib/api/responses/ship-rates";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readShipRates } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/ship-rates?…filters[&group=developer|project|model|task_type][&format=csv[&excel=1]]:
 * sessions that committed, ship rate, lines shipped, hours from session end to merge, and the sessions
 * whose self-reported outcome git contradicts (issue 15). JSON needs scope `read`, CSV `export`.
 */
export function GET(request: Request) {
  if (wantsCsv(request)) return csvExport(request, "ship-rates", {}, shipRatesExportQuery);
  return apiHandler(
    request,
    async () => {
      const scope = scopeFromSearchParams(request);
      return { filters: scope.filters, rates: await readShipRates(scope, shipRateGroupOf(request)) };
    },
    { query: shipRatesExportQuery, conditional: true, response: shipRatesResponse },
  );
}
