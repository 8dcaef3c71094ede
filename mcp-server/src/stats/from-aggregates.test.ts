import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Interaction } from "../contract/interaction-schema.js";
import { parseInteractionsFile, parseIssuesFile, parseSessionsFile } from "../contract/parse-files.js";
import type { AiRequest } from "../contract/request-schema.js";
import type { Session } from "../contract/session-schema.js";
import {
  calculateAverageEffectiveness,
  calculateEffectivenessDistribution,
  calculateEstimationAccuracy,
  calculateOutcomeWeightedRoi,
  calculateRoiFromTotals,
  calculateRoiMetrics,
  calculateSessionGaps,
  computeRequestStats,
  computeTokenStats,
  effectivenessFromRatingCounts,
  effectivenessFromTotals,
  estimateMinutes,
  estimationAccuracyFromAggregates,
  isProductive,
  outcomeWeightedRoiFromTotals,
  type RoiTotals,
  requestStatsFromTotals,
  type SessionGap,
  sessionDurationMinutes,
  summarizeGapAggregates,
  summarizeIssueCounts,
  summarizeIssues,
  tokenStatsFromTotals,
} from "./index.js";

const FIXTURE = fileURLToPath(new URL("../../test/fixtures/upstream/worked-example/", import.meta.url));
const read = (f: string): unknown => JSON.parse(readFileSync(`${FIXTURE}${f}`, "utf8"));
const sessions = parseSessionsFile(read("sessions.json")).records;
const interactions = parseInteractionsFile(read("interactions.json")).records;
const issues = parseIssuesFile(read("issues.json")).records;

/** Bucket-wise sum of rating histograms. */
function sumBuckets(ds: readonly Record<1 | 2 | 3 | 4 | 5, number>[]): Record<1 | 2 | 3 | 4 | 5, number> {
  const out = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const d of ds) for (const b of [1, 2, 3, 4, 5] as const) out[b] += d[b];
  return out;
}

/**
 * What a database's GROUP BY would return for these rows (done here with plain loops). Written out, not
 * shared with roi.ts: the oracle must not be the code under test.
 */
function roiTotals(
  ss: readonly Session[],
  is: readonly Pick<Interaction, "effectiveness_rating">[],
): RoiTotals {
  let aiMinutes = 0;
  let humanMinutes = 0;
  let completedSessions = 0;
  for (const s of ss) {
    if (!isProductive(s) || s.status !== "completed") continue;
    aiMinutes += sessionDurationMinutes(s);
    humanMinutes += estimateMinutes(s);
    completedSessions += 1;
  }
  const gaps = calculateSessionGaps(ss).gaps;
  const oversightGapMinutes = gaps
    .filter((g) => g.classification === "quick" || g.classification === "normal")
    .reduce((a, g) => a + g.duration_minutes, 0);
  return {
    aiMinutes,
    humanMinutes,
    completedSessions,
    oversightGapMinutes,
    totalInteractions: is.length,
    ratingIntSum: is.reduce((a, i) => a + Math.trunc(i.effectiveness_rating), 0),
  };
}

function gapAggregates(gaps: readonly SessionGap[]) {
  const byClassification = { quick: 0, normal: 0, extended: 0, long_break: 0 };
  for (const g of gaps) byClassification[g.classification] += 1;
  const half = Math.floor(gaps.length / 2);
  const sum = (xs: readonly SessionGap[]) => xs.reduce((a, g) => a + g.duration_minutes, 0);
  return {
    byClassification,
    roundedMinutesSum: sum(gaps),
    halves: {
      firstSum: sum(gaps.slice(0, half)),
      firstCount: half,
      secondSum: sum(gaps.slice(half)),
      secondCount: gaps.length - half,
    },
  };
}

/** Deterministic pseudo-random sessions with durations, estimates, gaps and outcomes of every kind. */
function randomSessions(seed: number, n: number): Session[] {
  let x = seed;
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
  const base = sessions[0];
  if (!base) throw new Error("fixture has no session");
  const out: Session[] = [];
  let t = Date.UTC(2026, 0, 1);
  const types = ["code_generation", "debugging", "human_review", "testing"];
  const outcomes = ["success", "partial", "failed", null] as const;
  for (let i = 0; i < n; i++) {
    t += Math.floor(rnd() * 200) * 60_000 + Math.floor(rnd() * 4) * 15_000;
    const dur = Math.floor(rnd() * 180) * 60_000 + Math.floor(rnd() * 4) * 15_000;
    const active = rnd() < 0.1;
    out.push({
      ...base,
      id: `s${i}`,
      task_type: types[Math.floor(rnd() * types.length)] ?? "testing",
      status: active ? "active" : "completed",
      outcome: outcomes[Math.floor(rnd() * outcomes.length)] ?? null,
      start_time: new Date(t).toISOString(),
      end_time: active ? null : new Date(t + dur).toISOString(),
      initial_estimate_minutes: rnd() < 0.2 ? null : Math.floor(rnd() * 300),
      final_estimate_minutes: rnd() < 0.4 ? null : Math.floor(rnd() * 300),
      human_time_estimate_minutes: rnd() < 0.5 ? null : Math.floor(rnd() * 100),
    });
    t += dur;
  }
  return out;
}

describe("from-aggregates equals the row-based formulas", () => {
  it("ROI of the worked example (spec §3.12)", () => {
    const fromTotals = calculateRoiFromTotals(roiTotals(sessions, interactions));
    expect(fromTotals).toEqual(calculateRoiMetrics(sessions, interactions));
    expect(fromTotals.cost_metrics).toMatchObject({
      human_baseline_cost: 780,
      total_ai_cost: 67.81,
      cost_saved: 712.19,
      roi_percentage: 91.3,
      productivity_multiplier: 1.9,
    });
  });

  it("ROI, outcome ROI, gaps and estimation accuracy on random sessions, with custom assumptions", () => {
    for (const seed of [1, 7, 42, 1234]) {
      const ss = randomSessions(seed, 60);
      const is = ss.map((_, k) => ({ effectiveness_rating: (k % 6) + (k % 3 === 0 ? 0.5 : 0) }));
      const assumptions = { humanHourlyRate: 95, oversightRatio: 0.3 };
      expect(calculateRoiFromTotals(roiTotals(ss, is), assumptions)).toEqual(
        calculateRoiMetrics(ss, is, assumptions),
      );

      const groups = new Map<string | null, { sessions: number; aiMinutes: number; humanMinutes: number }>();
      for (const s of ss) {
        if (!isProductive(s) || s.status !== "completed") continue;
        const g = groups.get(s.outcome) ?? { sessions: 0, aiMinutes: 0, humanMinutes: 0 };
        g.sessions += 1;
        g.aiMinutes += sessionDurationMinutes(s);
        g.humanMinutes += estimateMinutes(s);
        groups.set(s.outcome, g);
      }
      const rows = [...groups].map(([outcome, g]) => ({ outcome, ...g }));
      expect(outcomeWeightedRoiFromTotals(rows, assumptions)).toEqual(
        calculateOutcomeWeightedRoi(ss, assumptions),
      );

      const full = calculateSessionGaps(ss);
      expect(summarizeGapAggregates(gapAggregates(full.gaps))).toEqual({
        summary: full.summary,
        friction_indicators: full.friction_indicators,
      });

      const initial: number[] = [];
      const final: number[] = [];
      const apes: number[] = [];
      let considered = 0;
      for (const s of ss) {
        const d = sessionDurationMinutes(s);
        if (s.status !== "completed" || !(d > 0)) continue;
        considered += 1;
        const i0 = s.initial_estimate_minutes ?? s.human_time_estimate_minutes ?? 0;
        const f0 = s.final_estimate_minutes ?? 0;
        if (i0 > 0) initial.push(i0 / d);
        if (f0 > 0) final.push(f0 / d);
        if (i0 > 0 && f0 > 0) apes.push(Math.abs(i0 - f0) / f0);
      }
      const med = (v: number[]) => {
        const s = [...v].sort((a, b) => a - b);
        const m = Math.floor(s.length / 2);
        return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
      };
      const agg = (v: number[]) => ({ count: v.length, sum: v.reduce((a, b) => a + b, 0), median: med(v) });
      const fromAgg = estimationAccuracyFromAggregates({
        considered,
        initial: agg(initial),
        final: agg(final),
        ape: { count: apes.length, sum: apes.reduce((a, b) => a + b, 0) },
      });
      const direct = calculateEstimationAccuracy(ss);
      expect(fromAgg.sessions_considered).toBe(direct.sessions_considered);
      expect(fromAgg.initial_to_actual.median).toBe(direct.initial_to_actual.median);
      expect(fromAgg.initial_to_actual.mean).toBeCloseTo(direct.initial_to_actual.mean ?? 0, 12);
      expect(fromAgg.initial_vs_final_mape_pct).toBeCloseTo(direct.initial_vs_final_mape_pct ?? 0, 10);
    }
  });

  it("a union of timelines has no trend indicator but the same counts and average", () => {
    const g = summarizeGapAggregates({
      byClassification: { quick: 1, normal: 1, extended: 0, long_break: 2 },
      roundedMinutesSum: 4 + 10 + 130 + 200,
    });
    expect(g.summary).toEqual({
      total_gaps: 4,
      average_gap_minutes: 86,
      by_classification: { quick: 1, normal: 1, extended: 0, long_break: 2 },
    });
    expect(g.friction_indicators).toEqual([
      "High long-break ratio (50%) - potential tool friction",
      "High average gap (86min) - users may be avoiding tool",
    ]);
  });

  it("effectiveness, issues and token stats of the worked example", () => {
    const counts = new Map<number, number>();
    for (const i of [...interactions, { effectiveness_rating: 4.7 }, { effectiveness_rating: 0 }]) {
      counts.set(i.effectiveness_rating, (counts.get(i.effectiveness_rating) ?? 0) + 1);
    }
    const all = [...interactions, { effectiveness_rating: 4.7 }, { effectiveness_rating: 0 }];
    const e = effectivenessFromRatingCounts([...counts].map(([rating, count]) => ({ rating, count })));
    expect(e.distribution).toEqual(calculateEffectivenessDistribution(all));
    expect(e.average).toBeCloseTo(calculateAverageEffectiveness(all), 14);
    expect(e.count).toBe(all.length);

    // Per-part totals (e.g. one row per session) summed, then read once: the same figures as the whole.
    const parts = [all.slice(0, 3), all.slice(3)].map((part) =>
      effectivenessFromRatingCounts(part.map((i) => ({ rating: i.effectiveness_rating, count: 1 }))),
    );
    const summed = effectivenessFromTotals({
      distribution: sumBuckets(parts.map((p) => p.distribution)),
      count: parts.reduce((a, p) => a + p.count, 0),
      intSum: parts.reduce((a, p) => a + p.intSum, 0),
    });
    expect(summed).toEqual(e);

    const issueGroups = new Map<string, { issue_type: string; severity: string; count: number }>();
    for (const i of issues) {
      const k = `${i.issue_type}\u0000${i.severity}`;
      const g = issueGroups.get(k) ?? { issue_type: i.issue_type, severity: i.severity, count: 0 };
      g.count += 1;
      issueGroups.set(k, g);
    }
    expect(summarizeIssueCounts([...issueGroups.values()])).toEqual(summarizeIssues(issues));

    const tokens = tokenStatsFromTotals({
      turns: interactions.length,
      totalIn: interactions.reduce((a, i) => a + i.tokens_in, 0),
      totalOut: interactions.reduce((a, i) => a + i.tokens_out, 0),
      peakIn: Math.max(...interactions.map((i) => i.tokens_in)),
      peakOut: Math.max(...interactions.map((i) => i.tokens_out)),
      cacheHitRateSum: interactions.reduce((a, i) => a + i.cache_hit_rate, 0),
      totalCached: interactions.reduce((a, i) => a + i.cached_tokens, 0),
      totalNew: interactions.reduce((a, i) => a + i.new_tokens, 0),
      peakContextPct: Math.max(...interactions.map((i) => i.context_pct)),
    });
    expect(tokens).toEqual(computeTokenStats(interactions));
    expect(tokens.cache_stats.hit_rate_pct).toBe(34.3);
    expect(tokenStatsFromTotals({ ...tokens.token_stats, turns: 0 } as never)).toEqual(computeTokenStats([]));
  });

  it("request stats", () => {
    const reqs: Pick<
      AiRequest,
      "type" | "model" | "tokens_in" | "tokens_out" | "cached_tokens" | "new_tokens" | "cache_hit_rate"
    >[] = [
      {
        type: "coding",
        model: "m1",
        tokens_in: 1000,
        tokens_out: 100,
        cached_tokens: 500,
        new_tokens: 500,
        cache_hit_rate: 0.5,
      },
      {
        type: "debug",
        model: "m2",
        tokens_in: 2001,
        tokens_out: 201,
        cached_tokens: 0,
        new_tokens: 2001,
        cache_hit_rate: 0,
      },
      {
        type: "coding",
        model: "m1",
        tokens_in: 3000,
        tokens_out: 300,
        cached_tokens: 2900,
        new_tokens: 100,
        cache_hit_rate: 0.96667,
      },
    ];
    const sum = (f: (r: (typeof reqs)[number]) => number) => reqs.reduce((a, r) => a + f(r), 0);
    expect(
      requestStatsFromTotals({
        count: 3,
        tokensIn: sum((r) => r.tokens_in),
        tokensOut: sum((r) => r.tokens_out),
        cachedTokens: sum((r) => r.cached_tokens),
        newTokens: sum((r) => r.new_tokens),
        cacheHitRateSum: sum((r) => r.cache_hit_rate),
        byType: [
          ["coding", 2],
          ["debug", 1],
        ],
        byModel: [
          ["m1", 2],
          ["m2", 1],
        ],
      }),
    ).toEqual(computeRequestStats(reqs));
    expect(
      requestStatsFromTotals({
        count: 0,
        tokensIn: 0,
        tokensOut: 0,
        cachedTokens: 0,
        newTokens: 0,
        cacheHitRateSum: 0,
        byType: [],
        byModel: [],
      }),
    ).toEqual(computeRequestStats([]));
  });
});
