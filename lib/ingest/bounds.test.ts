import { parseTrackerFile } from "ai-session-tracker-mcp/contract";
import { sessionDurationMinutes } from "ai-session-tracker-mcp/stats";
import { describe, expect, it } from "vitest";
import {
  boundInteractions,
  boundIssues,
  boundRequests,
  boundSessions,
  LIMITS,
  QUARANTINE_PREFIX,
} from "./bounds";

const NOW = Date.parse("2026-06-01T12:00:00Z");

function sessions(raw: Record<string, Record<string, unknown>>) {
  return parseTrackerFile("sessions", raw).records;
}

const base = {
  start_time: "2026-05-01T09:00:00+00:00",
  end_time: "2026-05-01T10:00:00+00:00",
  status: "completed",
  initial_estimate_minutes: 60,
};

describe("bounds: sessions", () => {
  it("keeps sane sessions and hands their times over as whole epoch ms", () => {
    const r = boundSessions(
      sessions({ a: base, b: { ...base, start_time: "2026-05-02T09:00:00.123456Z", end_time: null } }),
      NOW,
    );
    expect(r.quarantined).toEqual([]);
    expect(r.records.map((s) => s.id)).toEqual(["a", "b"]);
    expect([...r.startMs]).toEqual([
      Date.parse("2026-05-01T09:00:00Z"),
      Date.parse("2026-05-02T09:00:00.123Z"),
    ]);
    expect(r.endMs[0]).toBe(Date.parse("2026-05-01T10:00:00Z"));
    expect(Number.isNaN(r.endMs[1])).toBe(true);
  });

  it("hands over each session's duration exactly as the stats package computes it, in every time form", () => {
    const times: [string | null, string | null][] = [
      ["2026-05-01T09:00:00+00:00", "2026-05-01T10:00:00+00:00"],
      ["2026-05-01T09:00:00.123456+00:00", "2026-05-01T10:17:03.000001+00:00"],
      ["2026-05-01T09:00:00Z", "2026-05-01T11:30:00+02:00"],
      ["2026-05-01T09:00:00", "2026-05-01T09:45:10.5"],
      ["2026-05-01T09:00:00+05:30", "2026-05-01T09:00:00-01:15"],
      ["2026-05-01T09:00:00+00:00", null],
      [null, "2026-05-01T09:00:00+00:00"],
      ["not a time", "2026-05-01T09:00:00+00:00"],
    ];
    const raw = Object.fromEntries(
      times.map(([start_time, end_time], i) => [`s${i}`, { ...base, start_time, end_time }]),
    );
    const records = sessions(raw);
    const r = boundSessions(records, NOW);
    expect(r.records).toHaveLength(records.length);
    r.records.forEach((s, i) => {
      expect(r.durationMinutes[i], s.id).toBe(sessionDurationMinutes(s));
    });
  });

  it.each([
    [
      "a day and a second after now",
      { start_time: "2026-06-02T12:00:01+00:00", end_time: null },
      "more than a day after",
    ],
    ["before 2000", { start_time: "1999-12-31T23:59:59+00:00", end_time: null }, "before 2000-01-01"],
    ["end before start", { end_time: "2026-05-01T08:59:00+00:00" }, "duration -1 min is negative"],
    ["longer than 7 days", { end_time: "2026-05-08T09:01:00+00:00" }, "longer than 7 days"],
    ["negative estimate", { initial_estimate_minutes: -1 }, "initial_estimate_minutes -1 is outside"],
    ["estimate over a year", { final_estimate_minutes: 525_601 }, "final_estimate_minutes 525601 is outside"],
    ["legacy estimate 1e300", { human_time_estimate_minutes: 1e300 }, "human_time_estimate_minutes 1e+300"],
    ["avg rating over 5", { avg_effectiveness: 5.01 }, "avg_effectiveness 5.01 is outside 0–5"],
    ["interaction count", { total_interactions: -3 }, "total_interactions -3"],
  ])("quarantines %s", (_what, over, reason) => {
    const r = boundSessions(sessions({ good: base, bad: { ...base, ...over } }), NOW);
    expect(r.records.map((s) => s.id)).toEqual(["good"]);
    expect(r.startMs.length).toBe(1);
    expect(r.quarantined).toHaveLength(1);
    expect(r.quarantined[0]?.key).toBe("bad");
    expect(r.quarantined[0]?.reason.startsWith(QUARANTINE_PREFIX)).toBe(true);
    expect(r.quarantined[0]?.reason).toContain(reason);
  });

  it("accepts the edges: exactly a day ahead, 2000-01-01, 7 days, a year, 0 and null estimates", () => {
    const r = boundSessions(
      sessions({
        ahead: { ...base, start_time: "2026-06-02T12:00:00+00:00", end_time: null },
        y2k: { ...base, start_time: "2000-01-01T00:00:00+00:00", end_time: null },
        week: { ...base, end_time: "2026-05-08T09:00:00+00:00" },
        year: { ...base, initial_estimate_minutes: 525_600, final_estimate_minutes: 0 },
        none: { start_time: null, end_time: null },
      }),
      NOW,
    );
    expect(r.quarantined).toEqual([]);
    expect(r.records).toHaveLength(5);
  });

  it("clips a hostile key so skipped_json stays small", () => {
    const id = "x".repeat(100_000);
    const r = boundSessions(sessions({ [id]: { ...base, initial_estimate_minutes: -5 } }), NOW);
    expect(String(r.quarantined[0]?.key).length).toBeLessThanOrEqual(121);
  });
});

describe("bounds: interactions, issues, requests", () => {
  const it1 = {
    session_id: "s",
    timestamp: "2026-05-01T09:10:00+00:00",
    prompt: "p",
    effectiveness_rating: 4.7,
    tokens_in: 12_000,
  };
  it.each([
    ["rating 0", { effectiveness_rating: 0 }, "effectiveness_rating 0 is outside 1–5"],
    ["rating 1e300", { effectiveness_rating: 1e300 }, "effectiveness_rating 1e+300"],
    ["negative tokens", { tokens_out: -1 }, "tokens_out -1 is outside 0–"],
    ["absurd tokens", { cached_tokens: LIMITS.tokens.max + 1 }, "cached_tokens 1000000001"],
    ["cache hit rate", { cache_hit_rate: 85 }, "cache_hit_rate 85 is outside 0–1"],
    ["context percent", { context_pct: 101 }, "context_pct 101"],
    [
      "future timestamp",
      { timestamp: "2030-01-01T00:00:00Z" },
      "timestamp 2030-01-01T00:00:00Z is more than a day",
    ],
  ])("quarantines an interaction with %s", (_what, over, reason) => {
    const recs = parseTrackerFile("interactions", [it1, { ...it1, ...over }]).records;
    const r = boundInteractions(recs, NOW);
    expect(r.records).toEqual([recs[0]]);
    expect([...r.tsMs]).toEqual([Date.parse("2026-05-01T09:10:00Z")]);
    expect(r.quarantined[0]?.reason).toContain(reason);
    const ts = "timestamp" in over ? over.timestamp : it1.timestamp;
    expect(r.quarantined[0]?.key).toBe(`s @ ${ts}`);
  });

  it("keeps the contract's array when nothing is out of bounds", () => {
    const recs = parseTrackerFile("interactions", [it1, it1]).records;
    expect(boundInteractions(recs, NOW).records).toBe(recs);
  });

  it("checks an issue's timestamp only", () => {
    const recs = parseTrackerFile("issues", [
      {
        session_id: "s",
        timestamp: "2026-05-01T09:00:00Z",
        issue_type: "x",
        description: "d",
        severity: "high",
      },
      {
        session_id: "s",
        timestamp: "1900-01-01T00:00:00Z",
        issue_type: "x",
        description: "d",
        severity: "high",
      },
    ]).records;
    const r = boundIssues(recs, NOW);
    expect(r.records).toHaveLength(1);
    expect(r.quarantined[0]?.reason).toContain("before 2000-01-01");
  });

  it("keeps a request's negative tokens_in (upstream stores it unclamped) but not a huge one", () => {
    const req = { id: "r1", timestamp: "2026-05-01T09:00:00Z", model: "m", type: "coding", tokens_in: -7 };
    const recs = parseTrackerFile("requests", [req, { ...req, id: "r2", tokens_in: -2e9 }]).records;
    const r = boundRequests(recs, NOW);
    expect(r.records.map((x) => x.id)).toEqual(["r1"]);
    expect(r.quarantined).toEqual([
      { key: "r2", reason: `${QUARANTINE_PREFIX}tokens_in -2000000000 is outside -1000000000–1000000000` },
    ]);
  });
});
