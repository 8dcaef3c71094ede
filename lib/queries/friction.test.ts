/**
 * In-day friction: only pauses inside a developer's working day count (nights, weekends and multi-hour
 * absences never do), and a group is flagged only when it stands clearly above the team's own share —
 * checked on hand-built timelines and against the independent oracle on a generated team folder.
 */
import { parseSessionsFile } from "ai-session-tracker-mcp/contract";
import { IN_DAY_GAP_RULE } from "ai-session-tracker-mcp/stats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilters } from "@/lib/filters";
import { makeTeamFolder } from "@/scripts/make-team-folder";
import { inDayFrictionOracle } from "@/test-support/in-day-friction";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { timedSession, writeDeveloper } from "@/test-support/session-records";
import { getFriction } from "./get-friction";
import { getReport } from "./get-report";

const NOW = Date.UTC(2026, 5, 1);
const ALL = parseFilters({ range: "all" });

let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

/** Writes completed sessions `[start, end, model?]` (ISO text) for `dev`. */
function writeTimeline(dev: string, spans: [string, string, string?][]) {
  writeDeveloper(
    env.root,
    dev,
    spans.map(([start, end, model], i) => timedSession({ id: `${dev}_${i}`, start, end, model })),
  );
}

/** `n` sessions on one day, 20 min each, separated by pauses of `pause(i)` minutes. */
function day(
  date: string,
  n: number,
  pause: (i: number) => number,
  model?: string,
): [string, string, string?][] {
  const out: [string, string, string?][] = [];
  let t = Date.parse(`${date}T08:00:00Z`);
  for (let i = 0; i < n; i++) {
    const end = t + 20 * 60_000;
    out.push([new Date(t).toISOString(), new Date(end).toISOString(), model]);
    t = end + pause(i) * 60_000;
  }
  return out;
}

describe("the in-day gap rule", () => {
  it("counts same-day pauses under 4 h only: not nights, weekends or long absences", async () => {
    writeTimeline("alice", [
      ["2026-03-06T16:00:00+00:00", "2026-03-06T17:00:00+00:00"], // Friday
      ["2026-03-09T09:00:00+00:00", "2026-03-09T10:00:00+00:00"], // Monday: weekend pause, not counted
      ["2026-03-09T10:10:00+00:00", "2026-03-09T10:30:00+00:00"], // 10 min: in-day, short
      ["2026-03-09T11:15:00+00:00", "2026-03-09T12:00:00+00:00"], // 45 min: in-day, long
      ["2026-03-09T17:00:00+00:00", "2026-03-09T18:00:00+00:00"], // 5 h: absence, not counted
      ["2026-03-09T23:00:00+00:00", "2026-03-09T23:50:00+00:00"], // 5 h again
      ["2026-03-10T00:20:00+00:00", "2026-03-10T01:00:00+00:00"], // 30 min across midnight: night, not counted
      ["2026-03-10T00:50:00+00:00", "2026-03-10T02:00:00+00:00"], // overlaps: no gap
    ]);
    await ingest(env, NOW);
    const f = await getFriction({ db: env.store, filters: ALL, nowMs: NOW });
    expect(f.team).toEqual({ gaps: 2, long: 1, sharePct: 50 });
    // Upstream's analysis of the same timeline still sees every pause (its figures are unchanged).
    expect((await getReport({ db: env.store, filters: ALL, nowMs: NOW })).gaps.total_gaps).toBe(6);
  });

  it("days are UTC days of the parsed times: naive (local) times keep their written day", async () => {
    writeTimeline("bob", [
      ["2026-03-09T22:00:00+02:00", "2026-03-09T23:30:00+02:00"], // 21:30 UTC
      ["2026-03-10T00:30:00+02:00", "2026-03-10T01:00:00+02:00"], // 22:30 UTC the same day: 60 min, long
      ["2026-03-10T01:10:00+02:00", "2026-03-10T01:20:00+02:00"], // 10 min
    ]);
    writeTimeline("carol", [
      ["2026-03-09 23:00:00", "2026-03-09 23:50:00"], // naive, as upstream writes local time
      ["2026-03-10 00:20:00", "2026-03-10 01:00:00"], // past local midnight: a new day, not counted
      ["2026-03-10 01:05:00", "2026-03-10 01:20:00"], // 5 min
    ]);
    await ingest(env, NOW);
    const f = await getFriction({ db: env.store, filters: ALL, nowMs: NOW });
    expect(f.team).toEqual({ gaps: 3, long: 1, sharePct: 33.3 });
    expect(f.developer.find((d) => d.key === "carol")).toMatchObject({ gaps: 1, long: 0 });
  });
});

describe("flagging against the team's baseline", () => {
  it("flags only a group clearly above the team with enough gaps, and says by how much", async () => {
    // Three steady developers: 12 gaps each, 1 long (60 min) and 11 short (10 min).
    for (const dev of ["ann", "ben", "cat"])
      writeTimeline(
        dev,
        day("2026-03-10", 13, (i) => (i === 0 ? 60 : 10)),
      );
    // One developer waiting a lot: 12 gaps, 8 long — on another model.
    writeTimeline(
      "dan",
      day("2026-03-10", 13, (i) => (i < 8 ? 45 : 10), "slow-model"),
    );
    // One developer with only 4 gaps, all long: too few to tell.
    writeTimeline(
      "eve",
      day("2026-03-10", 5, () => 90),
    );
    await ingest(env, NOW);
    const f = await getFriction({ db: env.store, filters: ALL, nowMs: NOW });
    // Team: 52 gaps, 3 + 8 + 4 = 15 long → 28.8 %.
    expect(f.team).toEqual({ gaps: 52, long: 15, sharePct: 28.8 });
    const dan = f.developer.find((d) => d.key === "dan");
    expect(dan).toMatchObject({ gaps: 12, long: 8, sharePct: 66.7, deltaPt: 37.9, flagged: true });
    expect(f.developer.find((d) => d.key === "eve")).toMatchObject({
      gaps: 4,
      sharePct: 100,
      flagged: false,
    });
    expect(f.developer.filter((d) => d.flagged).map((d) => d.key)).toEqual(["dan"]);
    expect(f.model.filter((d) => d.flagged).map((d) => d.key)).toEqual(["slow-model"]);
    // Without an outlier nothing is flagged (a flag on everything is no signal).
    const steady = await getFriction({
      db: env.store,
      filters: parseFilters({ range: "all", model: "gpt-4.1" }),
      nowMs: NOW,
    });
    expect(steady.developer.filter((d) => d.flagged)).toEqual([]);
  });
});

describe("against the oracle on a generated team folder", () => {
  it("team counts and every developer's and model's finding equal the oracle's", async () => {
    // The generator call looks like those of the ingest tests by design: each test names its own folder.
    const m = makeTeamFolder({
      root: env.root,
      seed: 11,
      developers: 5,
      sessionsPerDeveloper: 150,
      interactionsPerSession: 1,
      days: 30,
      now: new Date(NOW).toISOString(),
    });
    await ingest(env, NOW);
    const truth = m.developers.map((d) => ({ dev: d.name, sessions: parseSessionsFile(d.sessions).records }));
    const o = inDayFrictionOracle(truth, {
      maxGapMinutes: 240,
      longGapMinutes: 30,
      marginPt: 15,
      minGaps: 10,
    });
    const f = await getFriction({ db: env.store, filters: ALL, nowMs: NOW });
    expect(o.team.gaps).toBeGreaterThan(50);
    expect(f.rule).toEqual(IN_DAY_GAP_RULE);
    expect(f.team).toEqual(o.team);
    const pick = (
      xs: { key: string; gaps: number; long: number; sharePct: number; deltaPt: number; flagged: boolean }[],
    ) =>
      xs
        .map(({ key, gaps, long, sharePct, deltaPt, flagged }) => ({
          key,
          gaps,
          long,
          sharePct,
          deltaPt,
          flagged,
        }))
        .sort((a, b) => a.key.localeCompare(b.key));
    expect(pick(f.developer)).toEqual(pick(o.developer));
    expect(pick(f.model)).toEqual(pick(o.model));
  });
});
