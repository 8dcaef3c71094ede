import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Store } from "@/lib/db/store";
import { openTestStore, type TestStore } from "@/test-support/store";
import { buildAuthOptions } from "./config";
import { DEFAULT_LOGIN_THROTTLE, loginThrottleKeys, recordLoginFailure } from "./login-throttle";
import {
  type OidcConfig,
  oidcConfigFromEnv,
  type oidcProvider,
  resolveOidcUser,
  ssoErrorMessage,
} from "./oidc";
import { setUserDisabled, upsertUser, verifyCredentials } from "./users";

const T0 = Date.UTC(2026, 5, 1, 12);

const CONFIG: OidcConfig = {
  id: "oidc",
  name: "Acme SSO",
  issuer: "https://id.example.com/realms/acme",
  clientId: "portal",
  clientSecret: "s3cret",
  allowedDomains: ["acme.test", "acme-labs.test"],
  defaultRole: "member",
  requireVerifiedEmail: true,
  portalUrl: "http://localhost:3000",
};

let ts: TestStore;
let db: Store;
beforeEach(async () => {
  ts = await openTestStore();
  db = ts.store;
});
afterEach(() => ts.cleanup());

/** An existing portal user (password `root-pass-1`). */
const person = (email: string, name: string, role: "admin" | "lead") =>
  upsertUser({ db, email, name, password: "root-pass-1", role, now: T0 });

const claims = (email: string, extra: Record<string, unknown> = {}) => ({
  sub: `sub-${email}`,
  email,
  email_verified: true,
  name: "Ada Lovelace",
  ...extra,
});

describe("resolveOidcUser", () => {
  it("creates a new user with the default role, the provider's name and no usable password", async () => {
    const out = await resolveOidcUser({
      db,
      claims: claims("Ada@ACME.test"),
      config: CONFIG,
      now: T0,
    });
    expect(out).toEqual({
      ok: true,
      user: { id: expect.any(Number), email: "ada@acme.test", name: "Ada Lovelace", role: "member" },
      created: true,
    });
    const row = await db.get<{ role: string; createdMs: number }>(
      `SELECT role, created_ms AS "createdMs" FROM users WHERE email = ?`,
      ["ada@acme.test"],
    );
    expect(row?.role).toBe("member");
    expect(row?.createdMs).toBe(T0);
    // The random password nobody knows: the credentials form cannot sign in as an SSO-created user.
    expect(await verifyCredentials({ db, email: "ada@acme.test", password: "" })).toBeNull();
  });

  it("creates leads when the default role is lead, and signs the same person in as the same user", async () => {
    const config = { ...CONFIG, defaultRole: "lead" as const };
    const first = await resolveOidcUser({
      db,
      claims: claims("bob@acme-labs.test"),
      config,
      now: T0,
    });
    const again = await resolveOidcUser({
      db,
      claims: claims("bob@acme-labs.test"),
      config,
      now: T0 + 1,
    });
    expect(first.ok && first.user.role).toBe("lead");
    expect(again.ok && again.user.id).toBe(first.ok && first.user.id);
    expect(again.ok && again.created).toBe(false);
    expect(await db.all("SELECT id FROM users")).toHaveLength(1);
  });

  it("signs an existing user in as that user with their own role and name (any domain: the portal knows them)", async () => {
    const admin = await person("root@elsewhere.test", "Root", "admin");
    const out = await resolveOidcUser({
      db,
      claims: claims("ROOT@elsewhere.test", { name: "Other Name" }),
      config: CONFIG,
      now: T0,
    });
    expect(out).toEqual({
      ok: true,
      user: { id: admin.id, email: "root@elsewhere.test", name: "Root", role: "admin" },
      created: false,
    });
    // Their password still works: SSO does not replace it.
    expect(
      await verifyCredentials({ db, email: "root@elsewhere.test", password: "root-pass-1" }),
    ).not.toBeNull();
  });

  it("refuses a disabled user", async () => {
    const u = await person("gone@acme.test", "Gone", "lead");
    await setUserDisabled({ db, id: u.id, disabled: true, now: T0 });
    const out = await resolveOidcUser({
      db,
      claims: claims("gone@acme.test"),
      config: CONFIG,
      now: T0,
    });
    expect(out).toEqual({ ok: false, reason: "disabled", email: "gone@acme.test" });
  });

  it("refuses a new user whose domain is not allowed (also look-alike sub-domains), creating nothing", async () => {
    for (const email of [
      "eve@evil.test",
      "eve@notacme.test",
      "eve@acme.test.evil.test",
      "eve@sub.acme.test",
    ]) {
      const out = await resolveOidcUser({ db, claims: claims(email), config: CONFIG, now: T0 });
      expect(out).toEqual({ ok: false, reason: "domain", email });
    }
    expect(await db.all("SELECT id FROM users")).toHaveLength(0);
  });

  it("refuses an unverified or missing e-mail unless the provider's e-mails are trusted", async () => {
    const unverified = claims("ada@acme.test", { email_verified: false });
    expect(await resolveOidcUser({ db, claims: unverified, config: CONFIG, now: T0 })).toMatchObject({
      ok: false,
      reason: "unverified",
    });
    const absent = claims("ada@acme.test", { email_verified: undefined });
    expect(await resolveOidcUser({ db, claims: absent, config: CONFIG, now: T0 })).toMatchObject({
      ok: false,
      reason: "unverified",
    });
    expect(await resolveOidcUser({ db, claims: { sub: "x" }, config: CONFIG, now: T0 })).toMatchObject({
      ok: false,
      reason: "no-email",
    });
    expect(
      await resolveOidcUser({ db, claims: claims("not-an-email"), config: CONFIG, now: T0 }),
    ).toMatchObject({ ok: false, reason: "no-email" });
    const trusted = { ...CONFIG, requireVerifiedEmail: false };
    expect(await resolveOidcUser({ db, claims: absent, config: trusted, now: T0 })).toMatchObject({
      ok: true,
    });
    // A string "true" (some providers send it so) counts as verified.
    const stringTrue = claims("cy@acme.test", { email_verified: "true" });
    expect(await resolveOidcUser({ db, claims: stringTrue, config: CONFIG, now: T0 })).toMatchObject({
      ok: true,
    });
  });
});

describe("oidcConfigFromEnv", () => {
  const base = {
    PORTAL_OIDC_ISSUER: "https://id.example.com/realms/acme/",
    PORTAL_OIDC_CLIENT_ID: "portal",
    PORTAL_OIDC_CLIENT_SECRET: "s3cret",
    PORTAL_OIDC_ALLOWED_DOMAINS: [" Acme.test", "acme-labs.test "],
    PORTAL_OIDC_NAME: "Acme SSO",
    PORTAL_OIDC_DEFAULT_ROLE: "member" as const,
    PORTAL_OIDC_REQUIRE_VERIFIED_EMAIL: true,
    NEXTAUTH_URL: "http://localhost:3000",
  };

  it("is null without SSO env (credentials only)", async () => {
    expect(oidcConfigFromEnv({ ...base, PORTAL_OIDC_ISSUER: undefined })).toBeNull();
  });

  it("normalises the issuer and the domains", async () => {
    expect(oidcConfigFromEnv(base)).toEqual({ ...CONFIG, issuer: "https://id.example.com/realms/acme" });
  });
});

describe("the SSO sign-in in the next-auth options", () => {
  const options = () =>
    buildAuthOptions(
      () => db,
      "unit-test-secret-0123456789",
      DEFAULT_LOGIN_THROTTLE,
      () => T0,
      CONFIG,
    );
  /** next-auth's OAuth callback order: signIn({ user: profile(claims), … }), then jwt({ user }) on success. */
  async function ssoSignIn(idTokenClaims: Record<string, unknown>) {
    const opts = options();
    const provider = opts.providers.find((p) => p.id === "oidc") as ReturnType<typeof oidcProvider>;
    const user = await provider.profile(idTokenClaims, {});
    const account = { provider: "oidc", type: "oauth" as const, providerAccountId: String(user.id) };
    const allowed = await opts.callbacks?.signIn?.({ user, account, profile: idTokenClaims });
    if (allowed !== true) return { allowed, token: null };
    const token = await opts.callbacks?.jwt?.({ token: {}, user, account } as never);
    return { allowed, token };
  }

  it("is absent without SSO config, present with it", async () => {
    const ids = (sso: OidcConfig | null) =>
      buildAuthOptions(
        () => db,
        "unit-test-secret-0123456789",
        DEFAULT_LOGIN_THROTTLE,
        () => T0,
        sso,
      ).providers.map((p) => p.id);
    expect(ids(null)).toEqual(["credentials"]);
    expect(ids(CONFIG)).toEqual(["credentials", "oidc"]);
  });

  it("signs in as the portal user: a revocable session row, the throttle counter cleared, an audit line", async () => {
    const existing = await person("root@elsewhere.test", "Root", "admin");
    const keys = loginThrottleKeys("root@elsewhere.test", null);
    await recordLoginFailure({ db, keys, config: DEFAULT_LOGIN_THROTTLE, now: T0 });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { allowed, token } = await ssoSignIn(claims("root@elsewhere.test"));
      expect(allowed).toBe(true);
      expect(token).toMatchObject({ uid: existing.id, role: "admin", sid: expect.any(String) });
      const row = await db.get<{ userId: number }>(
        `SELECT user_id AS "userId" FROM auth_sessions WHERE id = ?`,
        [String(token?.sid)],
      );
      expect(row?.userId).toBe(existing.id);
      expect(await db.get("SELECT key FROM login_attempts WHERE key = ?", [keys.account])).toBeUndefined();
      const lines = stderr.mock.calls.map((c) => String(c[0]));
      expect(lines).toContain('[auth] sign-in email="root@elsewhere.test" address=unknown provider=oidc\n');
    } finally {
      stderr.mockRestore();
    }
  });

  it("refuses with a redirect to the login page naming the reason, and issues no session", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { allowed, token } = await ssoSignIn(claims("eve@evil.test"));
      expect(allowed).toBe("http://localhost:3000/login?error=sso-domain");
      expect(token).toBeNull();
      expect(await db.all("SELECT id FROM auth_sessions")).toHaveLength(0);
      expect(stderr.mock.calls.map((c) => String(c[0]))).toContain(
        '[auth] sso sign-in refused email="eve@evil.test" address=unknown provider=oidc reason=domain\n',
      );
    } finally {
      stderr.mockRestore();
    }
  });
});

describe("ssoErrorMessage", () => {
  it("names the portal's refusals and falls back to a generic message for next-auth's codes", async () => {
    expect(ssoErrorMessage(undefined)).toBeNull();
    expect(ssoErrorMessage("sso-domain")).toMatch(/domain is not allowed/);
    expect(ssoErrorMessage(["sso-disabled"])).toMatch(/disabled/);
    expect(ssoErrorMessage("OAuthCallback")).toMatch(/^Single sign-on failed/);
    expect(ssoErrorMessage("sso-constructor")).toMatch(/^Single sign-on failed/);
  });
});
