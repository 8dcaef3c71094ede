/**
 * A session by its natural key: the developer folder and the tracker's session id (ids are unique only
 * per developer). The portal's row id it returns is what `get-session-detail.ts` reads.
 */
import type { Store } from "@/lib/db/store";
import { get } from "./scope";

/** The row id of `developer`'s session `sessionId`, or null when there is none. */
export async function findSessionRowId(input: {
  db: Store;
  developer: string;
  sessionId: string;
}): Promise<number | null> {
  return (
    (
      await get<{ id: number }>(
        input.db,
        `SELECT s.id FROM sessions s JOIN developers d ON d.id = s.developer_id
       WHERE d.name = ? AND s.session_id = ?`,
        [input.developer, input.sessionId],
      )
    )?.id ?? null
  );
}
