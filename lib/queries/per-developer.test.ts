/**
 * Per-developer partials: after an ingest that changed one developer's file, only that developer's rows
 * are computed again, and every figure equals what a connection with no cache computes from the same data.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { parseFilters, type TimeWindow } from "@/lib/filters";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { timedSession, writeDeveloper } from "@/test-support/session-records";
import { getComparison } from "./get-comparison";
import { getEstimationAccuracy } from "./get-estimation-accuracy";
import { getFriction } from "./get-friction";
import { getKpis } from "./get-kpis";
import { getTrend } from "./get-trend";
import { perDeveloper } from "./per-developer";

const H = 3_600_000;
const NOW = Date.UTC(2026, 5, 1, 18);
const ALL = parseFilters({ range: "all" });

let env: StoreEnv;
const sessions = (dev: string, n: number, estimate: number) =>
  Array.from({ length: n }, (_, i) =>
    timedSession({
      id: `${dev}-${i}`,
      start: NOW - (i + 1) * 5 * H,
      end: NOW - (i + 1) * 5 * H + H,
      estimate,
    }),
  );

beforeEach(async () => {
  env = await makeStoreEnv();
  writeDeveloper(env.root, "alice", sessions("alice", 6, 90));
  writeDeveloper(env.root, "bob", sessions("bob", 4, 120));
  await ingest(env, NOW);
});
afterEach(() => env.cleanup());

/** Every figure the partials feed, for a connection. */
async function figures(db: Store) {
  const input = { db, filters: ALL, nowMs: NOW };
  return JSON.stringify({
    kpis: await getKpis(input),
    comparison: await getComparison({ ...input, group: "developer" }),
    estimation: await getEstimationAccuracy(input),
    friction: await getFriction(input),
    trend: await getTrend(input),
  });
}

describe("per-developer partials", () => {
  it("recompute only the developer whose file the ingest changed", async () => {
    const computed: number[] = [];
    const read = async () =>
      await perDeveloper(env.store, "probe", [], undefined, async (dev) => {
        computed.push(dev);
        return dev;
      });
    await read();
    expect(computed).toHaveLength(2);
    await read();
    expect(computed).toHaveLength(2); // nothing changed: both from memory
    writeDeveloper(env.root, "alice", sessions("alice", 7, 90));
    await ingest(env, NOW + 60_000);
    await read();
    expect(computed).toHaveLength(3);
    const alice = computed[2];
    expect(computed.slice(0, 2)).toContain(alice);
  });

  it("keep a developer's rows while a moved window selects the same sessions of theirs", async () => {
    const computed: number[] = [];
    const read = async (w: TimeWindow) =>
      await perDeveloper(
        env.store,
        "probe",
        [],
        undefined,
        async (dev) => {
          computed.push(dev);
          return dev;
        },
        [w],
      );
    // alice's sessions start 5, 10, … 30 h before NOW, bob's 5 … 20 h before.
    await read({ fromMs: NOW - 27 * H, toMs: NOW });
    expect(computed).toHaveLength(2);
    await read({ fromMs: NOW - 27 * H + 60_000, toMs: NOW + 60_000 }); // a minute later: the same sessions
    expect(computed).toHaveLength(2);
    await read({ fromMs: NOW - 25 * H + 1, toMs: NOW + 120_000 }); // alice's session 25 h before NOW left it
    expect(computed).toHaveLength(3);
    const alice = computed[2];
    await read({ fromMs: NOW - 25 * H + 1, toMs: NOW + 180_000 });
    expect(computed).toHaveLength(3);
    await read({ fromMs: NOW - 27 * H, toMs: NOW }); // back: the first selection, still kept
    expect(computed).toHaveLength(3);
    expect(computed.slice(0, 2)).toContain(alice);
  });

  it("after a change, every figure equals a fresh connection's", async () => {
    const before = await figures(env.store);
    writeDeveloper(env.root, "alice", sessions("alice", 8, 45));
    await ingest(env, NOW + 60_000);
    const after = await figures(env.store);
    expect(after).not.toBe(before);
    // Another connection: a store with no cache of its own.
    expect(after).toBe(await figures(await env.another()));
  });
});
