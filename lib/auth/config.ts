/**
 * next-auth 4 options: credentials provider against the `users` table (throttled per account and per
 * address), optionally an OpenID Connect provider (single sign-on, lib/auth/oidc.ts), JWT sessions
 * carrying the user id, role and a revocable session id (`sid`, see sessions.ts).
 * Takes the store getter, secret and throttle settings as arguments so this module stays plain Node.
 */
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { UserRole } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { clientAddress } from "./client-address";
import * as loginThrottle from "./login-throttle";
import { type OidcConfig, oidcProvider, resolveOidcUser } from "./oidc";
import { roleSchema } from "./roles";
import { createAuthSession, deleteAuthSession, getAuthSessionUser } from "./sessions";
import { verifyCredentials } from "./users";

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

/** Session lifetime: a working week. */
const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/** Prefix of the error `authorize` reports for a throttled attempt: `throttled:<seconds to wait>`. */
export const THROTTLED_ERROR_PREFIX = "throttled:";

/** One audit line on stderr. Never the password; the e-mail is JSON-quoted so it cannot forge lines. */
function audit(event: string, email: string, address: string | null, extra = ""): void {
  process.stderr.write(
    `[auth] ${event} email=${JSON.stringify(email.slice(0, 320))} address=${address ?? "unknown"}${extra}\n`,
  );
}

/** What the session JWT holds once the session is no longer valid: nothing that identifies a user. */
const ended = (): JWT => ({});

/**
 * Builds the next-auth options. `secret` signs the session JWT (NEXTAUTH_SECRET); `throttle` tunes the
 * sign-in backoff; `now` is the clock (tests); `sso` adds the OpenID Connect provider (lib/auth/oidc.ts).
 */
export function buildAuthOptions(
  getDb: () => Store | Promise<Store>,
  secret: string | undefined,
  throttle: loginThrottle.LoginThrottleConfig = loginThrottle.DEFAULT_LOGIN_THROTTLE,
  now: () => number = Date.now,
  sso: OidcConfig | null = null,
): NextAuthOptions {
  return {
    secret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    // Errors of the SSO round trip (provider refused, state/PKCE check failed) land on the login page too.
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const db = await getDb();
          const address = clientAddress(req?.headers);
          const keys = loginThrottle.loginThrottleKeys(email, address);
          const waitMs = await loginThrottle.loginRetryAfterMs({ db, keys, now: now() });
          if (waitMs > 0) {
            const seconds = Math.ceil(waitMs / 1000);
            audit("sign-in throttled", email, address, ` retry_in=${seconds}s`);
            // next-auth passes a thrown message to the client as the sign-in `error`.
            throw new Error(`${THROTTLED_ERROR_PREFIX}${seconds}`);
          }
          const user = await verifyCredentials({ db, email, password });
          if (!user) {
            const failures = await loginThrottle.recordLoginFailure({
              db,
              keys,
              config: throttle,
              now: now(),
            });
            audit("sign-in failed", email, address, ` failures=${failures}`);
            return null;
          }
          await loginThrottle.recordLoginSuccess({ db, keys });
          audit("sign-in", email, address);
          return { id: String(user.id), email: user.email, name: user.name, role: user.role };
        },
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      // The SSO person → portal user (lib/auth/oidc.ts). The `user` object is what the jwt callback then
      // receives, so it is turned into the portal user here; a refusal redirects to /login with a reason.
      async signIn({ user, account, profile }) {
        if (!sso || account?.provider !== sso.id) return true;
        const db = await getDb();
        const outcome = await resolveOidcUser({ db, claims: profile, config: sso, now: now() });
        const email = outcome.ok ? outcome.user.email : (outcome.email ?? "");
        if (!outcome.ok) {
          audit("sso sign-in refused", email, null, ` provider=${sso.id} reason=${outcome.reason}`);
          return `${sso.portalUrl}/login?error=sso-${outcome.reason}`;
        }
        await loginThrottle.recordLoginSuccess({ db, keys: loginThrottle.loginThrottleKeys(email, null) });
        audit("sign-in", email, null, ` provider=${sso.id}${outcome.created ? " created=true" : ""}`);
        Object.assign(user, {
          id: String(outcome.user.id),
          email: outcome.user.email,
          name: outcome.user.name,
          role: outcome.user.role,
        });
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          const uid = Number(user.id);
          return {
            ...token,
            uid,
            // The least-privileged role when the provider gave none; the next read replaces it by the live one.
            role: user.role ?? "member",
            sid: await createAuthSession({
              db: await getDb(),
              userId: uid,
              maxAgeMs: SESSION_MAX_AGE_S * 1000,
              now: now(),
            }),
          };
        }
        // Every later read of the cookie: honoured only while its session row is live and the user is
        // enabled; otherwise the token is emptied and the request is treated as signed out.
        if (typeof token.sid !== "string" || typeof token.uid !== "number") return ended();
        const live = await getAuthSessionUser({
          db: await getDb(),
          sid: token.sid,
          userId: token.uid,
          now: now(),
        });
        return live ? { ...token, role: live.role } : ended();
      },
      session({ session, token }) {
        if (typeof token.uid !== "number") {
          // Signed out, deleted or disabled: no user in the session at all.
          const { user: _user, ...rest } = session;
          return rest;
        }
        if (session.user) {
          session.user.id = token.uid;
          session.user.role = roleSchema.safeParse(token.role).data ?? "member";
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await deleteAuthSession({ db: await getDb(), sid: token.sid });
      },
    },
  };
}

declare module "next-auth" {
  interface User {
    role?: UserRole;
  }
  interface Session {
    user?: { id: number; role: UserRole; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: UserRole;
    /** Id of the `auth_sessions` row this cookie belongs to. */
    sid?: string;
  }
}
