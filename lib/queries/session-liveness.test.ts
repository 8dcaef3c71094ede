/**
 * Stale sessions: an active session with no interaction for longer than the maximum session duration
 * (4 h by default) is abandoned — shown with its last activity and never counted as active; a live one
 * shows its elapsed time. Judged at an explicit `nowMs`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeOf } from "@/lib/db/sqlite-store";
import { parseFilters } from "@/lib/filters";
import { getPortalSettings, updatePortalSettings } from "@/lib/settings";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { isoUtc, timedSession, writeDeveloper } from "@/test-support/session-records";
import { getMaxSessionMinutes } from "./get-assumptions";
import { getOutcomes } from "./get-outcomes";
import { getScanSummary } from "./get-scan-summary";
import { getSessionDetail } from "./get-session-detail";
import { listSessions, sessionTableParamsSchema } from "./list-sessions";
import { DEFAULT_MAX_SESSION_MINUTES, sessionLiveness } from "./session-liveness";

const H = 3_600_000;
const NOW = Date.UTC(2026, 5, 1, 18);
const ALL = parseFilters({ range: "all" });

let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
  const interaction = (sid: string, ms: number) => ({
    session_id: sid,
    timestamp: isoUtc(ms),
    prompt: "p",
    response_summary: "r",
    effectiveness_rating: 4,
    iteration_count: 1,
    tools_used: [],
  });
  writeDeveloper(
    env.root,
    "alice",
    [
      timedSession({ id: "stale", start: NOW - 10 * H, end: null }), // last interaction 5 h ago
      timedSession({ id: "live", start: NOW - 5 * H, end: null }), // started 5 h ago, last interaction 1 h ago
      timedSession({ id: "fresh", start: NOW - 0.5 * H, end: null }), // no interaction yet
      timedSession({ id: "silent", start: NOW - 4.5 * H, end: null }), // no interaction for 4.5 h
      timedSession({ id: "done", start: NOW - 30 * H, end: NOW - 29 * H }),
    ],
    [
      interaction("stale", NOW - 9 * H),
      interaction("stale", NOW - 5 * H),
      interaction("live", NOW - 3 * H),
      interaction("live", NOW - 1 * H),
    ],
  );
  await ingest(env, NOW);
});
afterEach(() => env.cleanup());

describe("sessionLiveness", () => {
  it("active: live within the limit, abandoned beyond it; ended sessions have none", async () => {
    expect(DEFAULT_MAX_SESSION_MINUTES).toBe(240);
    expect(sessionLiveness({ status: "active", lastActivityMs: NOW - 4 * H, nowMs: NOW })).toBe("live");
    expect(sessionLiveness({ status: "active", lastActivityMs: NOW - 4 * H - 1, nowMs: NOW })).toBe(
      "abandoned",
    );
    expect(sessionLiveness({ status: "active", lastActivityMs: null, nowMs: NOW })).toBe("abandoned");
    expect(sessionLiveness({ status: "completed", lastActivityMs: NOW - 40 * H, nowMs: NOW })).toBeNull();
    expect(
      sessionLiveness({ status: "active", lastActivityMs: NOW - 5 * H, nowMs: NOW, maxSessionMinutes: 360 }),
    ).toBe("live");
  });
});

describe("abandoned vs live in the read model", () => {
  it("the sessions table gives each active session its state, last activity and elapsed time", async () => {
    const page = await listSessions({
      db: env.store,
      filters: ALL,
      nowMs: NOW,
      params: sessionTableParamsSchema.parse({}),
    });
    const by = new Map(page.rows.map((r) => [r.sessionId, r]));
    expect(by.get("stale")).toMatchObject({ liveness: "abandoned", lastActivityMs: NOW - 5 * H });
    expect(by.get("silent")).toMatchObject({ liveness: "abandoned", lastActivityMs: NOW - 4.5 * H });
    expect(by.get("live")).toMatchObject({ liveness: "live", lastActivityMs: NOW - H, elapsedMinutes: 300 });
    expect(by.get("fresh")).toMatchObject({ liveness: "live", elapsedMinutes: 30 });
    expect(by.get("done")).toMatchObject({ liveness: null, elapsedMinutes: null });
    // A longer limit (a setting) keeps the 4.5 h-quiet session live.
    const lax = await listSessions({
      db: env.store,
      filters: ALL,
      nowMs: NOW,
      params: sessionTableParamsSchema.parse({}),
      maxSessionMinutes: 300,
    });
    expect(lax.rows.find((r) => r.sessionId === "silent")?.liveness).toBe("live");
  });

  it("the active count leaves abandoned sessions out", async () => {
    const counts = new Map(
      (await getOutcomes({ db: env.store, filters: ALL, nowMs: NOW })).map((o) => [o.status, o.sessions]),
    );
    expect(counts.get("active")).toBe(2);
    expect(counts.get("abandoned")).toBe(2);
    expect(counts.get("completed")).toBe(1);
  });

  it("the session page says abandoned with the last activity, or live with the elapsed time", async () => {
    const id = async (sid: string) =>
      (
        await listSessions({
          db: env.store,
          filters: ALL,
          nowMs: NOW,
          params: sessionTableParamsSchema.parse({}),
        })
      ).rows.find((r) => r.sessionId === sid)?.id ?? 0;
    expect((await getSessionDetail({ db: env.store, id: await id("stale"), nowMs: NOW })).liveness).toEqual({
      state: "abandoned",
      lastActivityMs: NOW - 5 * H,
      elapsedMinutes: null,
      maxSessionMinutes: 240,
    });
    expect(
      (await getSessionDetail({ db: env.store, id: await id("live"), nowMs: NOW })).liveness,
    ).toMatchObject({
      state: "live",
      elapsedMinutes: 300,
    });
    expect((await getSessionDetail({ db: env.store, id: await id("done"), nowMs: NOW })).liveness).toBeNull();
  });
});

describe("the max session duration setting", () => {
  it("defaults to 4 h, is stored on its own and leaves the other settings alone", async () => {
    expect(await getMaxSessionMinutes({ db: env.store })).toBe(240);
    await updatePortalSettings({ db: env.store, patch: { staleAfterDays: 9 } });
    await updatePortalSettings({ db: env.store, patch: { maxSessionHours: 6 } });
    expect(await getMaxSessionMinutes({ db: env.store })).toBe(360);
    expect((await getPortalSettings({ db: env.store })).staleAfterDays).toBe(9);
    (await expect(updatePortalSettings({ db: env.store, patch: { maxSessionHours: 0 } }))).rejects.toThrow();
    // At 6 h the 4.5 h-quiet session is live again.
    const rows = (
      await listSessions({
        db: env.store,
        filters: ALL,
        nowMs: NOW,
        params: sessionTableParamsSchema.parse({}),
        maxSessionMinutes: await getMaxSessionMinutes({ db: env.store }),
      })
    ).rows;
    expect(rows.find((r) => r.sessionId === "silent")?.liveness).toBe("live");
  });
});

describe("scan summary", () => {
  it("counts only live sessions as active; abandoned ones apart (npm run scan)", async () => {
    const [alice] = await getScanSummary({
      db: env.store,
      nowMs: NOW,
      maxSessionMinutes: await getMaxSessionMinutes({ db: env.store }),
    });
    expect(alice?.developer).toBe("alice");
    expect(alice?.sessions).toBe(5);
    expect(alice?.active).toBe(2); // live, fresh
    expect(alice?.abandoned).toBe(2); // stale, silent
    await updatePortalSettings({ db: env.store, patch: { maxSessionHours: 6 } });
    const [later] = await getScanSummary({
      db: env.store,
      nowMs: NOW,
      maxSessionMinutes: await getMaxSessionMinutes({ db: env.store }),
    });
    expect([later?.active, later?.abandoned]).toEqual([4, 0]);
  });
});
