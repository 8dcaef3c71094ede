import { noQuery } from "@/lib/api/query";
import { sourcesResponse } from "@/lib/api/responses/sources";
import { portalNow } from "@/lib/clock";
import { readSourcesStatus } from "@/lib/server/read-model";
import { apiHandler } from "@/lib/server/route";

/** GET /api/v1/sources — sync status of every source folder (last change, ingest, errors, stale). */
export function GET(request: Request) {
  return apiHandler(request, async () => await readSourcesStatus(portalNow()), {
    query: noQuery,
    conditional: true,
    response: sourcesResponse,
  });
}
