import { describe, expect, it } from "vitest";
import { parseSessionsFile, type Session } from "../contract/index.js";
import {
  calculateAverageEffectiveness,
  calculateEffectivenessDistribution,
  calculateEstimationAccuracy,
  calculateOutcomeWeightedRoi,
  calculateRoiMetrics,
  calculateSessionGaps,
  classifyGap,
  computeRequestStats,
  computeTokenStats,
  estimateMinutes,
  pyCountDictRepr,
  pyStrRepr,
  resolveAssumptions,
  sessionDurationMinutes,
  summarizeCodeMetrics,
  summarizeIssues,
} from "./index.js";

/** Builds normalised sessions through the real parser, so defaults match production. */
function sessions(raw: Record<string, Record<string, unknown>>): Session[] {
  const { records, skipped } = parseSessionsFile(raw);
  expect(skipped).toEqual([]);
  return records;
}

const at = (hhmm: string, tz = "+00:00"): string => `2026-03-02T${hhmm}:00${tz}`;

describe("sessionDurationMinutes (§3.2)", () => {
  it("handles Z, aware, naive and mixed times; never throws", () => {
    expect(sessionDurationMinutes({ start_time: "2026-03-02T09:00:00Z", end_time: at("09:45") })).toBe(45);
    expect(
      sessionDurationMinutes({ start_time: "2026-03-02T09:00:00", end_time: "2026-03-02T09:30:00" }),
    ).toBe(30);
    // Naive start, aware end: upstream returns 0 (TypeError); we read the naive side as UTC.
    expect(
      sessionDurationMinutes({ start_time: "2026-03-02T09:00:00", end_time: at("10:30", "+01:00") }),
    ).toBe(30);
    expect(sessionDurationMinutes({ start_time: at("09:00"), end_time: null })).toBe(0);
    expect(sessionDurationMinutes({ start_time: "", end_time: at("09:00") })).toBe(0);
    expect(sessionDurationMinutes({ start_time: "garbage", end_time: at("09:00") })).toBe(0);
  });

  it("is neither clamped nor capped", () => {
    expect(sessionDurationMinutes({ start_time: at("10:00"), end_time: at("09:00") })).toBe(-60);
    expect(
      sessionDurationMinutes({
        start_time: "2026-03-02T00:00:00+00:00",
        end_time: "2026-03-03T00:00:00+00:00",
      }),
    ).toBe(1440);
  });

  it("keeps microseconds exactly", () => {
    const d = sessionDurationMinutes({
      start_time: "2026-11-22T01:49:39.130691+00:00",
      end_time: "2026-11-22T01:49:39.394124+00:00",
    });
    expect(d).toBe(0.263433 / 60);
  });
});

describe("estimateMinutes (final or initial or legacy or 0)", () => {
  it("falls through 0 and null", () => {
    const base = {
      final_estimate_minutes: null,
      initial_estimate_minutes: null,
      human_time_estimate_minutes: null,
    };
    expect(estimateMinutes({ ...base, final_estimate_minutes: 90, initial_estimate_minutes: 120 })).toBe(90);
    expect(estimateMinutes({ ...base, final_estimate_minutes: 0, initial_estimate_minutes: 30 })).toBe(30);
    expect(estimateMinutes({ ...base, initial_estimate_minutes: 0, human_time_estimate_minutes: 45 })).toBe(
      45,
    );
    expect(estimateMinutes(base)).toBe(0);
  });
});

// Each formula's cases build their own sessions inline: alike in shape by design, the values differ.
describe("calculateRoiMetrics", () => {
  const data = sessions({
    legacy: {
      task_type: "code_generation",
      status: "completed",
      start_time: "2026-01-05T10:00:00",
      end_time: "2026-01-05T11:00:00",
      human_time_estimate_minutes: 180,
    },
    review: {
      task_type: "human_review",
      status: "completed",
      start_time: at("09:00"),
      end_time: at("10:00"),
    },
    open: { task_type: "testing", start_time: at("12:00"), initial_estimate_minutes: 500 },
  });

  it("counts legacy estimates, skips human_review and active sessions", () => {
    const roi = calculateRoiMetrics(data, []);
    expect(roi.time_metrics).toEqual({
      total_ai_minutes: 60,
      total_ai_hours: 1,
      estimated_human_hours: 3,
      time_saved_hours: 2,
      completed_sessions: 1,
    });
    expect(roi.cost_metrics.human_baseline_cost).toBe(390);
    expect(roi.productivity_metrics).toEqual({
      total_interactions: 0,
      average_effectiveness: 0,
      interactions_per_session: 0,
    });
  });

  it("applies assumptions with upstream's `x or default` rule", () => {
    const roi = calculateRoiMetrics(data, [], {
      humanHourlyRate: 100,
      aiMonthlyCost: 0,
      oversightRatio: 0.5,
    });
    expect(roi.config).toEqual({ human_hourly_rate: 100, ai_monthly_cost: 40, ai_hourly_rate: 0.25 });
    expect(roi.cost_metrics.human_baseline_cost).toBe(300);
    expect(roi.cost_metrics.oversight_cost).toBe(50);
    expect(resolveAssumptions({ workingHoursPerMonth: 0 }).workingHoursPerMonth).toBe(160);
  });

  it("gives all zeros for an empty data set", () => {
    const roi = calculateRoiMetrics([], []);
    expect(roi.cost_metrics).toEqual({
      human_baseline_cost: 0,
      ai_subscription_cost: 0,
      oversight_cost: 0,
      total_ai_cost: 0,
      cost_saved: 0,
      roi_percentage: 0,
      productivity_multiplier: 0,
    });
  });
});

describe("calculateSessionGaps (§3.5)", () => {
  const chain = (minutesBetween: number[]): Session[] => {
    const raw: Record<string, Record<string, unknown>> = {};
    let t = Date.UTC(2026, 2, 2, 8, 0);
    minutesBetween.forEach((gap, i) => {
      const start = new Date(t).toISOString();
      t += 10 * 60_000;
      raw[`s${i}`] = { start_time: start, end_time: new Date(t).toISOString() };
      t += gap * 60_000;
    });
    raw[`s${minutesBetween.length}`] = { start_time: new Date(t).toISOString() };
    return sessions(raw);
  };

  it("classifies with half-open boundaries", () => {
    expect([3, 4.99, 5, 15, 29.9, 30, 60, 119.9, 120, 150].map(classifyGap)).toEqual([
      "quick",
      "quick",
      "normal",
      "normal",
      "normal",
      "extended",
      "extended",
      "extended",
      "long_break",
      "long_break",
    ]);
  });

  it("does not throw when naive and aware start times are mixed (naive = UTC)", () => {
    const mixed = sessions({
      a: { start_time: "2026-03-02T09:00:00", end_time: "2026-03-02T09:30:00" },
      b: { start_time: "2026-03-02T10:00:00+00:00", end_time: "2026-03-02T10:30:00Z" },
      c: { start_time: "2026-03-02T12:40:00+02:00" },
    });
    const result = calculateSessionGaps(mixed);
    expect(result.gaps.map((g) => [g.from_session, g.to_session, g.duration_minutes])).toEqual([
      ["a", "b", 30],
      ["b", "c", 10],
    ]);
    expect(result.gaps[0]?.from_end).toBe("2026-03-02T09:30:00");
    expect(result.gaps[1]?.to_start).toBe("2026-03-02T12:40:00+02:00");
  });

  it("sorts by start, skips missing ends, overlaps and unparseable starts", () => {
    const result = calculateSessionGaps(
      sessions({
        late: { start_time: at("12:00"), end_time: at("12:30") },
        early: { start_time: at("09:00"), end_time: at("11:00") },
        overlapping: { start_time: at("10:00"), end_time: at("10:30") },
        broken: { start_time: "not a date", end_time: at("08:00") },
        open: { start_time: at("13:00") },
        after: { start_time: at("14:00") },
      }),
    );
    expect(result.gaps.map((g) => `${g.from_session}->${g.to_session}:${g.duration_minutes}`)).toEqual([
      "overlapping->late:90",
      "late->open:30",
    ]);
  });

  it("raises the long-break and average indicators with upstream's wording", () => {
    const result = calculateSessionGaps(chain([200, 10]));
    expect(result.summary.average_gap_minutes).toBe(105);
    expect(result.friction_indicators).toEqual([
      "High long-break ratio (50%) - potential tool friction",
      "High average gap (105min) - users may be avoiding tool",
    ]);
  });

  it("reports nothing for stable gaps or no gaps", () => {
    expect(calculateSessionGaps(chain([10, 10, 10, 10])).friction_indicators).toEqual([]);
    expect(calculateSessionGaps([])).toEqual({
      gaps: [],
      summary: {
        total_gaps: 0,
        average_gap_minutes: 0,
        by_classification: { quick: 0, normal: 0, extended: 0, long_break: 0 },
      },
      friction_indicators: [],
    });
  });
});

describe("effectiveness (§3.6)", () => {
  it("ignores out-of-range and missing ratings; puts a float in its integer bucket", () => {
    const ratings = [5, 4.7, 0, 9, 1, 3.2, 5].map((effectiveness_rating) => ({ effectiveness_rating }));
    expect(calculateEffectivenessDistribution(ratings)).toEqual({ 1: 1, 2: 0, 3: 1, 4: 1, 5: 2 });
    // int() of each: 5+4+0+9+1+3+5 = 27 over 7
    expect(calculateAverageEffectiveness(ratings)).toBe(27 / 7);
    expect(calculateAverageEffectiveness([])).toBe(0);
  });
});

describe("summaries", () => {
  it("summarises issues in first-seen order", () => {
    expect(
      summarizeIssues([
        { issue_type: "hallucination", severity: "high" },
        { issue_type: "unknown", severity: "unknown" },
        { issue_type: "hallucination", severity: "low" },
      ]),
    ).toEqual({
      total: 3,
      by_type: { hallucination: 2, unknown: 1 },
      by_severity: { high: 1, unknown: 1, low: 1 },
    });
  });

  it("code metrics summary is zero without functions", () => {
    expect(
      summarizeCodeMetrics([{ code_metrics: [{ file_path: "a.py", timestamp: null, functions: [] }] }]),
    ).toEqual({
      total_functions: 0,
      total_lines_added: 0,
      total_lines_modified: 0,
      avg_complexity: 0,
      avg_doc_score: 0,
      total_effort_score: 0,
    });
  });

  it("token stats: empty gives zeros, banker's rounding on per-turn averages", () => {
    expect(computeTokenStats([]).token_stats.turns).toBe(0);
    const t = { tokens_out: 0, cache_hit_rate: 0, cached_tokens: 0, new_tokens: 0, context_pct: 0 };
    const stats = computeTokenStats([
      { ...t, tokens_in: 1 },
      { ...t, tokens_in: 4 },
    ]);
    expect(stats.token_stats.avg_in_per_turn).toBe(2); // 2.5 → 2
    expect(stats.token_stats.peak_in).toBe(4);
  });

  it("request stats filter only on truthy values", () => {
    const r = { tokens_in: 10, tokens_out: 1, cached_tokens: 0, new_tokens: 0, cache_hit_rate: 0.12345 };
    const requests = [
      { ...r, type: "coding", model: "a" },
      { ...r, type: "review", model: "b" },
    ];
    expect(computeRequestStats(requests, { request_type: "", model: "" }).total_requests).toBe(2);
    const coding = computeRequestStats(requests, { request_type: "coding" });
    expect(coding).toMatchObject({ total_requests: 1, avg_cache_hit_rate: 0.1235, by_model: { a: 1 } });
  });

  it("prints Python reprs of strings and count dicts", () => {
    expect(pyCountDictRepr({ planning: 1, coding: 2 })).toBe("{'planning': 1, 'coding': 2}");
    expect(pyCountDictRepr({})).toBe("{}");
    expect(pyStrRepr("it's")).toBe(`"it's"`);
    expect(pyStrRepr(`a'b"c\n`)).toBe(`'a\\'b"c\\n'`);
  });
});

describe("calculateOutcomeWeightedRoi", () => {
  const data = sessions({
    ok: {
      task_type: "debugging",
      status: "completed",
      outcome: "success",
      start_time: at("09:00"),
      end_time: at("10:00"),
      initial_estimate_minutes: 240,
    },
    half: {
      task_type: "testing",
      status: "completed",
      outcome: "partial",
      start_time: at("10:00"),
      end_time: at("11:00"),
      initial_estimate_minutes: 120,
    },
    bad: {
      task_type: "refactoring",
      status: "completed",
      outcome: "failed",
      start_time: at("11:00"),
      end_time: at("12:00"),
      initial_estimate_minutes: 600,
    },
    none: {
      task_type: "analysis",
      status: "completed",
      start_time: at("12:00"),
      end_time: at("12:30"),
      final_estimate_minutes: 60,
    },
    review: {
      task_type: "human_review",
      status: "completed",
      outcome: "success",
      start_time: at("13:00"),
      end_time: at("14:00"),
      initial_estimate_minutes: 999,
    },
  });

  it("values success fully, partial by half, failed not at all, and always pays for AI time", () => {
    const r = calculateOutcomeWeightedRoi(data);
    // value: 240 + 60 + 0 + 60 = 360 min = 6 h → $780; AI: 3.5 h → 0.875 + 91 = $91.875
    expect(r).toEqual({
      completed_sessions: 4,
      by_outcome: { success: 1, partial: 1, failed: 1, other: 1 },
      human_value_hours: 6,
      ai_hours: 3.5,
      human_value_cost: 780,
      total_ai_cost: 91.88,
      cost_saved: 688.12, // 688.125 → half-even
      roi_percentage: 88.2,
    });
    // Upstream's ROI counts the failed session's 600 minutes in full.
    expect(calculateRoiMetrics(data, []).time_metrics.estimated_human_hours).toBe(17);
  });

  it("is zero without completed productive sessions", () => {
    expect(calculateOutcomeWeightedRoi([]).roi_percentage).toBe(0);
  });
});

describe("calculateEstimationAccuracy", () => {
  it("computes ratios, medians and the initial-vs-final MAPE over completed sessions with time", () => {
    const data = sessions({
      a: {
        status: "completed",
        start_time: at("09:00"),
        end_time: at("10:00"),
        initial_estimate_minutes: 120,
        final_estimate_minutes: 60,
      },
      b: {
        status: "completed",
        start_time: at("10:00"),
        end_time: at("10:30"),
        initial_estimate_minutes: 60,
        final_estimate_minutes: 0,
      },
      c: {
        status: "completed",
        start_time: "2026-01-05T10:00:00",
        end_time: "2026-01-05T10:20:00",
        human_time_estimate_minutes: 20,
      },
      d: {
        status: "completed",
        start_time: at("11:00"),
        end_time: at("12:00"),
        initial_estimate_minutes: 30,
        final_estimate_minutes: 90,
      },
      zero: {
        status: "completed",
        start_time: at("12:00"),
        end_time: at("12:00"),
        initial_estimate_minutes: 30,
      },
      active: { start_time: at("13:00"), initial_estimate_minutes: 30 },
    });
    const acc = calculateEstimationAccuracy(data);
    expect(acc.sessions_considered).toBe(4);
    // initial/actual: a 2, b 2, c 1, d 0.5
    expect(acc.initial_to_actual).toEqual({ count: 4, mean: 5.5 / 4, median: 1.5 });
    // final/actual: a 1, d 1.5 (b's final of 0 is "not given")
    expect(acc.final_to_actual).toEqual({ count: 2, mean: 1.25, median: 1.25 });
    // |120-60|/60 = 1, |30-90|/90 = 2/3 → mean 5/6 → 83.33 %
    expect(acc.with_both_estimates).toBe(2);
    expect(acc.initial_vs_final_mape_pct).toBeCloseTo(83.3333333, 6);
  });

  it("returns nulls without data", () => {
    expect(calculateEstimationAccuracy([])).toEqual({
      sessions_considered: 0,
      initial_to_actual: { count: 0, mean: null, median: null },
      final_to_actual: { count: 0, mean: null, median: null },
      initial_vs_final_mape_pct: null,
      with_both_estimates: 0,
    });
  });
});
