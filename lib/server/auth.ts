/**
 * Auth guards for pages, server actions and route handlers. Next-aware ('server-only'): reads the
 * session cookie through next-auth and redirects; the plain checks live in lib/auth.
 */
import "server-only";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { bearerToken } from "@/lib/auth/api-token";
import { clientAddress } from "@/lib/auth/client-address";
import { buildAuthOptions } from "@/lib/auth/config";
import { DEFAULT_LOGIN_THROTTLE } from "@/lib/auth/login-throttle";
import { visibleDevelopers } from "@/lib/auth/member-folders";
import { oidcConfigFromEnv } from "@/lib/auth/oidc";
import { can } from "@/lib/auth/roles";
import { type Scope, scopesForRole } from "@/lib/auth/scopes";
import { verifyApiToken } from "@/lib/auth/tokens";
import { getUserById, type PortalUser } from "@/lib/auth/users";
import { getEnv } from "@/lib/env";
import { PortalError } from "@/lib/errors";
import { getPortalStore } from "@/lib/runtime/db";

let options: ReturnType<typeof buildAuthOptions> | undefined;

/** next-auth options of the running portal (built once, on first use: never at build time). */
export function getAuthOptions(): ReturnType<typeof buildAuthOptions> {
  const env = getEnv();
  options ??= buildAuthOptions(
    getPortalStore,
    env.NEXTAUTH_SECRET,
    {
      ...DEFAULT_LOGIN_THROTTLE,
      freeFailures: env.PORTAL_LOGIN_FREE_FAILURES,
      freeFailuresPerAddress: env.PORTAL_LOGIN_FREE_FAILURES_PER_ADDRESS,
      backoffMs: env.PORTAL_LOGIN_BACKOFF_MS,
    },
    Date.now,
    oidcConfigFromEnv(env),
  );
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
  return getUserById({ db: await getPortalStore(), id });
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
  if (!can(user.role, "settings:write")) throw new PortalError("forbidden", "Only an admin can change this");
  return user;
}

/** The caller of an `/api/v1` request: a signed-in user (session cookie) or a bearer token's owner. */
export interface Principal {
  userId: number;
  role: PortalUser["role"];
  /** Developer folders whose sessions the principal sees in full; null = all (lib/auth/member-folders.ts). */
  developers: string[] | null;
  via: "session" | "token";
  /** A token's scopes capped by its owner's role; a session has every scope its role allows. */
  scopes: Scope[];
  /** The token used (null for a session): what a token created through it records as its creator. */
  tokenId: number | null;
  user: PortalUser;
}

/** Throws `forbidden` naming the missing scope when `principal` lacks `scope`. */
export function assertScope(principal: Principal, scope: Scope): void {
  if (principal.scopes.includes(scope)) return;
  throw new PortalError(
    "forbidden",
    principal.via === "token"
      ? `This API token lacks the "${scope}" scope`
      : `Your role does not allow this (needs the "${scope}" scope)`,
  );
}

/**
 * Authenticates an `/api/v1/**` request: a valid `Authorization: Bearer <token>` (recording its use and
 * the client address) or a session cookie. Throws `unauthorized` otherwise (401 JSON, with why: invalid,
 * revoked or expired), and `forbidden` when `scope` is given and missing.
 */
export async function requireApiAuth(request: Request, scope?: Scope): Promise<Principal> {
  const principal = await authenticate(request);
  if (scope) assertScope(principal, scope);
  return principal;
}

async function authenticate(request: Request): Promise<Principal> {
  const header = request.headers.get("authorization");
  if (header) {
    const token = bearerToken(header);
    const r = token
      ? await verifyApiToken({ db: await getPortalStore(), token, address: clientAddress(request.headers) })
      : { refused: "Malformed Authorization header (expected: Bearer <token>)" };
    if ("refused" in r) throw new PortalError("unauthorized", r.refused);
    const { user, tokenId, scopes } = r.token;
    const developers = await visibleDevelopers({
      db: await getPortalStore(),
      userId: user.id,
      role: user.role,
    });
    return { userId: user.id, role: user.role, developers, via: "token", scopes, tokenId, user };
  }
  const user = await getSessionUser();
  if (!user) throw new PortalError("unauthorized", "Sign in or send an API token (Authorization: Bearer …)");
  const scopes = scopesForRole(user.role);
  const developers = await visibleDevelopers({
    db: await getPortalStore(),
    userId: user.id,
    role: user.role,
  });
  return { userId: user.id, role: user.role, developers, via: "session", scopes, tokenId: null, user };
}

/**
 * A re-check for long-lived responses (the events stream) authenticated by {@link requireApiAuth}: true
 * while the bearer token is still valid (not revoked or expired, owner enabled) or, for a cookie, while
 * the user still exists and is enabled. Runs outside the request scope, so it takes what it needs up front.
 */
export function apiAuthRecheck(request: Request, principal: Principal): () => Promise<boolean> {
  const token = bearerToken(request.headers.get("authorization"));
  if (token) {
    return async () => {
      const r = await verifyApiToken({ db: await getPortalStore(), token });
      return "token" in r && r.token.user.id === principal.userId;
    };
  }
  return async () => (await getUserById({ db: await getPortalStore(), id: principal.userId })) !== null;
}
