import { readAssumptions, readKpis, readReport, readRoiMethod } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/summary?range=30d&developer=…: upstream's report figures (ROI, outcome-weighted ROI, gaps
 * per developer, effectiveness, tokens) and the KPI figures with the previous period, for the filters;
 * `method` is the portal's headline ROI method (the same loader as the Overview's figures and receipts),
 * beside upstream's untouched `roi` block.
 */
export function GET(request: Request) {
  return apiHandler(request, () => {
    const scope = scopeFromSearchParams(request);
    const { key: _key, ...report } = readReport(scope);
    const kpis = readKpis(scope);
    const { key: _methodKey, ...method } = readRoiMethod(scope);
    return {
      filters: scope.filters,
      window: kpis.window,
      assumptions: readAssumptions(),
      kpis: kpis.current,
      previous: kpis.previous,
      ...report,
      method,
    };
  });
}
