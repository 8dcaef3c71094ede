/**
 * Honest comparisons: a change against the previous period only where the data covers that period, and a
 * compare mode of two explicit ranges (`compare=YYYY-MM-DD..YYYY-MM-DD` beside the main range).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCompareRange } from "@/lib/compare-range";
import { parseFilters } from "@/lib/filters";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { timedSession, writeDeveloper } from "@/test-support/session-records";
import { getKpis } from "./get-kpis";
import { getPeriodCompare } from "./get-period-compare";
import { getReport } from "./get-report";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);

let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

/** One completed session a day for `dev`, from `fromDaysAgo` days before NOW up to yesterday. */
function writeDaily(dev: string, fromDaysAgo: number) {
  const days = Array.from({ length: fromDaysAgo }, (_, i) => fromDaysAgo - i);
  writeDeveloper(
    env.root,
    dev,
    days.map((d) =>
      timedSession({
        id: `${dev}_${d}`,
        start: NOW - d * DAY,
        end: NOW - d * DAY + 45 * 60_000,
        outcome: d % 3 === 0 ? "failed" : "success",
        estimate: 90,
      }),
    ),
  );
}

describe("previous period only where the data covers it", () => {
  it("a 90-day range with no earlier data has no delta: 'no comparable period'", async () => {
    writeDaily("alice", 85);
    await ingest(env, NOW);
    const k = await getKpis({ db: env.store, filters: parseFilters({ range: "90d" }), nowMs: NOW });
    expect(k.previous).toBeNull();
    expect(k.comparison).toBe("no_comparable_period");
    // 30 days back, the previous 30 days are fully inside the data: a real delta.
    const k30 = await getKpis({ db: env.store, filters: parseFilters({ range: "30d" }), nowMs: NOW });
    expect(k30.comparison).toBe("previous");
    expect(k30.previous?.sessions).toBe(30);
  });

  it("data that starts inside the previous period is not a comparable period", async () => {
    writeDaily("alice", 45); // previous 30-day period starts 60 days back: only half of it has data
    await ingest(env, NOW);
    const k = await getKpis({ db: env.store, filters: parseFilters({ range: "30d" }), nowMs: NOW });
    expect(k.previous).toBeNull();
    expect(k.comparison).toBe("no_comparable_period");
  });

  it("coverage is judged for the filtered records: a developer who joined late has no comparable period", async () => {
    writeDaily("alice", 120);
    writeDaily("bob", 40);
    await ingest(env, NOW);
    const team = await getKpis({ db: env.store, filters: parseFilters({ range: "30d" }), nowMs: NOW });
    expect(team.comparison).toBe("previous");
    const bob = await getKpis({
      db: env.store,
      filters: parseFilters({ range: "30d", developer: "bob" }),
      nowMs: NOW,
    });
    expect(bob.previous).toBeNull();
    expect(bob.comparison).toBe("no_comparable_period");
    expect(
      (await getKpis({ db: env.store, filters: parseFilters({ range: "all" }), nowMs: NOW })).comparison,
    ).toBe("unbounded");
  });
});

describe("compare mode", () => {
  it("parses YYYY-MM-DD..YYYY-MM-DD; a backwards, malformed or impossible range is an error, never a throw", () => {
    expect(parseCompareRange(undefined)).toBeNull();
    const ok = parseCompareRange("2026-03-01..2026-03-31");
    expect(ok).toEqual({
      ok: true,
      range: {
        from: "2026-03-01",
        to: "2026-03-31",
        window: { fromMs: Date.UTC(2026, 2, 1), toMs: Date.UTC(2026, 3, 1) },
      },
    });
    for (const bad of [
      "2026-03-31..2026-03-01",
      "2026-03-01",
      "2026-02-30..2026-03-01",
      "x..y",
      "2026-03-01..",
      "..2026-03-01",
    ]) {
      const r = parseCompareRange(bad);
      expect(r?.ok, bad).toBe(false);
      if (r && !r.ok) expect(r.error.length).toBeGreaterThan(10);
    }
    expect(parseCompareRange("2026-03-31..2026-03-01")).toMatchObject({
      ok: false,
      error: expect.stringContaining("before"),
    });
  });

  it("before and after side by side: each side equals the report of its own range, with the change", async () => {
    writeDaily("alice", 120);
    await ingest(env, NOW);
    const filters = parseFilters({ range: "30d", compare: "2026-02-01..2026-02-28" });
    expect(filters.compare).toBe("2026-02-01..2026-02-28");
    const c = await getPeriodCompare({ db: env.store, filters, nowMs: NOW });
    if (!c?.ok) throw new Error("expected a comparison");
    const before = await getReport({
      db: env.store,
      filters: parseFilters({ range: "custom", from: "2026-02-01", to: "2026-02-28" }),
      nowMs: NOW,
    });
    const after = await getReport({ db: env.store, filters: parseFilters({ range: "30d" }), nowMs: NOW });
    expect(c.before.values.sessions).toBe(28);
    expect(c.before.values.costSaved).toBe(before.roi.cost_metrics.cost_saved);
    expect(c.after.values.sessions).toBe(30);
    expect(c.after.values.roiPct).toBe(after.roi.cost_metrics.roi_percentage);
    expect(c.change.sessions).toBe(2);
    expect(c.before.window).toEqual({ fromMs: Date.UTC(2026, 1, 1), toMs: Date.UTC(2026, 2, 1) });
    // A before range the data does not cover says so.
    const early = await getPeriodCompare({
      db: env.store,
      filters: parseFilters({ range: "30d", compare: "2025-12-01..2026-01-31" }),
      nowMs: NOW,
    });
    expect(early?.ok && early.before.covered).toBe(false);
    expect(c.before.covered).toBe(true);
    const bad = await getPeriodCompare({
      db: env.store,
      filters: parseFilters({ range: "30d", compare: "2026-02-28..2026-02-01" }),
      nowMs: NOW,
    });
    expect(bad).toMatchObject({ ok: false });
    expect(
      await getPeriodCompare({ db: env.store, filters: parseFilters({ range: "30d" }), nowMs: NOW }),
    ).toBeNull();
  });
});
