/**
 * The one shape of an `/api/v1` route handler: authenticate → check the route's scope → refuse cross-site
 * writes → run → JSON,
 * with errors mapped through PortalError (zod errors become 400 with the issues; anything else is logged
 * and becomes a 500).
 */
import "server-only";
import { ZodError, z } from "zod";
import type { Scope } from "@/lib/auth/scopes";
import { writeRefusal } from "@/lib/auth/write-guard";
import { getEnv } from "@/lib/env";
import { PortalError, toPortalError } from "@/lib/errors";
import { type Principal, requireApiAuth } from "./auth";

/**
 * Throws `forbidden` for a write that is not same-origin JSON (cookie) or not JSON (bearer token); see
 * lib/auth/write-guard.ts. Runs after authentication so anonymous callers still get their 401.
 */
function assertWriteAllowed(request: Request): void {
  const refusal = writeRefusal(request, {
    portalOrigin: new URL(getEnv().NEXTAUTH_URL).origin,
    bearer: request.headers.has("authorization"),
  });
  if (refusal) throw new PortalError("forbidden", refusal);
}

/**
 * Wraps a handler body: `fn` gets the authenticated principal and returns the JSON body (or a Response).
 * `init.scope` is the scope the route needs (403 naming it when missing); without it a GET/HEAD needs
 * `read` and any other method `admin`, so a new write route is admin-only until it says otherwise.
 */
export async function apiHandler(
  request: Request,
  fn: (principal: Principal) => Promise<unknown> | unknown,
  init?: { status?: number; scope?: Scope },
): Promise<Response> {
  try {
    const method = request.method.toUpperCase();
    const scope = init?.scope ?? (method === "GET" || method === "HEAD" ? "read" : "admin");
    const principal = await requireApiAuth(request, scope);
    assertWriteAllowed(request);
    const body = await fn(principal);
    if (body instanceof Response) return body;
    return Response.json(body, { status: init?.status ?? 200 });
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
