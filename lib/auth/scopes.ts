/**
 * API token scopes. A token acts as its owner, capped by its scopes AND by what the owner's current role
 * allows (lib/auth/roles.ts): `admin` is only ever effective for an owner who may manage tokens.
 */
import { z } from "zod";
import { can, type Role } from "./roles";

/** Every scope, in display order. */
export const SCOPES = ["read", "export", "ingest", "admin"] as const;

/** One token scope: `read` data, `export` CSV, `ingest` (push), `admin` (tokens, users, settings writes). */
export type Scope = (typeof SCOPES)[number];

/** What each scope allows (the settings page's checkbox hints and the README). */
export const SCOPE_HINTS: Record<Scope, string> = {
  read: "read dashboards data (GET)",
  export: "download CSV",
  ingest: "push tracker files",
  admin: "create and revoke tokens, manage users and settings",
};

/** A set of scopes as sent by a client: at least one; repeats folded, kept in {@link SCOPES} order. */
export const scopeListSchema = z
  .array(z.enum(SCOPES))
  .min(1, "Choose at least one scope")
  .transform((s): Scope[] => SCOPES.filter((x) => s.includes(x)));

/** {@link scopeListSchema}, `["read"]` when omitted (the API's token creation). */
export const scopesSchema = scopeListSchema.default(["read"]);

/** The scopes a user with `role` may hold (a session has all of them; a token at most these). */
export function scopesForRole(role: Role): Scope[] {
  return SCOPES.filter((s) => s !== "admin" || can(role, "tokens:manage"));
}

/** `scopes` capped by what `role` allows (the token's effective scopes at use time). */
export function capScopes(scopes: readonly Scope[], role: Role): Scope[] {
  const allowed = scopesForRole(role);
  return SCOPES.filter((s) => scopes.includes(s) && allowed.includes(s));
}

/** Parses the stored JSON array; unknown entries are dropped (never widened). */
export function parseStoredScopes(json: string): Scope[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? SCOPES.filter((s) => v.includes(s)) : [];
  } catch {
    return [];
  }
}
