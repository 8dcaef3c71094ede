/**
 * The path of `GET /api/v1/sessions/{…}`: one catch-all route (Next forbids `sessions/[id]` beside
 * `sessions/[developer]`, sibling dynamic segments with different names), so the segments are parsed here.
 * One segment is the portal's numeric session id (the `id` of a sessions row; kept for links and clients
 * that use it), two are the natural key: developer folder and the tracker's session id (ids are unique
 * per developer only). Anything else names no session.
 */
import { z } from "zod";
import { PortalError } from "@/lib/errors";
import { FILTER_VALUE_MAX } from "@/lib/filters";
import { idParamsSchema } from "./schemas";

/** Path params of `/api/v1/sessions/{developer}/{session_id}` (the OpenAPI document's). */
export const sessionKeyParamsSchema = z.object({
  developer: z.string().min(1).max(FILTER_VALUE_MAX).meta({ description: "Developer folder name" }),
  session_id: z
    .string()
    .min(1)
    .max(1024)
    .meta({ description: "The tracker's session id (unique per developer)" }),
});

/** A parsed session reference. */
export type SessionRef = { id: number } | { developer: string; sessionId: string };

/**
 * The session the path segments (decoded, as Next passes a catch-all's) name: a 400 (ZodError) for a
 * malformed id or key, `not_found` for more segments.
 */
export function parseSessionRef(segments: readonly string[]): SessionRef {
  if (segments.length === 1) return idParamsSchema.parse({ id: segments[0] });
  if (segments.length === 2) {
    const k = sessionKeyParamsSchema.parse({ developer: segments[0], session_id: segments[1] });
    return { developer: k.developer, sessionId: k.session_id };
  }
  throw new PortalError("not_found", "No such session");
}
