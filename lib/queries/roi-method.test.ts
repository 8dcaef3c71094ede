import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_GENERATOR, FIXTURE_NOW } from "@/e2e/fixture-folder";
import { type DashboardFilters, parseFilters } from "@/lib/filters";
import { updatePortalSettings } from "@/lib/settings";
import { DEMO_MESS, makeTeamFolder, type TeamFolderManifest } from "@/scripts/make-team-folder";
import {
  ingest,
  makeStoreEnv,
  placeWorkedExample,
  type StoreEnv,
  WORKED_EXAMPLE,
} from "@/test-support/queries";
import {
  type OracleMethod,
  type OracleSession,
  type OracleSettings,
  roiMethodOracle,
} from "@/test-support/roi-method-oracle";
import { getReport } from "./get-report";
import { getMethodSettings, getRoiMethod, getRoiMethodSlices, type RoiMethodView } from "./get-roi-method";

const DAY = 86_400_000;
const DEFAULTS: OracleSettings = { rate: 130, seatPrice: 40, engagement: 1, partialWeight: 0.5 };

let env: StoreEnv;
afterEach(() => env.cleanup());

/** The app's view reduced to the oracle's figures. */
function figures(v: RoiMethodView): OracleMethod {
  const c = (k: "conservative" | "expected" | "optimistic") => {
    const x = v[k];
    return {
      deliveredHours: x.deliveredHours,
      developerHours: x.developerHours,
      hoursSaved: x.hoursSaved,
      valueUsd: x.valueUsd,
      spendUsd: x.spendUsd,
      netUsd: x.netUsd,
      returnPerDollar: x.returnPerDollar,
      savingsRatePct: x.savingsRatePct,
    };
  };
  return {
    sessions: v.sessions,
    aiHours: v.aiHours,
    seats: v.spend.seats,
    months: v.spend.months,
    spendUsd: v.spend.usd,
    conservative: c("conservative"),
    expected: c("expected"),
    optimistic: c("optimistic"),
  };
}

describe("ROI method on the worked example (spec §3.12)", () => {
  const NOW = Date.UTC(2026, 2, 10);
  const raw = JSON.parse(readFileSync(path.join(WORKED_EXAMPLE, "sessions.json"), "utf8")) as Record<
    string,
    Record<string, unknown>
  >;
  const sessions: OracleSession[] = Object.values(raw).map((record) => ({ developer: "jane", record }));

  beforeEach(async () => {
    env = await makeStoreEnv();
    placeWorkedExample(env.root, "jane");
    await ingest(env, NOW);
  });

  it("equals the oracle over 30 days, and with full engagement its hours saved are upstream's time saved", async () => {
    const filters = parseFilters({ range: "30d" });
    const v = await getRoiMethod({
      db: env.store,
      filters,
      nowMs: NOW,
      method: await getMethodSettings({ db: env.store }),
    });
    const o = roiMethodOracle({ sessions, fromMs: NOW - 30 * DAY, toMs: NOW, settings: DEFAULTS });
    expect(figures(v)).toEqual(o);
    // 8 Feb → 10 Mar: 21/28 + 9/31 = 1.04 months of one seat; 360 min estimated, 155 min in sessions
    expect(v.spend).toEqual({
      seats: 1,
      months: 1.04,
      seatPricePerMonth: 40,
      usd: 41.6,
      basis: "assumed_seats",
      measuredUsd: null,
      measuredDevelopers: 0,
      unpricedRequests: 0,
    });
    expect(v.expected).toMatchObject({ deliveredHours: 6, developerHours: 2.58, hoursSaved: 3.42 });
    expect(v.expected.valueUsd).toBe(444.6);
    expect(v.expected.returnPerDollar).toBe(10.69);
    // net 403 / delivered 780
    expect(v.expected.savingsRatePct).toBe(51.7);
    expect(v.optimistic.deliveredHours).toBe(6.5); // A counted at its initial 120 min
    const upstream = (await getReport({ db: env.store, filters, nowMs: NOW })).roi.time_metrics;
    expect(v.expected.hoursSaved).toBe(upstream.time_saved_hours);
  });

  it("a settings change moves the figures (engagement 20 %, partial weight 0)", async () => {
    await updatePortalSettings({
      db: env.store,
      patch: { engagementShare: 0.2, partialWeight: 0, humanHourlyRate: 200 },
    });
    const method = await getMethodSettings({ db: env.store });
    expect(method).toEqual({
      humanHourlyRate: 200,
      seatPricePerMonth: 40,
      engagementShare: 0.2,
      partialWeight: 0,
      outcomeSignal: "self_report",
    });
    const filters = parseFilters({ range: "30d" });
    const v = await getRoiMethod({ db: env.store, filters, nowMs: NOW, method });
    const settings = { rate: 200, seatPrice: 40, engagement: 0.2, partialWeight: 0 };
    expect(figures(v)).toEqual(roiMethodOracle({ sessions, fromMs: NOW - 30 * DAY, toMs: NOW, settings }));
    // 6 h − 0.2 × 2.58 h = 5.48 h (0.2 × 2.58 = 0.516 → 0.52)
    expect(v.expected.hoursSaved).toBe(5.48);
    expect(v.conservative.developerHours).toBe(2.58); // conservative keeps full engagement
  });

  it("all time charges the whole UTC days the data covers", async () => {
    const v = await getRoiMethod({
      db: env.store,
      filters: parseFilters({ range: "all" }),
      nowMs: NOW,
      method: await getMethodSettings({ db: env.store }),
    });
    const day = Date.UTC(2026, 2, 2);
    expect(v.period).toEqual({ fromMs: day, toMs: day + DAY });
    expect(figures(v)).toEqual(
      roiMethodOracle({ sessions, fromMs: day, toMs: day + DAY, settings: DEFAULTS }),
    );
  });
});

describe("ROI method on the e2e fixture folder", () => {
  const NOW = Date.parse(FIXTURE_NOW);
  let manifest: TeamFolderManifest;
  beforeEach(async () => {
    env = await makeStoreEnv();
    manifest = makeTeamFolder({ root: env.root, ...FIXTURE_GENERATOR, mess: DEMO_MESS });
    await ingest(env, NOW);
  });

  /** Every developer's raw sessions starting in `[fromMs, toMs)`. */
  const inWindow = (fromMs: number, toMs: number): OracleSession[] =>
    manifest.developers.flatMap((d) =>
      Object.values(d.sessions)
        .filter((r) => {
          const ms = Date.parse(String(r.start_time));
          return ms >= fromMs && ms < toMs;
        })
        .map((record) => ({ developer: d.name, record })),
    );
  const run = async (filters: DashboardFilters) =>
    await getRoiMethod({
      db: env.store,
      filters,
      nowMs: NOW,
      method: await getMethodSettings({ db: env.store }),
    });

  it("team figures for 7, 30 and 90 days equal the oracle", async () => {
    for (const days of [7, 30, 90] as const) {
      const v = await run(parseFilters({ range: `${days}d` }));
      const sessions = inWindow(NOW - days * DAY, NOW);
      const o = roiMethodOracle({ sessions, fromMs: NOW - days * DAY, toMs: NOW, settings: DEFAULTS });
      expect(figures(v), `${days}d`).toEqual(o);
      expect(v.activeDevelopers).toBe(new Set(sessions.map((s) => s.developer)).size);
    }
  });

  it("all time is charged from the first record's day to the last record's day end", async () => {
    const starts = manifest.developers.flatMap((d) => [
      ...Object.values(d.sessions).map((r) => Date.parse(String(r.start_time))),
      ...d.requests.map((r) => Date.parse(String(r.timestamp))),
    ]);
    const fromMs = Math.floor(Math.min(...starts) / DAY) * DAY;
    const toMs = Math.floor(Math.max(...starts) / DAY) * DAY + DAY;
    const v = await run(parseFilters({ range: "all" }));
    expect(figures(v)).toEqual(
      roiMethodOracle({ sessions: inWindow(fromMs, toMs), fromMs, toMs, settings: DEFAULTS }),
    );
  });

  it("per developer: one seat each; the slices equal the developer-filtered views", async () => {
    const filters = parseFilters({ range: "90d" });
    const method = await getMethodSettings({ db: env.store });
    const slices = await getRoiMethodSlices({
      db: env.store,
      filters,
      nowMs: NOW,
      method,
      group: "developer",
    });
    expect(slices.length).toBeGreaterThan(1);
    for (const s of slices) {
      const sessions = inWindow(NOW - 90 * DAY, NOW).filter((x) => x.developer === s.key);
      expect(figures(s), s.key).toEqual(
        roiMethodOracle({ sessions, fromMs: NOW - 90 * DAY, toMs: NOW, settings: DEFAULTS }),
      );
      const { key: _k, ...alone } = await run({ ...filters, developer: s.key });
      const { key: _k2, ...slice } = s;
      expect(slice).toEqual(alone);
    }
  });

  it("a task-type view charges each developer the share of their sessions it holds; shares add up", async () => {
    const filters = parseFilters({ range: "90d" });
    const all = inWindow(NOW - 90 * DAY, NOW);
    const task = "debugging";
    const picked = all.filter((x) => x.record.task_type === task);
    let seats = 0;
    for (const dev of new Set(picked.map((x) => x.developer))) {
      const mine = all.filter((x) => x.developer === dev);
      seats += mine.filter((x) => x.record.task_type === task).length / mine.length;
    }
    const v = await run({ ...filters, task });
    expect(figures(v)).toEqual(
      roiMethodOracle({ sessions: picked, fromMs: NOW - 90 * DAY, toMs: NOW, settings: DEFAULTS, seats }),
    );
    const method = await getMethodSettings({ db: env.store });
    const byTask = await getRoiMethodSlices({ db: env.store, filters, nowMs: NOW, method, group: "task" });
    const total = byTask.reduce((a, s) => a + s.spend.seats, 0);
    expect(total).toBeCloseTo((await run(filters)).spend.seats, 1);
  });
});
