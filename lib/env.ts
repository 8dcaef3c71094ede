/**
 * The portal's environment, parsed once by zod (create-t3-app style). Nothing else in the portal reads
 * `process.env`; modules take what they need from {@link getEnv} or receive it as an argument.
 */
import path from "node:path";
import { z } from "zod";

const boolFromString = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

/**
 * A PostgreSQL connection URL: `postgres://` or `postgresql://`, a host, optionally user, password, port,
 * database and libpq parameters (`?sslmode=require`). The message never repeats the value (it may hold a
 * password).
 */
const postgresUrl = z.string().refine(
  (v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "";
    } catch {
      return false;
    }
  },
  {
    message:
      "must be a PostgreSQL URL like postgres://user:password@host:5432/portal (scheme postgres:// or postgresql://, with a host); unset it to use SQLite at PORTAL_DB_PATH",
  },
);

const envFields = z.object({
  /**
   * The portal's database on PostgreSQL (several instances can share it); unset or empty → SQLite at
   * PORTAL_DB_PATH. lib/db/open-store.ts picks the engine from it.
   */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(postgresUrl.optional()),
  /**
   * This instance's name among several on one PostgreSQL (shown in /api/health and to the other
   * instances); default hostname:pid.
   */
  PORTAL_INSTANCE_ID: z.string().trim().min(1).max(50).optional(),
  /** SQLite file of the portal (created with its folder on first open); unused with DATABASE_URL. */
  PORTAL_DB_PATH: z.string().min(1).default("./data/portal.db"),
  /** The team's shared parent folder; optional because the CLI can take it as an argument. */
  PORTAL_DATA_ROOT: z.string().min(1).optional(),
  /** awaitWriteFinish stability threshold in ms: raise it for slow cloud clients. */
  PORTAL_INGEST_SETTLE_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  /** Poll the file system instead of relying on OS events (SMB/NFS shares). */
  PORTAL_INGEST_POLL: boolFromString.default(false),
  /** Polling interval in ms when PORTAL_INGEST_POLL is on. */
  PORTAL_INGEST_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /** Safety full rescan interval in ms (catches events the OS or the share never delivered). */
  PORTAL_INGEST_RESCAN_MS: z.coerce.number().int().min(1000).default(300_000),
  /** Files larger than this many MiB are refused (recorded as an error, never read). */
  PORTAL_INGEST_MAX_FILE_MB: z.coerce.number().positive().default(256),
  /** Largest body `POST /api/v1/ingest` accepts, in MiB (a bigger push is refused with 413, never buffered). */
  PORTAL_PUSH_MAX_MB: z.coerce.number().positive().default(10),
  /**
   * Folders outside PORTAL_DATA_ROOT that symlinks in the share may lead into, separated like PATH (`:`;
   * `;` on Windows). Links to anything else outside the root are refused (never read).
   */
  PORTAL_INGEST_EXTRA_ROOTS: z
    .string()
    .default("")
    .transform((v) => v.split(path.delimiter).filter((p) => p.trim() !== "")),
  // --- Portal UI (auth, demo mode) ---
  /** Signs next-auth session JWTs; `npm start` persists a random one in ./data/ when unset. */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** Public URL of the portal (next-auth callbacks). Use localhost, not 127.0.0.1 (CSRF cookie). */
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  /** Address `next start` binds to (default: all interfaces); the personal dashboard sets 127.0.0.1. */
  PORTAL_HOST: z.string().min(1).optional(),
  /** Set by Next itself (`next dev` → development): the CSP allows eval and the HMR socket in dev only. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** Sign-in throttle: failures allowed per account before the backoff starts. */
  PORTAL_LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Sign-in throttle: failures allowed per client address before the backoff starts. */
  PORTAL_LOGIN_FREE_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Sign-in throttle: first lock in ms, doubled with each further failure (at most 15 min). */
  PORTAL_LOGIN_BACKOFF_MS: z.coerce.number().int().min(100).max(900_000).default(30_000),
  /** First admin, created (or its password updated) on start. */
  PORTAL_ADMIN_EMAIL: z.email().optional(),
  PORTAL_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** Demo team folder used when PORTAL_DATA_ROOT is unset (generated on first start). */
  PORTAL_DEMO_ROOT: z.string().min(1).default("./data/demo-team"),
  /**
   * Parse every `/api/v1` JSON body with its response schema before sending it (lib/api/responses): a
   * body that drifts from the OpenAPI document becomes a logged 500. For the e2e server; off in production.
   */
  PORTAL_API_CHECK_RESPONSES: boolFromString.default(false),
  /** Pins the portal's "now" (ISO date-time) for e2e runs against a fixture with a fixed end date. */
  PORTAL_NOW: z.iso.datetime({ offset: true }).optional(),
  // --- Single sign-on (OpenID Connect; lib/auth/oidc.ts). No issuer → no SSO button, credentials only. ---
  /** The provider's issuer URL (its `/.well-known/openid-configuration` is read from there). */
  PORTAL_OIDC_ISSUER: z.url().optional(),
  PORTAL_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PORTAL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Shown on the button: "Sign in with <name>". */
  PORTAL_OIDC_NAME: z.string().trim().min(1).max(60).default("SSO"),
  /** E-mail domains (comma-separated) whose new users SSO creates; existing users sign in from any domain. */
  PORTAL_OIDC_ALLOWED_DOMAINS: z
    .string()
    .default("")
    .transform((v) => v.split(",").filter((d) => d.trim() !== "")),
  /** Role of a user SSO creates (never admin: an admin promotes people on the Users page). */
  PORTAL_OIDC_DEFAULT_ROLE: z.enum(["lead", "member"]).default("member"),
  /** Refuse e-mails the provider does not mark `email_verified` (off only for a provider that never sends it). */
  PORTAL_OIDC_REQUIRE_VERIFIED_EMAIL: boolFromString.default(true),
});

/** The fields, plus the rules across them: SSO needs a client id, a secret and the allowed domains. */
const envSchema = envFields.superRefine((env, ctx) => {
  if (!env.PORTAL_OIDC_ISSUER) return;
  const required = {
    PORTAL_OIDC_CLIENT_ID: env.PORTAL_OIDC_CLIENT_ID,
    PORTAL_OIDC_CLIENT_SECRET: env.PORTAL_OIDC_CLIENT_SECRET,
    PORTAL_OIDC_ALLOWED_DOMAINS: env.PORTAL_OIDC_ALLOWED_DOMAINS.join(","),
  };
  for (const [key, value] of Object.entries(required)) {
    if (!value) ctx.addIssue({ code: "custom", path: [key], message: "required with PORTAL_OIDC_ISSUER" });
  }
});

/** Parsed, typed environment. */
export type PortalEnv = z.infer<typeof envSchema>;

let cached: PortalEnv | undefined;

/**
 * Returns the environment parsed by zod, reading `process.env` only on the first call.
 * Throws a readable error naming each invalid variable.
 */
export function getEnv(): PortalEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Parses an environment (`process.env` or a test's own) like {@link getEnv}, without caching. */
export function parseEnv(source: Record<string, string | undefined>): PortalEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid portal environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
