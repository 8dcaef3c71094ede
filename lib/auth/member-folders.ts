/**
 * Which developer folders a `member` is (their own sessions). Admins set it on the Users page; the read
 * model limits a member's session list and detail to these folders (lib/queries/scope.ts).
 */
import { asc, eq } from "drizzle-orm";
import type { PortalDb } from "@/lib/db/client";
import { memberFolders } from "@/lib/db/schema";
import { can, type Role } from "./roles";

/** The folder names mapped to `userId`, sorted. */
export function getMemberFolders({ db, userId }: { db: PortalDb; userId: number }): string[] {
  return db
    .select({ developer: memberFolders.developer })
    .from(memberFolders)
    .where(eq(memberFolders.userId, userId))
    .orderBy(asc(memberFolders.developer))
    .all()
    .map((r) => r.developer);
}

/** Replaces the folders of `userId` (names trimmed; blanks and repeats dropped). */
export function setMemberFolders({
  db,
  userId,
  developers,
}: {
  db: PortalDb;
  userId: number;
  developers: readonly string[];
}): void {
  const names = [...new Set(developers.map((d) => d.trim()).filter((d) => d.length > 0))];
  db.transaction((tx) => {
    tx.delete(memberFolders).where(eq(memberFolders.userId, userId)).run();
    if (names.length > 0) {
      tx.insert(memberFolders)
        .values(names.map((developer) => ({ userId, developer })))
        .run();
    }
  });
}

/**
 * The developer folders whose sessions `userId` sees in full: null (all) for a role with `data:team`,
 * else the member's mapped folders (possibly none). This is the principal's data scope.
 */
export function visibleDevelopers({
  db,
  userId,
  role,
}: {
  db: PortalDb;
  userId: number;
  role: Role;
}): string[] | null {
  return can(role, "data:team") ? null : getMemberFolders({ db, userId });
}
