import { portalNow } from "@/lib/clock";
import { parseFilters, quantizeNow } from "@/lib/filters";
import { getBreakdown } from "@/lib/queries/get-report";
import { getCurrentAssumptions, getDb } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

/** GET /api/v1/developers?range=…: each developer's report figures (equal to upstream's per folder). */
export function GET(request: Request) {
  return apiHandler(request, () => {
    const filters = parseFilters(new URL(request.url).searchParams);
    const rows = getBreakdown({
      db: getDb(),
      filters,
      nowMs: quantizeNow(portalNow()),
      assumptions: getCurrentAssumptions(),
      group: "developer",
    });
    return { filters, developers: rows.map(({ key, ...r }) => ({ developer: key, ...r })) };
  });
}
