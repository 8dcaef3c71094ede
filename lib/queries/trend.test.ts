/**
 * Honest trends: the bucket size follows the span's length (day ≤ 31 days < week ≤ 183 days < month),
 * and a bucket the range covers only in part is marked partial with its coverage.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilters } from "@/lib/filters";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { timedSession, writeDeveloper } from "@/test-support/session-records";
import { getTrend, getWeeklyTrendByDeveloper } from "./get-trend";
import { bucketCoverage, bucketForSpan, bucketStartOf, bucketsBetween } from "./trend-buckets";

const DAY = 86_400_000;
// Wednesday 2026-06-03 12:00 UTC.
const NOW = Date.UTC(2026, 5, 3, 12);

let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

/** One completed 30-minute session per given start (epoch ms) for `dev`. */
function writeStarts(dev: string, starts: number[]) {
  writeDeveloper(
    env.root,
    dev,
    starts.map((ms, i) => timedSession({ id: `${dev}_${i}`, start: ms, end: ms + 30 * 60_000 })),
  );
}

describe("bucket size by the span's length", () => {
  it("day up to 31 days, week up to 183 days, month beyond", () => {
    expect(bucketForSpan(7 * DAY)).toBe("day");
    expect(bucketForSpan(31 * DAY)).toBe("day");
    expect(bucketForSpan(31 * DAY + 1)).toBe("week");
    expect(bucketForSpan(183 * DAY)).toBe("week");
    expect(bucketForSpan(183 * DAY + 1)).toBe("month");
  });

  it("bucket starts: UTC midnight, Monday, first of the month", () => {
    const t = Date.UTC(2026, 5, 3, 12); // a Wednesday
    expect(bucketStartOf(t, "day")).toBe(Date.UTC(2026, 5, 3));
    expect(bucketStartOf(t, "week")).toBe(Date.UTC(2026, 5, 1));
    expect(bucketStartOf(t, "month")).toBe(Date.UTC(2026, 5, 1));
    expect(bucketsBetween(Date.UTC(2025, 11, 15), Date.UTC(2026, 1, 2), "month")).toEqual([
      Date.UTC(2025, 11, 1),
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 1, 1),
    ]);
    // February 2026: 28 days, half of it covered.
    expect(bucketCoverage(Date.UTC(2026, 1, 1), "month", { fromMs: Date.UTC(2026, 1, 15), toMs: 9e15 })).toBe(
      0.5,
    );
  });

  it("presets pick days (7d, 30d) and weeks (90d); a year of data over all time picks months", async () => {
    const starts = Array.from({ length: 400 }, (_, i) => NOW - 1 - i * DAY);
    writeStarts("alice", starts);
    await ingest(env, NOW);
    const at = async (range: string) =>
      await getTrend({ db: env.store, filters: parseFilters({ range }), nowMs: NOW });
    expect((await at("7d")).bucket).toBe("day");
    expect((await at("30d")).bucket).toBe("day");
    expect((await at("90d")).bucket).toBe("week");
    const all = await at("all");
    expect(all.bucket).toBe("month");
    expect(all.points.reduce((n, p) => n + p.sessions, 0)).toBe(400);
    // A custom range of six weeks: weeks.
    const six = await getTrend({
      db: env.store,
      filters: parseFilters({ range: "custom", from: "2026-03-02", to: "2026-04-12" }),
      nowMs: NOW,
    });
    expect(six.bucket).toBe("week");
    expect(six.points.map((p) => p.partial)).toEqual([false, false, false, false, false, false]);
  });
});

describe("partial buckets", () => {
  it("the first and last weeks of a 90-day window are partial, with their coverage; the rest are full", async () => {
    writeStarts(
      "alice",
      Array.from({ length: 200 }, (_, i) => NOW - 1 - i * DAY),
    );
    await ingest(env, NOW);
    const { bucket, points } = await getTrend({
      db: env.store,
      filters: parseFilters({ range: "90d" }),
      nowMs: NOW,
    });
    expect(bucket).toBe("week");
    const first = points[0];
    const last = points.at(-1);
    // 90 days before Wed 3 June 12:00 is Thu 5 March 12:00: 3.5 of that week's 7 days are in range.
    expect(first).toMatchObject({ start: "2026-03-02", partial: true, coverage: 0.5 });
    // The running week: Monday 1 June to now (Wednesday 12:00) = 2.5 days.
    expect(last).toMatchObject({ start: "2026-06-01", partial: true, coverage: 0.357 });
    expect(points.slice(1, -1).every((p) => !p.partial && p.coverage === 1)).toBe(true);
    expect(points.reduce((n, p) => n + p.sessions, 0)).toBe(90);
  });

  it("data that starts mid-range makes its first bucket partial; weekly sparkline points carry the flag", async () => {
    writeStarts("bob", [Date.UTC(2026, 4, 20, 9), Date.UTC(2026, 4, 27, 9), Date.UTC(2026, 5, 2, 9)]);
    await ingest(env, NOW);
    const t = await getTrend({ db: env.store, filters: parseFilters({ range: "30d" }), nowMs: NOW });
    expect(t.bucket).toBe("day");
    expect(t.points[0]).toMatchObject({ start: "2026-05-20", partial: true });
    expect(t.points.at(-1)).toMatchObject({ start: "2026-06-03", partial: true, coverage: 0.5 });
    expect(t.points.filter((p) => p.partial)).toHaveLength(2);
    const weeks = (
      await getWeeklyTrendByDeveloper({
        db: env.store,
        filters: parseFilters({ range: "30d" }),
        nowMs: NOW,
      })
    ).get("bob");
    expect(weeks?.map((p) => [p.week, p.partial])).toEqual([
      ["2026-05-18", true],
      ["2026-05-25", false],
      ["2026-06-01", true],
    ]);
  });
});
