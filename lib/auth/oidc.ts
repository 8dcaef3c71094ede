/**
 * Single sign-on with an OpenID Connect provider (Entra ID, Google, Keycloak, …), configured from env.
 * next-auth 4 runs the protocol (discovery, authorization code + PKCE + state, id_token checks); this
 * module owns the portal's rules for who a provider's person is here:
 * - the e-mail must be verified by the provider (unless PORTAL_OIDC_REQUIRE_VERIFIED_EMAIL is off);
 * - an existing user with that e-mail signs in as that user, with their role (whatever the domain);
 * - a disabled user is refused;
 * - anyone else is created with the default role, but only from an allowed e-mail domain.
 */
import { randomBytes } from "node:crypto";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import type { Store } from "@/lib/db/store";
import type { PortalEnv } from "@/lib/env";
import { hashPassword } from "./password";
import type { Role } from "./roles";
import { USER_COLUMNS } from "./user-columns";
import { insertUserIfNew, normalizeEmail, type PortalUser } from "./users";

/** The SSO settings (from env, see {@link oidcConfigFromEnv}). */
export interface OidcConfig {
  /** next-auth provider id: the callback is `/api/auth/callback/<id>`. */
  id: string;
  /** Shown on the button: "Sign in with <name>". */
  name: string;
  /** Issuer URL without a trailing slash. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Lower-case e-mail domains whose people SSO may create. */
  allowedDomains: string[];
  /** Role of a user SSO creates. */
  defaultRole: Extract<Role, "lead" | "member">;
  requireVerifiedEmail: boolean;
  /** The portal's public URL (NEXTAUTH_URL): refusals redirect to its /login. */
  portalUrl: string;
}

/** Provider id in next-auth, hence the redirect URI `<portal>/api/auth/callback/oidc` to register. */
export const OIDC_PROVIDER_ID = "oidc";

/** The SSO settings, or null when no issuer is configured (credentials login only). */
export function oidcConfigFromEnv(
  env: Pick<
    PortalEnv,
    | "PORTAL_OIDC_ISSUER"
    | "PORTAL_OIDC_CLIENT_ID"
    | "PORTAL_OIDC_CLIENT_SECRET"
    | "PORTAL_OIDC_NAME"
    | "PORTAL_OIDC_ALLOWED_DOMAINS"
    | "PORTAL_OIDC_DEFAULT_ROLE"
    | "PORTAL_OIDC_REQUIRE_VERIFIED_EMAIL"
    | "NEXTAUTH_URL"
  >,
): OidcConfig | null {
  // lib/env.ts refuses an issuer without client id, secret and domains, so these are set together.
  if (!env.PORTAL_OIDC_ISSUER || !env.PORTAL_OIDC_CLIENT_ID || !env.PORTAL_OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: env.PORTAL_OIDC_NAME,
    issuer: env.PORTAL_OIDC_ISSUER.replace(/\/+$/, ""),
    clientId: env.PORTAL_OIDC_CLIENT_ID,
    clientSecret: env.PORTAL_OIDC_CLIENT_SECRET,
    allowedDomains: env.PORTAL_OIDC_ALLOWED_DOMAINS.map((d) => d.trim().toLowerCase()),
    defaultRole: env.PORTAL_OIDC_DEFAULT_ROLE,
    requireVerifiedEmail: env.PORTAL_OIDC_REQUIRE_VERIFIED_EMAIL,
    portalUrl: env.NEXTAUTH_URL,
  };
}

/** The id_token claims the portal reads (everything else is ignored). */
const claimsSchema = z.object({
  sub: z.string().min(1).optional(),
  email: z.email().max(320).optional().catch(undefined),
  // Some providers send the boolean as a string.
  email_verified: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])
    .optional()
    .catch(undefined),
  name: z.string().trim().min(1).max(200).optional().catch(undefined),
});

/** Why an SSO sign-in was refused (the login page's `?error=sso-<reason>`). */
export type OidcRefusal = "no-email" | "unverified" | "domain" | "disabled";

/** Outcome of {@link resolveOidcUser}. */
export type OidcSignIn =
  | { ok: true; user: PortalUser; created: boolean }
  | { ok: false; reason: OidcRefusal; email: string | null };

/** The e-mail's domain, lower case. */
const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1);

/**
 * Maps a provider's id_token claims to the portal user who signs in (creating them when allowed), or
 * the reason for refusing. Exact domain match: `sub.acme.test` is not `acme.test`.
 */
export async function resolveOidcUser({
  db,
  claims,
  config,
  now,
}: {
  db: Store;
  claims: unknown;
  config: OidcConfig;
  now: number;
}): Promise<OidcSignIn> {
  const parsed = claimsSchema.safeParse(claims);
  const email = parsed.success && parsed.data.email ? normalizeEmail(parsed.data.email) : null;
  if (!parsed.success || !email) return { ok: false, reason: "no-email", email: null };
  if (config.requireVerifiedEmail && parsed.data.email_verified !== true) {
    return { ok: false, reason: "unverified", email };
  }
  const existing = await db.get<PortalUser & { disabledMs: number | null }>(
    `SELECT ${USER_COLUMNS}, users.disabled_ms AS "disabledMs" FROM users WHERE users.email = ?`,
    [email],
  );
  if (existing) {
    if (existing.disabledMs !== null) return { ok: false, reason: "disabled", email };
    return {
      ok: true,
      user: { id: existing.id, email, name: existing.name, role: existing.role },
      created: false,
    };
  }
  if (!config.allowedDomains.includes(domainOf(email))) return { ok: false, reason: "domain", email };
  // A random password nobody knows: the person signs in through the provider (an admin can reset it).
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const name = parsed.data.name ?? email;
  const row = await insertUserIfNew(db, {
    email,
    name,
    passwordHash,
    role: config.defaultRole,
    createdMs: now,
  });
  // Two first sign-ins at once: the other one created the user; sign in as them.
  if (!row) return resolveOidcUser({ db, claims, config, now });
  return { ok: true, user: row, created: true };
}

/** The next-auth 4 provider of `config`: OIDC discovery, code flow with PKCE and state, id_token claims. */
export function oidcProvider(config: OidcConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: config.id,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    // The provider's subject; the portal user is chosen from the e-mail in the signIn callback.
    profile: (claims) => ({
      id: String(claims.sub),
      email: typeof claims.email === "string" ? claims.email : null,
      name: typeof claims.name === "string" ? claims.name : null,
    }),
  };
}

const REFUSAL_MESSAGE: Record<OidcRefusal, string> = {
  domain: "Your e-mail domain is not allowed to sign in here. Ask an admin to invite you.",
  disabled: "This account is disabled. Ask an admin to enable it.",
  unverified: "Your sign-in provider has not verified your e-mail address.",
  "no-email": "Your sign-in provider did not share an e-mail address.",
};

/**
 * The login page's message for its `?error=` value after a single sign-on round trip: the portal's own
 * refusals (`sso-<reason>`) or next-auth's error codes (`OAuthCallback`, `AccessDenied`, …); null when
 * there is no error.
 */
export function ssoErrorMessage(error: string | string[] | undefined): string | null {
  const code = Array.isArray(error) ? error[0] : error;
  if (!code) return null;
  const reason = code.startsWith("sso-") ? code.slice(4) : null;
  if (reason && Object.hasOwn(REFUSAL_MESSAGE, reason)) return REFUSAL_MESSAGE[reason as OidcRefusal];
  return "Single sign-on failed. Try again, or sign in with your e-mail and password.";
}
