/**
 * Per-developer partials across a moving clock: the preset ranges end at the request time, so every minute
 * the window moves. Partials are kept under the sessions a window selects (per-developer.ts), so a
 * connection that answered earlier request times must still give, at every later one, exactly what a
 * connection with no cache computes in one pass — moved by a minute, a day, and exactly onto (and one
 * millisecond past) a session's start at either end of the window, an active session's abandonment
 * threshold and the adoption's "up to now" edge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { type DashboardFilters, parseFilters } from "@/lib/filters";
import { makeTeamFolder } from "@/scripts/make-team-folder";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { getAdoption } from "./get-adoption";
import { getComparison } from "./get-comparison";
import { getEstimationAccuracy } from "./get-estimation-accuracy";
import { getFriction } from "./get-friction";
import { getIssues } from "./get-issues";
import { getKpis } from "./get-kpis";
import { getOutcomes } from "./get-outcomes";
import { getBreakdown } from "./get-report";
import { getRoiMethod, getRoiMethodSlices } from "./get-roi-method";
import { getTrend, getWeeklyTrend, getWeeklyTrendByDeveloper } from "./get-trend";
import { all } from "./scope";

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 12);
const METHOD = { humanHourlyRate: 130, seatPricePerMonth: 40, engagementShare: 1, partialWeight: 0.5 };
const MAX_SESSION_MINUTES = 240;

let env: StoreEnv;

beforeAll(async () => {
  env = await makeStoreEnv();
  makeTeamFolder({
    root: env.root,
    seed: 7,
    developers: 4,
    sessionsPerDeveloper: 120,
    interactionsPerSession: 2,
    now: new Date(NOW),
    mess: [],
  });
  await ingest(env, NOW);
}, 120_000);
afterAll(() => env.cleanup());

/** Every partial-backed figure of the filters at `nowMs`, each as JSON text. */
async function figures(db: Store, filters: DashboardFilters, nowMs: number): Promise<Record<string, string>> {
  const input = { db, filters, nowMs };
  const groups = ["developer", "project", "model", "task"] as const;
  const out: Record<string, unknown> = {
    kpis: await getKpis(input),
    breakdowns: await Promise.all(groups.map((group) => getBreakdown({ ...input, group }))),
    comparison: await Promise.all(groups.map((group) => getComparison({ ...input, group, method: METHOD }))),
    roi: await getRoiMethod({ ...input, method: METHOD }),
    roiSlices: await Promise.all(
      groups.map((group) => getRoiMethodSlices({ ...input, group, method: METHOD })),
    ),
    friction: await getFriction(input),
    outcomes: await getOutcomes({ ...input, maxSessionMinutes: MAX_SESSION_MINUTES }),
    issues: await getIssues(input),
    trend: await getTrend(input),
    weekly: await getWeeklyTrend(input),
    byDeveloper: [...(await getWeeklyTrendByDeveloper(input))],
    adoption: await getAdoption(input),
    estimation: await getEstimationAccuracy(input),
  };
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, JSON.stringify(v)]));
}

/** The request times to walk through, in order: each edge case sits beside its neighbour. */
async function requestTimes(db: Store, presetDays: number): Promise<number[]> {
  const starts = (
    await all<{ t: number }>(
      db,
      "SELECT start_ms AS t FROM sessions WHERE start_ms IS NOT NULL ORDER BY start_ms",
    )
  ).map((r) => r.t);
  const before = (t: number) => starts.filter((s) => s <= t).at(-1) ?? t;
  // A session the window's start passes over, one the window's end reaches (the latest at or before NOW).
  const leaving = before(NOW - presetDays * DAY + 3 * DAY);
  const arriving = before(NOW);
  // An active session's last activity (its start or its latest interaction): it turns abandoned once it
  // is MAX_SESSION_MINUTES old.
  const active = (
    await all<{ t: number }>(
      db,
      `SELECT CASE WHEN max(coalesce(i.ts_ms, 0)) > s.start_ms THEN max(coalesce(i.ts_ms, 0)) ELSE s.start_ms END AS t
       FROM sessions s LEFT JOIN interactions i ON i.developer_id = s.developer_id AND i.session_id = s.session_id
       WHERE s.status = 'active' AND s.start_ms IS NOT NULL GROUP BY s.id, s.start_ms ORDER BY t DESC LIMIT 1`,
    )
  )[0]?.t;
  if (active === undefined) throw new Error("the generated folder has no active session");
  const quiet = active + MAX_SESSION_MINUTES * MIN;
  return [
    NOW - 2 * DAY,
    NOW - 2 * DAY + MIN, // a minute later
    arriving - 1,
    arriving, // the window ends on a session's start (excluded) but "up to now" (adoption) reaches it …
    arriving + 1, // … and one ms later the window includes it
    quiet - 1,
    quiet, // an active session's abandonment threshold
    quiet + MIN,
    leaving + presetDays * DAY, // the window starts on a session's start (included) …
    leaving + presetDays * DAY + 1, // … and one ms later has left it
    NOW,
    NOW + MIN,
    NOW + DAY, // a day later
    NOW + DAY + MIN,
  ];
}

describe("per-developer partials when the clock moves", () => {
  for (const [label, query] of [
    ["last 30 days", { range: "30d" }],
    ["last 7 days", { range: "7d" }],
    ["last 90 days, one project", { range: "90d", project: "payments-api" }],
  ] as const) {
    it(`${label}: every figure at every later request time equals a connection without cache`, async () => {
      const filters = parseFilters(query);
      const days = label.includes("90") ? 90 : label.includes("30") ? 30 : 7;
      const times = await requestTimes(env.store, days);
      for (const nowMs of times) {
        // Another connection: a store with no cache of its own.
        const fresh = await env.another();
        try {
          const warm = await figures(env.store, filters, nowMs);
          const once = await figures(fresh, filters, nowMs);
          for (const [name, text] of Object.entries(once))
            expect(warm[name], `${name} at ${new Date(nowMs).toISOString()}`).toBe(text);
        } finally {
          await fresh.close();
        }
      }
    });
  }
});
