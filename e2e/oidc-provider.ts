/**
 * The e2e OpenID Connect provider: the real `oidc-provider` package (the certified Node implementation),
 * not a mock. playwright.config.ts starts it as a web server before the portal and stops it with SIGTERM.
 * One confidential client (the portal, redirect URI `<portal>/api/auth/callback/oidc`); its development
 * login page takes any e-mail as the login, and that e-mail comes back verified in the id_token.
 *
 * Usage: E2E_OIDC_PORT=<port> E2E_PORT=<portal port> npx tsx e2e/oidc-provider.ts
 */
import Provider from "oidc-provider";
import { SSO, ssoIssuer } from "./fixture-folder";

const oidcPort = Number(process.env.E2E_OIDC_PORT);
const portalPort = Number(process.env.E2E_PORT);
if (!oidcPort || !portalPort) throw new Error("E2E_OIDC_PORT and E2E_PORT are required");

/** "sso.newcomer@…" → "Sso Newcomer": a readable name claim for any login. */
const nameOf = (email: string) =>
  (email.split("@")[0] ?? email)
    .split(/[._-]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");

const provider = new Provider(ssoIssuer(oidcPort), {
  clients: [
    {
      client_id: SSO.clientId,
      client_secret: SSO.clientSecret,
      redirect_uris: [`http://localhost:${portalPort}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  // Every login is an account whose e-mail is the login itself, verified.
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      claims: async () => ({ sub: id, email: id.toLowerCase(), email_verified: true, name: nameOf(id) }),
    };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Put the e-mail and name in the id_token also in the code flow (as Entra ID, Google and Keycloak do):
  // next-auth reads the id_token's claims (`idToken: true`).
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-only-oidc-cookie-key-0123456789"] },
});

const server = provider.listen(oidcPort, "127.0.0.1", () => {
  process.stderr.write(`[e2e] OIDC provider on ${ssoIssuer(oidcPort)}\n`);
});
// Nothing to flush (in-memory state): stop at once so the port is free when the run ends.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    process.exit(0);
  });
}
