/**
 * The one shape of an `/api/v1` route handler: authenticate → check the route's scope → refuse cross-site
 * writes → run → JSON,
 * with errors mapped through PortalError (zod errors become 400 with the issues; anything else is logged
 * and becomes a 500).
 */
import "server-only";
import { ZodError, z } from "zod";
import { BodyCache } from "@/lib/api/body-cache";
import { ifNoneMatchHits, readEtag, versionSeenAt } from "@/lib/api/etag";
import { parseApiQuery } from "@/lib/api/query";
import type { ApiResponse } from "@/lib/api/responses/define";
import type { Scope } from "@/lib/auth/scopes";
import { writeRefusal } from "@/lib/auth/write-guard";
import { portalNow } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { PortalError, toPortalError } from "@/lib/errors";
import { quantizeNow } from "@/lib/filters";
import { accessOf, runWithAccess } from "./access";
import { type Principal, requireApiAuth } from "./auth";
import { getSettings, getStore } from "./data";

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

/** Options of {@link apiHandler}. */
export interface ApiHandlerInit<Q extends z.ZodType, R = unknown> {
  status?: number;
  scope?: Scope;
  /**
   * The route's query parameters (lib/api/query.ts), parsed strictly before `fn` runs: an unknown
   * parameter or value is a 400 with the zod issue. Without it the query is not looked at.
   */
  query?: Q;
  /**
   * A read of the data (figures, lists): answered with `ETag` / `Last-Modified` from the data version
   * (lib/api/etag.ts), and 304 without running `fn` when `If-None-Match` matches.
   */
  conditional?: boolean;
  /**
   * The route's response (lib/api/responses): `fn`'s result goes through its mapping to the snake_case
   * body the OpenAPI document describes; with PORTAL_API_CHECK_RESPONSES=1 the body is also parsed with
   * the schema, and a mismatch is a logged 500 (never a 400: the caller did nothing wrong).
   */
  response?: ApiResponse<R>;
}

function shapeBody<R>(result: R, response: ApiResponse<R> | undefined): unknown {
  if (!response) return result;
  const body = response.toDto(result);
  if (getEnv().PORTAL_API_CHECK_RESPONSES) {
    const checked = response.schema.safeParse(body);
    if (!checked.success) {
      throw new Error(`response does not match its schema: ${z.prettifyError(checked.error)}`);
    }
  }
  return body;
}

/**
 * Recent read bodies by ETag (lib/api/body-cache.ts): equal ETag, equal body, so a repeated read skips
 * the loaders and the serialisation. Bounded: 32 MiB in all, 2 MiB a body.
 */
const bodies = new BodyCache({ maxBytes: 32 * 2 ** 20, maxEntryBytes: 2 * 2 ** 20 });

/** A JSON response of an already serialised body (what Response.json would send). */
function jsonResponse(body: string, status: number, headers: Headers): Response {
  headers.set("Content-Type", "application/json");
  return new Response(body, { status, headers });
}

/**
 * Wraps a handler body: `fn` gets the authenticated principal and the parsed query, and returns the JSON
 * body (or a Response).
 * `init.scope` is the scope the route needs (403 naming it when missing); without it a GET/HEAD needs
 * `read` and any other method `admin`, so a new write route is admin-only until it says otherwise.
 */
export async function apiHandler<Q extends z.ZodType = z.ZodType<Record<string, never>>, R = unknown>(
  request: Request,
  fn: (principal: Principal, query: z.output<Q>) => Promise<R | Response> | R | Response,
  init?: ApiHandlerInit<Q, R>,
): Promise<Response> {
  try {
    const method = request.method.toUpperCase();
    const scope = init?.scope ?? (method === "GET" || method === "HEAD" ? "read" : "admin");
    const principal = await requireApiAuth(request, scope);
    assertWriteAllowed(request);
    const url = new URL(request.url);
    const query = (init?.query ? parseApiQuery(url.searchParams, init.query) : {}) as z.output<Q>;
    const headers = new Headers();
    let etag: string | null = null;
    if (init?.conditional) {
      // After authentication: the token's last-use write is part of the version it sees.
      const version = await (await getStore()).dataVersion();
      const nowMs = portalNow();
      etag = readEtag({
        dataVersion: version,
        settings: await getSettings(),
        principal,
        url: url.pathname + url.search,
        minuteMs: quantizeNow(nowMs),
      });
      headers.set("ETag", etag);
      headers.set("Last-Modified", new Date(versionSeenAt(version, nowMs)).toUTCString());
      // Private (per principal) and revalidated every time: the ETag makes that a cheap 304.
      headers.set("Cache-Control", "private, no-cache");
      headers.set("Vary", "Authorization, Cookie");
      if (ifNoneMatchHits(request.headers.get("if-none-match"), etag)) {
        return new Response(null, { status: 304, headers });
      }
      const known = bodies.get(etag);
      if (known !== undefined) return jsonResponse(known, init.status ?? 200, headers);
    }
    // The principal's data scope (lib/auth/privacy.ts) for every read-model read `fn` makes.
    const result = await runWithAccess(await accessOf(principal.developers), () => fn(principal, query));
    if (result instanceof Response) return result;
    const body = JSON.stringify(shapeBody(result, init?.response));
    if (etag) bodies.set(etag, body);
    return jsonResponse(body, init?.status ?? 200, headers);
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
