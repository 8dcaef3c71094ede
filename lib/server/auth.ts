/**
 * Auth guards for pages, server actions and route handlers. Next-aware ('server-only'): reads the
 * session cookie through next-auth and redirects; the plain checks live in lib/auth.
 */
import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { bearerToken } from "@/lib/auth/api-token";
import { buildAuthOptions } from "@/lib/auth/config";
import { DEFAULT_LOGIN_THROTTLE } from "@/lib/auth/login-throttle";
import { verifyApiToken } from "@/lib/auth/tokens";
import { getUserById, type PortalUser } from "@/lib/auth/users";
import { getEnv } from "@/lib/env";
import { PortalError } from "@/lib/errors";
import { getPortalDb } from "@/lib/runtime/db";

let options: ReturnType<typeof buildAuthOptions> | undefined;

/** next-auth options of the running portal (built once, on first use: never at build time). */
export function getAuthOptions(): ReturnType<typeof buildAuthOptions> {
  const env = getEnv();
  options ??= buildAuthOptions(getPortalDb, env.NEXTAUTH_SECRET, {
    ...DEFAULT_LOGIN_THROTTLE,
    freeFailures: env.PORTAL_LOGIN_FREE_FAILURES,
    freeFailuresPerAddress: env.PORTAL_LOGIN_FREE_FAILURES_PER_ADDRESS,
    backoffMs: env.PORTAL_LOGIN_BACKOFF_MS,
  });
  return options;
}

/**
 * The signed-in user of this request (session cookie), re-read from the DB; null when signed out, when
 * the cookie's session was ended (sign-out) or expired, and when the user was deleted or disabled. The
 * session row is checked by the next-auth `jwt` callback (lib/auth/config.ts) on every read.
 */
export const getSessionUser = cache(async (): Promise<PortalUser | null> => {
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return getUserById({ db: getPortalDb(), id });
});

/** The signed-in user; redirects to /login when there is none (pages, layouts, server actions). */
export async function requireUser(): Promise<PortalUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** The signed-in admin; throws `forbidden` for other users (settings writes, token management). */
export async function requireAdmin(): Promise<PortalUser> {
  const user = await requireUser();
  if (user.role !== "admin") throw new PortalError("forbidden", "Only an admin can change this");
  return user;
}

/**
 * Authenticates an `/api/v1/**` request: a valid `Authorization: Bearer <token>` or a session cookie.
 * Throws `unauthorized` otherwise (route handlers turn it into a 401 JSON response).
 */
export async function requireApiAuth(request: Request): Promise<PortalUser> {
  const header = request.headers.get("authorization");
  if (header) {
    const token = bearerToken(header);
    const user = token ? verifyApiToken({ db: getPortalDb(), token }) : null;
    if (!user) throw new PortalError("unauthorized", "Invalid or revoked API token");
    return user;
  }
  const user = await getSessionUser();
  if (!user) throw new PortalError("unauthorized", "Sign in or send an API token (Authorization: Bearer …)");
  return user;
}

/**
 * A re-check for long-lived responses (the events stream) authenticated by {@link requireApiAuth}: true
 * while the bearer token is still valid (not revoked, owner enabled) or, for a cookie, while the user
 * still exists and is enabled. Runs outside the request scope, so it takes what it needs up front.
 */
export function apiAuthRecheck(request: Request, user: PortalUser): () => boolean {
  const token = bearerToken(request.headers.get("authorization"));
  if (token) return () => verifyApiToken({ db: getPortalDb(), token })?.id === user.id;
  return () => getUserById({ db: getPortalDb(), id: user.id }) !== null;
}
