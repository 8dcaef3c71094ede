import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilters } from "@/lib/filters";
import {
  ingest,
  makeStoreEnv,
  placeWorkedExample,
  type StoreEnv,
  WORKED_EXAMPLE_FIGURES,
} from "@/test-support/queries";
import { computeSlices, computeTotals } from "./slices";

let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

describe("worked example folder as <root>/<dev>/", () => {
  it("gives the spec §3.12 figures", async () => {
    placeWorkedExample(env.root, "alice");
    await ingest(env);
    const t = await computeTotals({ db: env.store, filters: parseFilters({ range: "all" }), window: null });
    expect(t.sessions).toBe(5);
    expect(t.completedAll).toBe(4);
    expect(t.roi).toEqual(WORKED_EXAMPLE_FIGURES.roi);
    expect(t.effectiveness.distribution).toEqual({ 1: 1, 2: 1, 3: 1, 4: 2, 5: 2 });
    expect(t.gaps).toMatchObject({
      total_gaps: 4,
      average_gap_minutes: 43.8,
      by_classification: { quick: 0, normal: 3, extended: 0, long_break: 1 },
    });
    expect(t.gaps.byDeveloper).toEqual([
      {
        developer: "alice",
        total_gaps: 4,
        average_gap_minutes: 43.8,
        friction_indicators: ["Gaps increasing over time - possible adoption decline"],
      },
    ]);
    expect(t.tokens.token_stats).toEqual(WORKED_EXAMPLE_FIGURES.tokens.token_stats);
    expect(t.tokens.cache_stats).toEqual(WORKED_EXAMPLE_FIGURES.tokens.cache_stats);
    expect(t.tokens.context_stats.peak_utilization_pct).toBe(55.5);
  });

  it("two developers with the same folder: team figures over the union, gaps per developer", async () => {
    placeWorkedExample(env.root, "alice");
    placeWorkedExample(env.root, "bob", "payments-api");
    await ingest(env);
    const t = await computeTotals({ db: env.store, filters: parseFilters({ range: "all" }), window: null });
    expect(t.sessions).toBe(10);
    expect(t.roi.cost_metrics.human_baseline_cost).toBe(1560);
    expect(t.roi.cost_metrics.cost_saved).toBe(1424.38);
    // Per-developer gaps: the same 4 gaps each, never interleaved (interleaving would give 0-min overlaps).
    expect(t.gaps.total_gaps).toBe(8);
    expect(t.gaps.by_classification).toEqual({ quick: 0, normal: 6, extended: 0, long_break: 2 });
    expect(t.roi.cost_metrics.productivity_multiplier).toBe(1.9);
    const byDev = await computeSlices({
      db: env.store,
      filters: parseFilters({ range: "all" }),
      window: null,
      group: "developer",
    });
    expect(byDev.map((s) => [s.key, s.roi.cost_metrics.cost_saved])).toEqual([
      ["alice", 712.19],
      ["bob", 712.19],
    ]);
    const bob = await computeTotals({
      db: env.store,
      filters: parseFilters({ range: "all", developer: "bob" }),
      window: null,
    });
    expect(bob.roi.cost_metrics.roi_percentage).toBe(91.3);
    expect(bob.effectiveness.count).toBe(7);
  });
});

describe("result cache", () => {
  it("serves repeated reads from memory and recomputes after any write", async () => {
    placeWorkedExample(env.root, "alice");
    await ingest(env);
    const f = parseFilters({ range: "all" });
    const a = await computeTotals({ db: env.store, filters: f, window: null });
    expect(await computeTotals({ db: env.store, filters: f, window: null })).toBe(a);
    placeWorkedExample(env.root, "bob");
    await ingest(env);
    const b = await computeTotals({ db: env.store, filters: f, window: null });
    expect(b).not.toBe(a);
    expect(b.sessions).toBe(10);
    // Other assumptions are another cache entry, not a stale hit.
    const c = await computeTotals({
      db: env.store,
      filters: f,
      window: null,
      assumptions: { humanHourlyRate: 100 },
    });
    expect(c.roi.cost_metrics.human_baseline_cost).toBe(1200);
  });
});
