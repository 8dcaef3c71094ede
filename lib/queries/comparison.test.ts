import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  parseInteractionsFile,
  parseIssuesFile,
  parseSessionsFile,
  timestampToEpochMs,
} from "ai-session-tracker-mcp/contract";
import { DEFAULT_ROI_METHOD_SETTINGS } from "ai-session-tracker-mcp/stats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filtersToQuery, NO_PROJECT, parseFilters, resolveWindow } from "@/lib/filters";
import { makeTeamFolder, type TeamFolderManifest } from "@/scripts/make-team-folder";
import {
  type OracleDeveloper,
  type OracleRow,
  oracleAdoption,
  oracleByDeveloper,
  oracleBySessionField,
} from "@/test-support/comparison-oracle";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { roiMethodOracle } from "@/test-support/roi-method-oracle";
import { getAdoption } from "./get-adoption";
import {
  COMPARISON_SORTS,
  type ComparisonRow,
  comparisonSortSchema,
  getComparison,
  parseComparisonSort,
  sortComparison,
} from "./get-comparison";

const NOW = Date.UTC(2026, 5, 1);
const WEEK_MS = 604_800_000;
let env: StoreEnv;
let manifest: TeamFolderManifest;
let truth: OracleDeveloper[];

beforeAll(async () => {
  env = await makeStoreEnv();
  // Like dashboards.test.ts's setup, other inputs. Three developers: the last writes the legacy shape in a flat folder, so its sessions have no project.
  manifest = makeTeamFolder({
    root: env.root,
    seed: 23,
    developers: 3,
    sessionsPerDeveloper: 40,
    interactionsPerSession: 3,
    now: new Date(NOW),
    mess: ["onedrive", "dropbox", "truncated", "stray", "legacy", "sameIds", "empty"],
  });
  // A developer whose folder exists but who never recorded a session.
  mkdirSync(path.join(env.root, "zz-silent"), { recursive: true });
  writeFileSync(path.join(env.root, "zz-silent", "sessions.json"), "{}");
  await ingest(env, NOW);
  truth = manifest.developers.map((d) => ({
    dev: d.name,
    sessions: parseSessionsFile(d.sessions).records,
    interactions: parseInteractionsFile(d.interactions).records,
    issues: parseIssuesFile(d.issues).records,
  }));
});
afterAll(() => env.cleanup());

const ALL = parseFilters({ range: "all" });

function expectRows(actual: readonly ComparisonRow[], expected: readonly OracleRow[]) {
  expect(actual.map((r) => r.key).sort()).toEqual(expected.map((r) => r.key).sort());
  for (const e of expected) {
    const a = actual.find((r) => r.key === e.key);
    if (!a) throw new Error(`no row ${e.key}`);
    expect(a.sessions, e.key).toBe(e.sessions);
    expect(a.activeDays, e.key).toBe(e.activeDays);
    expect(a.activeWeeks, e.key).toBe(e.activeWeeks);
    // Hours come rounded to 2 dp by the stats package (half-even): within half a cent of an hour.
    expect(Math.abs(a.valueHours - e.valueHours), e.key).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs(a.hoursSaved - e.hoursSaved), e.key).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(a.hoursSavedPerActiveWeek ?? Number.NaN, e.key).toBeCloseTo(
      e.hoursSavedPerActiveWeek ?? Number.NaN,
      1,
    );
    if (e.successRatePct === null) expect(a.successRatePct).toBeNull();
    else expect(a.successRatePct, e.key).toBeCloseTo(e.successRatePct, 9);
    expect(a.effectiveness, e.key).toBeCloseTo(e.effectiveness, 2);
    expect(a.issuesPerSession ?? Number.NaN, e.key).toBeCloseTo(e.issuesPerSession ?? Number.NaN, 9);
    expect(
      a.trend.reduce((x, y) => x + y, 0),
      e.key,
    ).toBeLessThanOrEqual(e.sessions);
  }
}

describe("comparison tables (for whom)", () => {
  it("one row per developer with sessions, equal to the oracle", async () => {
    const c = await getComparison({ db: env.store, filters: ALL, nowMs: NOW, group: "developer" });
    expectRows(c.rows, oracleByDeveloper(truth));
    expect(c.rows.some((r) => r.key === "zz-silent")).toBe(false);
  });

  it.each([
    ["model", "model_name"],
    ["task", "task_type"],
    ["project", "project"],
  ] as const)("one row per %s, equal to the oracle", async (group, field) => {
    const c = await getComparison({ db: env.store, filters: ALL, nowMs: NOW, group });
    expectRows(c.rows, oracleBySessionField(truth, field));
  });

  it("the sparkline covers the weeks with sessions and sums to the sessions in them", async () => {
    const c = await getComparison({
      db: env.store,
      filters: parseFilters({ range: "30d" }),
      nowMs: NOW,
      group: "developer",
    });
    expect(c.weeks.length).toBeGreaterThan(3);
    // NOW is a Monday 00:00: the range's last week is whole, its first (from a Saturday) is partial.
    const window = resolveWindow(parseFilters({ range: "30d" }), NOW);
    if (!window) throw new Error("30d has a window");
    expect(c.weeks[0]).toBeGreaterThanOrEqual(window.fromMs);
    expect((c.weeks.at(-1) ?? 0) + WEEK_MS).toBe(NOW);
    for (const r of c.rows) {
      const inWeeks = truth
        .filter((d) => d.dev === r.key)
        .flatMap((d) => d.sessions)
        .filter((s) => {
          const ms = timestampToEpochMs(s.start_time);
          return ms !== null && ms >= (c.weeks[0] ?? 0) && ms < NOW;
        }).length;
      expect(
        r.trend.reduce((a, b) => a + b, 0),
        r.key,
      ).toBe(inWeeks);
    }
  });

  it("the sparkline leaves out partial weeks: the range's first and the week still running", async () => {
    const now = NOW + 3.5 * 86_400_000; // Thursday noon
    for (const range of ["30d", "all"] as const) {
      const c = await getComparison({
        db: env.store,
        filters: parseFilters({ range }),
        nowMs: now,
        group: "developer",
      });
      const window = resolveWindow(parseFilters({ range }), now);
      expect(c.weeks.length, range).toBeGreaterThan(2);
      for (const w of c.weeks) {
        if (window) expect(w, range).toBeGreaterThanOrEqual(window.fromMs);
        expect(w + WEEK_MS, range).toBeLessThanOrEqual(now);
      }
      // The running week (from Monday NOW) is partial: the sparkline ends the week before.
      expect(c.weeks.at(-1), range).toBe(NOW - WEEK_MS);
    }
  });

  it("each row's return per dollar is the ROI method's expected case for that developer (method oracle)", async () => {
    const filters = parseFilters({ range: "30d" });
    const w = resolveWindow(filters, NOW);
    if (!w) throw new Error("30d has a window");
    const m = DEFAULT_ROI_METHOD_SETTINGS;
    const c = await getComparison({ db: env.store, filters, nowMs: NOW, group: "developer", method: m });
    expect(c.rows.length).toBeGreaterThan(1);
    for (const r of c.rows) {
      const dev = manifest.developers.find((d) => d.name === r.key);
      if (!dev) throw new Error(`no developer ${r.key}`);
      const sessions = Object.values(dev.sessions)
        .filter((x) => {
          const ms = Date.parse(String(x.start_time));
          return ms >= w.fromMs && ms < w.toMs;
        })
        .map((record) => ({ developer: dev.name, record }));
      const o = roiMethodOracle({
        sessions,
        fromMs: w.fromMs,
        toMs: w.toMs,
        settings: {
          rate: m.humanHourlyRate,
          seatPrice: m.seatPricePerMonth,
          engagement: m.engagementShare,
          partialWeight: m.partialWeight,
        },
      });
      expect(r.returnPerDollar, r.key).toBe(o.expected.returnPerDollar);
    }
    // Without the method's settings there is no return to show.
    const bare = await getComparison({ db: env.store, filters, nowMs: NOW, group: "developer" });
    expect(bare.rows.every((r) => r.returnPerDollar === null)).toBe(true);
  });

  it('"no project" is a filter in the URL (/none) and selects the sessions without one', async () => {
    const legacy = truth.find((d) => d.sessions.every((s) => s.project === ""));
    if (!legacy) throw new Error("fixture has no developer without projects");
    const f = parseFilters({ range: "all", project: NO_PROJECT });
    expect(f.project).toBe("");
    expect(filtersToQuery(f)).toBe("?range=all&project=%2Fnone");
    expect(parseFilters(new URLSearchParams(filtersToQuery(f).slice(1)))).toEqual(f);
    const c = await getComparison({ db: env.store, filters: f, nowMs: NOW, group: "developer" });
    expectRows(c.rows, oracleByDeveloper([legacy]));
    // An override still removes the filter.
    expect(filtersToQuery(f, { project: undefined })).toBe("?range=all");
  });

  it("sorts by every column both ways, rows without a value last", async () => {
    const { rows } = await getComparison({ db: env.store, filters: ALL, nowMs: NOW, group: "task" });
    for (const sort of COMPARISON_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const sorted = sortComparison(rows, { sort, dir });
        expect(sorted).toHaveLength(rows.length);
        const value = (r: ComparisonRow): number | string | null =>
          ({
            name: r.key,
            sessions: r.sessions,
            activeDays: r.activeDays,
            valueHours: r.valueHours,
            hoursSaved: r.hoursSavedPerActiveWeek,
            return: r.returnPerDollar,
            successRate: r.successRatePct,
            effectiveness: r.interactions ? r.effectiveness : null,
            issuesPerSession: r.issuesPerSession,
          })[sort];
        const values = sorted.map(value);
        const present = values.filter((v) => v !== null);
        expect(values.slice(0, present.length), `${sort} ${dir}: nulls last`).toEqual(present);
        for (let i = 1; i < present.length; i++) {
          const [a, b] = [present[i - 1], present[i]] as [number | string, number | string];
          const cmp = typeof a === "string" ? a.localeCompare(b as string) : a - (b as number);
          expect(dir === "asc" ? cmp <= 0 : cmp >= 0, `${sort} ${dir} at ${i}`).toBe(true);
        }
      }
    }
  });

  it("a page falls back on an unknown column and says so; the API schema refuses it", () => {
    expect(parseComparisonSort({ sort: "hoursSaved", dir: "asc" })).toEqual({
      sort: "hoursSaved",
      dir: "asc",
      rejected: null,
    });
    expect(parseComparisonSort({ sort: "bogus" })).toEqual({
      sort: "sessions",
      dir: "desc",
      rejected: "bogus",
    });
    expect(parseComparisonSort({})).toEqual({ sort: "sessions", dir: "desc", rejected: null });
    expect(comparisonSortSchema.safeParse({ sort: "bogus" }).success).toBe(false);
    expect(comparisonSortSchema.safeParse({ sort: "name", dir: "up" }).success).toBe(false);
    expect(comparisonSortSchema.parse({})).toEqual({ sort: "sessions", dir: "desc" });
  });
});

describe("adoption", () => {
  it.each([
    ["all time", { range: "all" }],
    ["7 days", { range: "7d" }],
    ["one custom day", { range: "custom", from: "2026-05-20", to: "2026-05-20" }],
  ])("%s: active, silent, active days, days since last, per day — equal to the oracle", async (_n, q) => {
    const filters = parseFilters(q);
    const w = resolveWindow(filters, NOW) ?? { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
    const silentFolder: OracleDeveloper = { dev: "zz-silent", sessions: [], interactions: [] };
    const o = oracleAdoption([...truth, silentFolder], w.fromMs, w.toMs, NOW);
    const a = await getAdoption({ db: env.store, filters, nowMs: NOW });
    expect(a.silent).toEqual(o.silent);
    expect(a.silent).toContain("zz-silent");
    expect(a.active).toBe(o.active.length);
    expect(a.developers).toBe(truth.length + 1);
    for (const d of a.byDeveloper) {
      expect(d.activeDays, d.developer).toBe(o.activeDays[d.developer]);
      expect(d.daysSinceLast, d.developer).toBe(o.daysSinceLast[d.developer]);
    }
    const nonZero = Object.fromEntries(
      a.perDay.filter((p) => p.developers > 0).map((p) => [p.day, p.developers]),
    );
    expect(nonZero).toEqual(o.perDay);
    const weekSum = a.perWeek.reduce((n, w) => n + w.developers, 0);
    expect(weekSum).toBeGreaterThanOrEqual(a.active);
  });
});
