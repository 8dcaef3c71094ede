import { noQuery } from "@/lib/api/query";
import { sessionDetailResponse } from "@/lib/api/responses/sessions";
import { parseSessionRef } from "@/lib/api/session-ref";
import { readSessionDetail, readSessionDetailByKey } from "@/lib/server/read-model";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/sessions/{developer}/{session_id} and GET /api/v1/sessions/{id} — one session with its
 * interactions, issues, code metrics and figures, by its natural key (tracker session ids are unique per
 * developer only) or by the portal's numeric id (a sessions row's `id`; kept for existing links). One
 * catch-all because Next forbids `sessions/[id]` beside `sessions/[developer]` (sibling dynamic segments
 * with different names); lib/api/session-ref.ts reads the segments. 404 for no such session (a member:
 * also for another developer's), 400 for a malformed id.
 */
export function GET(request: Request, ctx: { params: Promise<{ ref: string[] }> }) {
  return apiHandler(
    request,
    async () => {
      const ref = parseSessionRef((await ctx.params).ref);
      return "id" in ref
        ? await readSessionDetail(ref.id)
        : await readSessionDetailByKey(ref.developer, ref.sessionId);
    },
    { query: noQuery, conditional: true, response: sessionDetailResponse },
  );
}
