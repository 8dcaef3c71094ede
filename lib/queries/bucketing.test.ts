/**
 * The work a dashboard request does is bounded by the data, never by the range asked for: a custom range
 * from year 0 is clamped to the data's days, and the weekly buckets span the data in range (with a hard
 * cap), even when the database holds a session dated 9999 (ingested before the quarantine existed, or by
 * a clock that believed it).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilters } from "@/lib/filters";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { clampToData, getDataSpan } from "./data-span";
import { getKpis } from "./get-kpis";
import { getReport } from "./get-report";
import { getWeeklyTrend, getWeeklyTrendByDeveloper, MAX_TREND_WEEKS } from "./get-trend";

const NOW = Date.UTC(2026, 5, 1);
const WEEK = 604_800_000;
const FIRST = "2026-01-06T09:00:00+00:00"; // a Tuesday
const LAST = "2026-03-02T09:00:00+00:00";
// Mondays from 2026-01-05 through 2026-03-02: the weeks the data spans.
const DATA_WEEKS = 9;

let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

function writeSessions(dev: string, starts: string[]) {
  const dir = path.join(env.root, dev);
  mkdirSync(dir, { recursive: true });
  const sessions: Record<string, unknown> = {};
  starts.forEach((start, i) => {
    const id = `${dev}_${i}`;
    sessions[id] = {
      id,
      session_name: id,
      task_type: "code_generation",
      start_time: start,
      end_time: null,
      status: "active",
      initial_estimate_minutes: 60,
      model_name: "gpt-4.1",
    };
  });
  writeFileSync(path.join(dir, "sessions.json"), JSON.stringify(sessions));
}

const fromYear0 = parseFilters({ range: "custom", from: "0000-01-01" });

describe("bucketing bounded by the data", () => {
  beforeEach(async () => {
    writeSessions("alice", [FIRST, "2026-02-10T09:00:00+00:00"]);
    writeSessions("bob", ["2026-01-20T09:00:00+00:00", LAST]);
    await ingest(env, NOW);
  });

  it("range=all: one bucket per week the data spans", async () => {
    const t = await getWeeklyTrend({ db: env.store, filters: parseFilters({ range: "all" }), nowMs: NOW });
    expect(t.length).toBeLessThanOrEqual(DATA_WEEKS + 1);
    expect(t[0]?.week).toBe("2026-01-05");
    expect(t.reduce((n, p) => n + p.sessions, 0)).toBe(4);
  });

  it("a custom range from year 0 is clamped to the first data day: buckets start at the data", async () => {
    const t = await getWeeklyTrend({ db: env.store, filters: fromYear0, nowMs: NOW });
    // From the data's first week up to the request time (+1 week), not from year 0.
    expect(t.length).toBeLessThanOrEqual(Math.ceil((NOW - Date.UTC(2026, 0, 5)) / WEEK) + 1);
    expect(t[0]?.week).toBe("2026-01-05");
    expect(t.reduce((n, p) => n + p.sessions, 0)).toBe(4);
    for (const series of (
      await getWeeklyTrendByDeveloper({ db: env.store, filters: fromYear0, nowMs: NOW })
    ).values()) {
      expect(series.length).toBe(t.length);
    }
    const k = await getKpis({ db: env.store, filters: fromYear0, nowMs: NOW });
    expect(k.window).toEqual({ fromMs: Date.UTC(2026, 0, 6), toMs: Date.UTC(2026, 2, 3) });
    // Same sessions as all time: the clamp never drops a record; like all time, no previous period.
    expect(k.current.sessions).toBe(4);
    expect(k.previousWindow).toBeNull();
    const to9999 = parseFilters({ range: "custom", from: "0000-01-01", to: "9999-12-31" });
    expect((await getKpis({ db: env.store, filters: to9999, nowMs: NOW })).window).toEqual(k.window);
  });

  it("a backwards or data-missing custom range answers empty, never throws", async () => {
    const backwards = parseFilters({ range: "custom", from: "9999-12-31", to: "0000-01-01" });
    await expect(getReport({ db: env.store, filters: backwards, nowMs: NOW })).resolves.toBeDefined();
    const t = await getWeeklyTrend({ db: env.store, filters: backwards, nowMs: NOW });
    expect(t.length).toBeLessThanOrEqual(DATA_WEEKS + 1);
    const before = parseFilters({ range: "custom", from: "1990-01-01", to: "1990-12-31" });
    expect((await getWeeklyTrend({ db: env.store, filters: before, nowMs: NOW })).length).toBeLessThanOrEqual(
      1,
    );
    expect((await getKpis({ db: env.store, filters: before, nowMs: NOW })).current.sessions).toBe(0);
  });
});

describe("a far-future session already in the database", () => {
  it("range=all and a year-0 custom range stay within the hard cap and end at the request time", async () => {
    writeSessions("alice", [FIRST, LAST]);
    await ingest(env, NOW);
    // A clock that believed 9999 (or a database ingested before the quarantine): the row is stored.
    writeSessions("mallory", ["9999-12-31T23:59:59+00:00"]);
    await ingest(env, Date.UTC(9999, 11, 31, 23, 59, 59));
    expect((await getDataSpan({ db: env.store }))?.lastMs).toBe(Date.UTC(9999, 11, 31, 23, 59, 59));
    for (const filters of [parseFilters({ range: "all" }), fromYear0]) {
      const t = await getWeeklyTrend({ db: env.store, filters, nowMs: NOW });
      expect(t.length).toBeLessThanOrEqual(MAX_TREND_WEEKS);
      expect(t.at(-1)?.weekStartMs ?? 0).toBeLessThanOrEqual(NOW + WEEK);
      expect(t[0]?.week).toBe("2026-01-05");
      for (const series of (
        await getWeeklyTrendByDeveloper({ db: env.store, filters, nowMs: NOW })
      ).values()) {
        expect(series.length).toBe(t.length);
      }
    }
  });
});

describe("clampToData", () => {
  const span = { firstMs: Date.UTC(2026, 0, 6, 9), lastMs: Date.UTC(2026, 2, 2, 9) };
  it("clamps to whole days of the span and leaves an inner range alone", () => {
    expect(clampToData({ fromMs: -62_167_219_200_000, toMs: 8.64e15 }, span)).toEqual({
      fromMs: Date.UTC(2026, 0, 6),
      toMs: Date.UTC(2026, 2, 3),
    });
    const inner = { fromMs: Date.UTC(2026, 1, 1), toMs: Date.UTC(2026, 1, 8) };
    expect(clampToData(inner, span)).toEqual(inner);
  });
  it("a range that misses the data, or no data, is empty", () => {
    expect(clampToData({ fromMs: 0, toMs: 1000 }, span)).toEqual({
      fromMs: Date.UTC(2026, 0, 6),
      toMs: Date.UTC(2026, 0, 6),
    });
    expect(clampToData({ fromMs: 5, toMs: 10 }, null)).toEqual({ fromMs: 5, toMs: 5 });
  });
});
