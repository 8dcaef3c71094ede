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

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");

  if (isApi && request.headers.get("authorization")) return NextResponse.next();

  const token = await getToken({ req: request, secret: getEnv().NEXTAUTH_SECRET });
  if (token) return NextResponse.next();

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
  // Everything except next-auth's own routes, the login page, the health probe and static assets.
  matcher: [
    "/((?!api/auth|api/health|login|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|ico|jpg|webp)$).*)",
  ],
};
