/**
 * Roles and what each may do: the one role → capability table. Pages, server actions and routes ask
 * {@link can}; nobody compares role strings inline, so a role's rights live here only.
 *
 * - `admin`: users, tokens, settings, and everything a lead sees.
 * - `lead`: all team data, read only.
 * - `member`: their own sessions in full (the developer folders they are mapped to); the team only in
 *   aggregate, other people only in groups of at least the minimum group size (lib/queries/scope.ts).
 */
import { z } from "zod";

/** The roles, most to least privileged. `viewer` (before issue 11) became `lead` in a migration. */
export const ROLES = ["admin", "lead", "member"] as const;

/** A portal user's role. */
export type Role = (typeof ROLES)[number];

/** Input schema of a role (forms, API): `viewer` is no longer accepted. */
export const roleSchema = z.enum(ROLES);

/** What a principal may do. */
export const CAPABILITIES = [
  "users:manage",
  "tokens:manage",
  "settings:write",
  "data:team",
  "data:own",
] as const;

/** One capability. `data:team` = every developer's sessions; `data:own` = the mapped folders' sessions. */
export type Capability = (typeof CAPABILITIES)[number];

const TABLE: Record<Role, ReadonlySet<Capability>> = {
  admin: new Set(["users:manage", "tokens:manage", "settings:write", "data:team", "data:own"]),
  lead: new Set(["data:team", "data:own"]),
  member: new Set(["data:own"]),
};

/** True when `role` has `capability`. */
export function can(role: Role, capability: Capability): boolean {
  return TABLE[role].has(capability);
}

/** The capabilities of `role`, in {@link CAPABILITIES} order. */
export function capabilitiesOf(role: Role): Capability[] {
  return CAPABILITIES.filter((c) => TABLE[role].has(c));
}

/** Human label of a role for the Users page. */
export const ROLE_LABEL: Record<Role, string> = {
  admin: "Admin — users, tokens, settings and all team data",
  lead: "Lead — all team data (read)",
  member: "Member — own sessions; the team in aggregate",
};
