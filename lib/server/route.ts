/**
 * The one shape of an `/api/v1` route handler: authenticate → run → JSON, with errors mapped through
 * PortalError (zod errors become 400 with the issues; anything else is logged and becomes a 500).
 */
import "server-only";
import { ZodError, z } from "zod";
import type { PortalUser } from "@/lib/auth/users";
import { PortalError, toPortalError } from "@/lib/errors";
import { requireApiAuth } from "./auth";

/** Wraps a handler body: `fn` gets the authenticated user and returns the JSON body (or a Response). */
export async function apiHandler(
  request: Request,
  fn: (user: PortalUser) => Promise<unknown> | unknown,
  init?: { status?: number },
): Promise<Response> {
  try {
    const user = await requireApiAuth(request);
    const body = await fn(user);
    if (body instanceof Response) return body;
    return Response.json(body, init);
  } catch (e) {
    if (e instanceof ZodError) {
      return Response.json(
        { error: { code: "bad_request", message: "Invalid request", issues: z.flattenError(e) } },
        { status: 400 },
      );
    }
    const err = toPortalError(e);
    if (err.code === "internal") console.error(`[api] ${request.method} ${new URL(request.url).pathname}`, e);
    return err.toResponse();
  }
}

/** Parses a JSON body, throwing `bad_request` when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch (e) {
    throw new PortalError("bad_request", "Body must be JSON", { cause: e });
  }
}
