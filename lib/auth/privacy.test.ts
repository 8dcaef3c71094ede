/**
 * Member privacy rules (lib/auth/privacy.ts) over a real ingested team folder: which breakdown rows a
 * member sees (own, or ≥ minGroupSize OTHER developers), the developers a row aggregates
 * (lib/queries/group-developers.ts) against the generator's files, and the own-folders session filter
 * (lib/queries/scope.ts `onlyDevelopers`). The read model's wiring is covered by e2e/auth-matrix.spec.ts.
 */
import { parseTrackerFile, timestampToEpochMs } from "ai-session-tracker-mcp/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeOf } from "@/lib/db/sqlite-store";
import { isPortalError } from "@/lib/errors";
import { parseFilters } from "@/lib/filters";
import { getComparison } from "@/lib/queries/get-comparison";
import { getBucketDevelopers, getGroupDevelopers, getWindowDevelopers } from "@/lib/queries/group-developers";
import { listSessions, sessionTableParamsSchema } from "@/lib/queries/list-sessions";
import { DEFAULT_SETTINGS, getPortalSettings, updatePortalSettings } from "@/lib/settings";
import { makeTeamFolder, type TeamFolderManifest } from "@/scripts/make-team-folder";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import {
  type DataAccess,
  rowShown,
  scopeMode,
  withheldReason,
  withholdBuckets,
  withholdRows,
} from "./privacy";

const NOW = Date.UTC(2026, 5, 1);
const ALL = parseFilters({ range: "all" });
let env: StoreEnv;
let manifest: TeamFolderManifest;

beforeAll(async () => {
  env = await makeStoreEnv();
  // Like the other read-model tests' setup, other inputs: five developers, so rows of 1–4 others exist.
  manifest = makeTeamFolder({
    root: env.root,
    seed: 5,
    developers: 5,
    sessionsPerDeveloper: 30,
    interactionsPerSession: 2,
    now: new Date(NOW),
  });
  await ingest(env, NOW);
});
afterAll(() => env.cleanup());

/** project → developers with a session in it, from the generator's files (the oracle). */
function projectDevelopers(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const d of manifest.developers) {
    for (const s of parseTrackerFile("sessions", d.sessions).records) {
      const set = out.get(s.project ?? "") ?? new Set<string>();
      set.add(d.name);
      out.set(s.project ?? "", set);
    }
  }
  return out;
}

const member = (own: string[], minGroupSize = 3): DataAccess => ({ own, minGroupSize });

describe("the row rule", () => {
  it("shows own rows and rows of at least minGroupSize other developers; withholds the rest", () => {
    const a = member(["me"]);
    expect(rowShown(a, ["me"])).toBe(true);
    expect(rowShown(a, [])).toBe(true);
    expect(rowShown(a, ["bob"])).toBe(false);
    expect(rowShown(a, ["me", "bob"])).toBe(false);
    // me + 2 others: subtracting my part would leave a pair.
    expect(rowShown(a, ["me", "bob", "carol"])).toBe(false);
    expect(rowShown(a, ["me", "bob", "carol", "dan"])).toBe(true);
    expect(rowShown(a, ["bob", "carol", "dan"])).toBe(true);
    expect(rowShown(a, undefined)).toBe(false);
    expect(rowShown({ own: null, minGroupSize: 3 }, ["bob"])).toBe(true);
    expect(rowShown(member(["me"], 2), ["me", "bob", "carol"])).toBe(true);
    expect(withheldReason(3)).toBe("withheld (fewer than 3 people)");
  });

  it("a filter on another developer is forbidden; on an own folder it is the member's own view", () => {
    const a = member(["me", "me-laptop"]);
    const f = (developer?: string) => ({ ...ALL, developer });
    expect(scopeMode(a, f("me-laptop"), () => [])).toBe("own");
    expect(() => scopeMode(a, f("bob"), () => [])).toThrow(/only their own/);
    expect(scopeMode(a, f(), () => ["me", "a", "b", "c"])).toBe("team");
    try {
      scopeMode(a, f(), () => ["me", "a", "b"]);
      expect.unreachable();
    } catch (e) {
      expect(isPortalError(e, "forbidden")).toBe(true);
      expect(String(e)).toContain("withheld (fewer than 3 people)");
    }
    expect(scopeMode({ own: null, minGroupSize: 3 }, f("bob"), () => [])).toBe("all");
  });
});

describe("over an ingested team folder", () => {
  it("group developers equal the files' developers per project and for the whole view", async () => {
    const oracle = projectDevelopers();
    const groups = await getGroupDevelopers({ db: env.store, filters: ALL, nowMs: NOW, group: "project" });
    expect(new Map([...groups].map(([k, v]) => [k, [...v].sort()]))).toEqual(
      new Map([...oracle].map(([k, v]) => [k, [...v].sort()])),
    );
    const whole = await getGroupDevelopers({ db: env.store, filters: ALL, nowMs: NOW, group: "none" });
    expect(whole.get("")).toEqual(manifest.developers.map((d) => d.name).sort());
  });

  it("a member's project comparison keeps exactly the rows the rule allows, and counts the others", async () => {
    const me = manifest.developers[0]?.name ?? "";
    const oracle = projectDevelopers();
    for (const minGroupSize of [2, 3, 4, 5]) {
      const a = member([me], minGroupSize);
      const c = await getComparison({ db: env.store, filters: ALL, nowMs: NOW, group: "project" });
      const groups = await getGroupDevelopers({ db: env.store, filters: ALL, nowMs: NOW, group: "project" });
      const { rows, withheld } = withholdRows(a, "project", c.rows, groups);
      const expected = c.rows
        .filter((r) => {
          const others = [...(oracle.get(r.key) ?? [])].filter((d) => d !== me).length;
          return others === 0 || others >= minGroupSize;
        })
        .map((r) => r.key);
      expect(rows.map((r) => r.key)).toEqual(expected);
      const dropped = c.rows.length - expected.length;
      expect(withheld).toEqual(
        dropped === 0 ? null : { rows: dropped, minGroupSize, reason: withheldReason(minGroupSize) },
      );
    }
  });

  it("a member's developer comparison keeps only their own row", async () => {
    const me = manifest.developers[1]?.name ?? "";
    const c = await getComparison({ db: env.store, filters: ALL, nowMs: NOW, group: "developer" });
    const { rows, withheld } = withholdRows(member([me]), "developer", c.rows, new Map());
    expect(rows.map((r) => r.key)).toEqual([me]);
    expect(withheld?.rows).toBe(manifest.developers.length - 1);
  });

  it("a trend's time buckets: their developers equal the files', and thin buckets are withheld", async () => {
    const me = manifest.developers[2]?.name ?? "";
    const DAY = 86_400_000;
    const buckets = Array.from({ length: 40 }, (_, i) => ({
      startMs: NOW - (40 - i) * DAY,
      endMs: NOW - (39 - i) * DAY,
    }));
    const oracle = buckets.map((b) =>
      manifest.developers
        .filter((d) =>
          parseTrackerFile("sessions", d.sessions).records.some((s) => {
            const ms = timestampToEpochMs(s.start_time) ?? Number.NaN;
            return ms >= b.startMs && ms < b.endMs;
          }),
        )
        .map((d) => d.name)
        .sort(),
    );
    const devs = await getBucketDevelopers({ db: env.store, filters: ALL, nowMs: NOW, buckets });
    expect(devs).toEqual(oracle);
    const points = buckets.map((b, i) => ({ ...b, sessions: i + 1 }));
    const { points: seen, withheld } = withholdBuckets(member([me]), points, devs, (p) => ({
      ...p,
      sessions: 0,
    }));
    const allowed = oracle.map((d) => {
      const others = d.filter((x) => x !== me).length;
      return others === 0 || others >= 3;
    });
    expect(allowed.some((a) => !a)).toBe(true);
    expect(seen.map((p) => p.withheld)).toEqual(allowed.map((a) => !a));
    expect(seen.map((p) => p.sessions)).toEqual(points.map((p, i) => (allowed[i] ? p.sessions : 0)));
    expect(withheld?.rows).toBe(allowed.filter((a) => !a).length);
  });

  it("the developers of a window (a previous period) equal the files'", async () => {
    const DAY = 86_400_000;
    const window = { fromMs: NOW - 60 * DAY, toMs: NOW - 30 * DAY };
    const oracle = manifest.developers
      .filter((d) =>
        parseTrackerFile("sessions", d.sessions).records.some((x) => {
          const ms = timestampToEpochMs(x.start_time) ?? Number.NaN;
          return ms >= window.fromMs && ms < window.toMs;
        }),
      )
      .map((d) => d.name)
      .sort();
    expect(await getWindowDevelopers({ db: env.store, filters: ALL, window })).toEqual(oracle);
    const me = oracle[0] ?? "";
    const task = parseFilters({ range: "all", developer: me });
    expect(await getWindowDevelopers({ db: env.store, filters: task, window })).toEqual([me]);
  });

  it("onlyDevelopers limits the sessions list to the member's folders", async () => {
    const [a, b] = manifest.developers;
    const own = [a?.name ?? "", b?.name ?? ""];
    const expected = manifest.developers
      .filter((d) => own.includes(d.name))
      .reduce((n, d) => n + parseTrackerFile("sessions", d.sessions).records.length, 0);
    const page = await listSessions({
      db: env.store,
      filters: { ...ALL, onlyDevelopers: own },
      nowMs: NOW,
      params: sessionTableParamsSchema.parse({ pageSize: 200 }),
    } as Parameters<typeof listSessions>[0]);
    expect(page.total).toBe(expected);
    expect(new Set(page.rows.map((r) => r.developer))).toEqual(new Set(own));
    const none = await listSessions({
      db: env.store,
      filters: { ...ALL, onlyDevelopers: [] },
      nowMs: NOW,
      params: sessionTableParamsSchema.parse({}),
    } as Parameters<typeof listSessions>[0]);
    expect(none.total).toBe(0);
  });

  it("minGroupSize is a setting: 3 by default, whole people from 2 to 50", async () => {
    const db = env.store;
    expect(DEFAULT_SETTINGS.minGroupSize).toBe(3);
    expect((await getPortalSettings({ db })).minGroupSize).toBe(3);
    expect((await updatePortalSettings({ db, patch: { minGroupSize: 5 } })).minGroupSize).toBe(5);
    expect((await getPortalSettings({ db })).minGroupSize).toBe(5);
    for (const bad of [1, 51, 2.5]) {
      (await expect(updatePortalSettings({ db, patch: { minGroupSize: bad } }))).rejects.toThrow();
    }
    await updatePortalSettings({ db, patch: { minGroupSize: 3 } });
  });
});
