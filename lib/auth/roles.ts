/**
 * The one role → capability table. Pages, routes and the token store ask {@link can}; nobody compares
 * role strings inline. Roles: `admin` (users, tokens, settings and everything a lead sees), `lead` (all
 * team data, read), `member` (their own developer folders in full, the team in aggregate).
 */

/** What a role may do. */
export type Capability = "users:manage" | "tokens:manage" | "settings:write" | "data:team" | "data:own";

/** The roles a portal user can have. */
export type Role = "admin" | "lead" | "member";

const TABLE: Record<Role, readonly Capability[]> = {
  admin: ["users:manage", "tokens:manage", "settings:write", "data:team", "data:own"],
  lead: ["data:team", "data:own"],
  member: ["data:own"],
};

/**
 * True when `role` has `capability`. A role outside the table (e.g. the pre-migration `viewer`, which saw
 * all team data) is read as `lead` until its row is migrated.
 */
export function can(role: string, capability: Capability): boolean {
  const caps = (TABLE as Record<string, readonly Capability[] | undefined>)[role] ?? TABLE.lead;
  return caps.includes(capability);
}
