import { portalNow } from "@/lib/clock";
import { parseFilters, quantizeNow } from "@/lib/filters";
import { listSessions, sessionTableParamsSchema } from "@/lib/queries/list-sessions";
import { getDb } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

/** GET /api/v1/sessions?page=1&pageSize=25&sort=start&dir=desc&…filters: a page of sessions. */
export function GET(request: Request) {
  return apiHandler(request, () => {
    const sp = new URL(request.url).searchParams;
    const params = sessionTableParamsSchema.parse({
      page: sp.get("page") ?? undefined,
      sort: sp.get("sort") ?? undefined,
      dir: sp.get("dir") ?? undefined,
      pageSize: sp.get("pageSize") ?? undefined,
    });
    return listSessions({ db: getDb(), filters: parseFilters(sp), nowMs: quantizeNow(portalNow()), params });
  });
}
