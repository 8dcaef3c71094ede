/**
 * Which developer a push (POST /api/v1/ingest) may write: a principal who sees all team data (admin,
 * lead) may push for any developer name; a member only for the developer folders mapped to them (Users
 * page). The token's `ingest` scope is checked before this (apiHandler).
 */
import type { Store } from "@/lib/db/store";
import { PortalError } from "@/lib/errors";
import { getMemberFolders } from "./member-folders";
import { can, type Role } from "./roles";

/** Throws `forbidden` when a user with `role` may not push data of `developer`. */
export async function assertMayPush(input: {
  db: Store;
  userId: number;
  role: Role;
  developer: string;
}): Promise<void> {
  const { db, userId, role, developer } = input;
  if (can(role, "data:team")) return;
  if (can(role, "data:own") && (await getMemberFolders({ db, userId })).includes(developer)) return;
  throw new PortalError("forbidden", `You may push only for your own developer folders, not "${developer}"`);
}
