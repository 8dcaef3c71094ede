/** The session page's DTO of one recorded session, found by its id through the sessions list (as a click would). */

import type { Store } from "@/lib/db/store";
import { parseFilters } from "@/lib/filters";
import { getSessionDetail } from "@/lib/queries/get-session-detail";
import { listSessions, sessionTableParamsSchema } from "@/lib/queries/list-sessions";

/** `getSessionDetail` of the session `sessionId` (all time, at `nowMs`); throws when it is not listed. */
export async function detailOfSession(env: { store: Store }, sessionId: string, nowMs: number) {
  const page = await listSessions({
    db: env.store,
    filters: parseFilters({ range: "all" }),
    nowMs,
    params: sessionTableParamsSchema.parse({}),
  });
  const row = page.rows.find((r) => r.sessionId === sessionId);
  if (!row) throw new Error(`no row for ${sessionId}`);
  return getSessionDetail({ db: env.store, id: row.id, nowMs });
}
