import { portalNow } from "@/lib/clock";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { getCurrentStaleAfterDays, getDb } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

/** GET /api/v1/sources — sync status of every source folder (last change, ingest, errors, stale). */
export function GET(request: Request) {
  return apiHandler(request, () =>
    getSourcesStatus(getDb(), { now: portalNow(), staleDays: getCurrentStaleAfterDays() }),
  );
}
