import { filtersQuery } from "@/lib/api/query";
import { summaryResponse } from "@/lib/api/responses/summary";
import { PortalError } from "@/lib/errors";
import {
  readAssumptions,
  readFriction,
  readKpis,
  readPeriodCompare,
  readReport,
  readRoiMethod,
} from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/summary?range=30d&developer=…: upstream's report figures (ROI, outcome-weighted ROI, gaps
 * per developer, effectiveness, tokens) and the KPI figures with the previous period, for the filters;
 * `method` is the portal's headline ROI method (the same loader as the Overview's figures and receipts),
 * beside upstream's untouched `roi` block. `previous` is null unless the data covers the previous period
 * (`comparison` says why); `friction` is the in-day friction method beside upstream's `gaps` (unchanged);
 * `compare=YYYY-MM-DD..YYYY-MM-DD` adds the compare-mode block (400 when that range is invalid).
 */
export function GET(request: Request) {
  return apiHandler(
    request,
    async () => {
      const scope = scopeFromSearchParams(request);
      const compare = await readPeriodCompare(scope);
      if (compare && !compare.ok) throw new PortalError("bad_request", compare.error);
      return {
        filters: scope.filters,
        assumptions: readAssumptions(),
        report: await readReport(scope),
        kpis: await readKpis(scope),
        method: await readRoiMethod(scope),
        friction: await readFriction(scope),
        compare,
      };
    },
    { query: filtersQuery, conditional: true, response: summaryResponse },
  );
}
