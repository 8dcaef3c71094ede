/**
 * Which developer folders a `member` is (their own sessions). Admins set it on the Users page; the read
 * model limits a member's session list and detail to these folders (lib/queries/scope.ts).
 */
import type { Store } from "@/lib/db/store";
import { can, type Role } from "./roles";

/** The folder names mapped to `userId`, sorted. */
export async function getMemberFolders({ db, userId }: { db: Store; userId: number }): Promise<string[]> {
  const rows = await db.all<{ developer: string }>(
    "SELECT developer FROM member_folders WHERE user_id = ? ORDER BY developer",
    [userId],
  );
  return rows.map((r) => r.developer);
}

/** Replaces the folders of `userId` (names trimmed; blanks and repeats dropped). */
export async function setMemberFolders({
  db,
  userId,
  developers,
}: {
  db: Store;
  userId: number;
  developers: readonly string[];
}): Promise<void> {
  const names = [...new Set(developers.map((d) => d.trim()).filter((d) => d.length > 0))];
  await db.transaction(async () => {
    await db.run("DELETE FROM member_folders WHERE user_id = ?", [userId]);
    if (names.length > 0) {
      await db.run(
        // DO NOTHING: another instance saving the same user at the same moment may have inserted one already.
        `INSERT INTO member_folders (user_id, developer) VALUES ${names.map(() => "(?, ?)").join(", ")}
         ON CONFLICT (user_id, developer) DO NOTHING`,
        names.flatMap((developer) => [userId, developer]),
      );
    }
  });
}

/**
 * The developer folders whose sessions `userId` sees in full: null (all) for a role with `data:team`,
 * else the member's mapped folders (possibly none). This is the principal's data scope.
 */
export async function visibleDevelopers({
  db,
  userId,
  role,
}: {
  db: Store;
  userId: number;
  role: Role;
}): Promise<string[] | null> {
  return can(role, "data:team") ? null : getMemberFolders({ db, userId });
}
