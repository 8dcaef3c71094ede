/**
 * Auth gate (Next 16 `proxy`, formerly middleware) in front of every page and `/api/v1/**`:
 * signed-out page requests are redirected to /login (keeping where they were going), API requests get a
 * 401 JSON. Requests carrying `Authorization: Bearer …` pass to the route handler, which verifies the
 * token against the DB (requireApiAuth) — the gate only checks that some credential is present and that
 * a session cookie is a valid signed JWT.
 */
import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { badPathResponse, isMalformedPath } from "@/lib/server/bad-path";
import { prepareSecurity, withSecurityHeaders } from "@/lib/server/security-headers";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  // Security headers (CSP nonce, nosniff, frame-ancestors, HSTS) live in lib/server/security-headers.ts,
  // apart from the auth decision: every response the proxy lets through or answers carries them.
  const security = prepareSecurity(request);
  // A malformed %-escape names no page: 400 here, before Next's param decoding turns it into a 500.
  if (isMalformedPath(request.nextUrl.pathname))
    return withSecurityHeaders(badPathResponse(request.nextUrl.pathname), security);
  return withSecurityHeaders(await authGate(request, security.requestHeaders), security);
}

/** Pages and routes anyone may reach; they pass through the proxy only for the security headers. */
function isPublicPath(pathname: string): boolean {
  // /invite/<token>: the one-time link to set a password is its own credential (lib/auth/password-links.ts).
  return (
    pathname === "/login" ||
    pathname === "/api/health" ||
    pathname.startsWith("/api/auth/") ||
    pathname.startsWith("/invite/")
  );
}

async function authGate(request: NextRequest, requestHeaders: Headers): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  // The renderer must see the CSP request header (Next stamps its nonce on its scripts from it).
  const pass = () => NextResponse.next({ request: { headers: requestHeaders } });

  if (isPublicPath(pathname)) return pass();
  if (isApi && request.headers.get("authorization")) return pass();

  const token = await getToken({ req: request, secret: getEnv().NEXTAUTH_SECRET });
  if (token) return pass();

  if (isApi) {
    return NextResponse.json(
      { error: { code: "unauthorized", message: "Sign in or send an API token (Authorization: Bearer …)" } },
      { status: 401 },
    );
  }
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything except Next's own static assets (next.config.ts headers() covers those); public paths are
  // let through by isPublicPath after the security headers are set. Exclusions name exact asset paths,
  // never a file extension: a page path such as /developers/leak.png must still pass the gate. A file
  // added to public/ must be listed here by its exact path; /icon.svg is app/icon.svg (Next's favicon
  // file convention), which the sign-in page needs before anyone is signed in.
  matcher: ["/((?!_next/static/|_next/image$|favicon\\.ico$|icon\\.svg$|robots\\.txt$).*)"],
};
