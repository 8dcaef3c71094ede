/** Leadership on SQLite: the one instance leads at once (PostgreSQL: coordination.pg.test.ts). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "./client";
import { leadership } from "./coordination";
import { storeOf } from "./sqlite-store";

describe("leadership on SQLite", () => {
  it("the one instance leads at once and gives up the lead when stopped", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lead-sqlite-"));
    const db = openDb(path.join(dir, "portal.db"));
    try {
      const changes: boolean[] = [];
      const l = leadership(storeOf(db), {
        name: "ingest",
        instanceId: "solo",
        onChange: (x) => changes.push(x),
      });
      await l.ready;
      expect(l.status()).toMatchObject({ leader: true, leaderInstance: "solo", leaderHeartbeatMs: null });
      await l.stop();
      expect(changes).toEqual([true, false]);
      expect(l.status().leader).toBe(false);
    } finally {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
