import { ingestResponse } from "@/lib/api/responses/data";
import { assertMayPush } from "@/lib/auth/push-access";
import { portalNow } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { PortalError } from "@/lib/errors";
import { ingestPush, pushPayloadSchema } from "@/lib/ingest/push";
import { readBodyCapped } from "@/lib/read-body";
import { publishIngestChange } from "@/lib/runtime/events";
import { getStore } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/ingest — a developer's tracker files pushed by a machine that cannot sync a folder
 * (`ai-session-tracker push`): `{ developer, project?, files: { "sessions.json": …, … } }`, at most
 * PORTAL_PUSH_MAX_MB (413 above), merged by the folder ingest's rules as the source
 * `push://developer[/project]`. Scope `ingest`; a member only for their own folders.
 */
export async function POST(request: Request): Promise<Response> {
  return apiHandler(
    request,
    async (p) => {
      const bytes = await readBodyCapped(request, getEnv().PORTAL_PUSH_MAX_MB * 1024 * 1024);
      let body: unknown;
      try {
        body = JSON.parse(bytes.toString("utf8"));
      } catch (e) {
        throw new PortalError("bad_request", "Body must be JSON", { cause: e });
      }
      const payload = pushPayloadSchema.parse(body);
      // The store the environment names (PostgreSQL with DATABASE_URL): the same one the ingest worker writes.
      const db = await getStore();
      await assertMayPush({ db, userId: p.userId, role: p.role, developer: payload.developer });
      const result = await ingestPush({ db, payload, nowMs: portalNow() });
      // Open pages refresh like after a folder change (the data version moved with the write).
      const files = result.files.filter((f) => f.action === "ingested").length;
      if (result.changed) publishIngestChange({ at: Date.now(), developers: [result.developer], files });
      return result;
    },
    { scope: "ingest", response: ingestResponse },
  );
}
