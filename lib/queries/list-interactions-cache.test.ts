/**
 * The interactions list after one developer's ingest change: the total (added up from per-developer
 * counts kept under each developer's data version) and the newest page (read along the time index) move
 * with the change, and equal what a connection with no cache reads.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { parseFilters } from "@/lib/filters";
import { interactionRecord } from "@/test-support/ingest";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { isoUtc, timedSession, writeDeveloper } from "@/test-support/session-records";
import { interactionListParamsSchema, listInteractions } from "./list-interactions";

const H = 3_600_000;
const NOW = Date.UTC(2026, 5, 1, 18);
let env: StoreEnv;

/** `n` sessions of `dev`, a day apart, each with two interactions 10 and 20 minutes after its start. */
function folder(dev: string, n: number, extra: Record<string, unknown>[] = []) {
  const sessions = Array.from({ length: n }, (_, i) =>
    timedSession({ id: `${dev}-${i}`, start: NOW - (i + 1) * 24 * H, end: NOW - (i + 1) * 24 * H + H }),
  );
  const interactions = sessions.flatMap((s, i) =>
    [10, 20].map((m) =>
      interactionRecord(String(s.id), m, { timestamp: isoUtc(NOW - (i + 1) * 24 * H + m * 60_000) }),
    ),
  );
  writeDeveloper(env.root, dev, sessions, [...interactions, ...extra]);
}

beforeEach(async () => {
  env = await makeStoreEnv();
  folder("alice", 3);
  folder("bob", 2);
  await ingest(env, NOW);
});
afterEach(() => env.cleanup());

const page = async (db: Store, range: string, sort = "time") =>
  await listInteractions({
    db,
    filters: parseFilters({ range }),
    nowMs: NOW,
    params: interactionListParamsSchema.parse({ pageSize: 5, sort }),
  });

describe("interactions list across an ingest change", () => {
  it("a developer's new interaction moves the total and the newest page; no cached count outlives it", async () => {
    for (const range of ["30d", "all", "7d"]) {
      expect((await page(env.store, range)).total).toBe(10);
      expect((await page(env.store, range, "tokens_in")).total).toBe(10);
    }
    // bob's file gains an interaction in his newest session, later than every other row.
    const late = interactionRecord("bob-0", 50, {
      timestamp: isoUtc(NOW - 24 * H + 50 * 60_000),
      tokens_in: 90_000,
    });
    folder("bob", 2, [late]);
    await ingest(env, NOW + 60_000);
    const fresh = await env.another();
    for (const range of ["30d", "all", "7d"]) {
      const p = await page(env.store, range);
      expect(p.total, range).toBe(11);
      expect(p.rows[0]?.timestamp, range).toBe(late.timestamp);
      expect(JSON.stringify(p)).toBe(JSON.stringify(await page(fresh, range)));
      // Another order takes each developer's head (kept per developer): the new row leads it too.
      const byTokens = await page(env.store, range, "tokens_in");
      expect(byTokens.rows[0]?.timestamp, range).toBe(late.timestamp);
      expect(JSON.stringify(byTokens)).toBe(JSON.stringify(await page(fresh, range, "tokens_in")));
    }
  });
});
