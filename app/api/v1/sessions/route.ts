import { sessionsExportQuery } from "@/lib/api/query";
import { sessionsResponse } from "@/lib/api/responses/sessions";
import { csvExport, wantsCsv } from "@/lib/server/csv-export";
import { readSessions } from "@/lib/server/read-model";
import { scopeFromSearchParams, sessionTableParamsFrom } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/** GET /api/v1/sessions?page=1&pageSize=25&sort=start&dir=desc&…filters: a page of sessions. */
export function GET(request: Request) {
  if (wantsCsv(request)) return csvExport(request, "sessions", {}, sessionsExportQuery);
  return apiHandler(
    request,
    async () => await readSessions(scopeFromSearchParams(request), sessionTableParamsFrom(request)),
    { query: sessionsExportQuery, conditional: true, response: sessionsResponse },
  );
}
