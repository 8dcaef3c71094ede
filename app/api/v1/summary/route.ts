import { portalNow } from "@/lib/clock";
import { parseFilters, quantizeNow } from "@/lib/filters";
import { getKpis } from "@/lib/queries/get-kpis";
import { getReport } from "@/lib/queries/get-report";
import { getCurrentAssumptions, getDb } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/summary?range=30d&developer=…: upstream's report figures (ROI, outcome-weighted ROI, gaps
 * per developer, effectiveness, tokens) and the KPI figures with the previous period, for the filters.
 */
export function GET(request: Request) {
  return apiHandler(request, () => {
    const filters = parseFilters(new URL(request.url).searchParams);
    const input = {
      db: getDb(),
      filters,
      nowMs: quantizeNow(portalNow()),
      assumptions: getCurrentAssumptions(),
    };
    const slice = getReport(input);
    const { key: _key, ...report } = slice;
    const kpis = getKpis({ ...input, current: slice });
    return {
      filters,
      window: kpis.window,
      assumptions: input.assumptions,
      kpis: kpis.current,
      previous: kpis.previous,
      ...report,
    };
  });
}
