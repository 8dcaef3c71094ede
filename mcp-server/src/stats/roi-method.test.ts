import { describe, expect, it } from "vitest";
import { parseSessionsFile, type Session } from "../contract/index.js";
import {
  calculateRoiMethod,
  calendarMonths,
  DEFAULT_ROI_METHOD_SETTINGS,
  estimateRangeMinutes,
  type RoiMethodTotals,
  roiMethodFromTotals,
  shippedOutcomeTotals,
} from "./index.js";

/** Normalised sessions through the real parser, so defaults match production. */
function sessions(raw: Record<string, Record<string, unknown>>): Session[] {
  const { records, skipped } = parseSessionsFile(raw);
  expect(skipped).toEqual([]);
  return records;
}

const session = (
  id: string,
  startHhmm: string,
  minutes: number,
  extra: Record<string, unknown>,
): [string, Record<string, unknown>] => {
  const start = Date.UTC(2026, 2, 2, Number(startHhmm.slice(0, 2)), Number(startHhmm.slice(3)));
  return [
    id,
    {
      id,
      session_name: id,
      task_type: "code_generation",
      model_name: "m",
      status: "completed",
      start_time: new Date(start).toISOString(),
      end_time: new Date(start + minutes * 60_000).toISOString(),
      initial_estimate_minutes: 0,
      ...extra,
    },
  ];
};

// Hand-computed set: counted = s1, s2, s3, s6 (s4 is human_review, s5 still active).
//  s1 success 60 min, initial 240 / final 180 → lower 180, upstream 180, higher 240
//  s2 partial 120 min, initial 300 / no final → 300 everywhere
//  s3 failed  30 min, initial 60 / final 90   → lower 60, upstream 90, higher 90 (value 0 anyway)
//  s6 no outcome (counts as success) 30 min, initial 0 → legacy 45 everywhere
const SET = sessions(
  Object.fromEntries([
    session("s1", "09:00", 60, {
      outcome: "success",
      initial_estimate_minutes: 240,
      final_estimate_minutes: 180,
    }),
    session("s2", "10:00", 120, { outcome: "partial", initial_estimate_minutes: 300 }),
    session("s3", "13:00", 30, {
      outcome: "failed",
      initial_estimate_minutes: 60,
      final_estimate_minutes: 90,
    }),
    session("s4", "14:00", 30, {
      task_type: "human_review",
      outcome: "success",
      initial_estimate_minutes: 600,
    }),
    session("s5", "15:00", 0, { status: "active", end_time: null, initial_estimate_minutes: 600 }),
    session("s6", "16:00", 30, { human_time_estimate_minutes: 45 }),
  ]),
);
const SETTINGS = { humanHourlyRate: 100, seatPricePerMonth: 50, engagementShare: 0.5, partialWeight: 0.5 };
const SPEND = { seats: 3, months: 2 };

describe("estimateRangeMinutes", () => {
  it("takes the lower / upstream / higher of the initial and final estimates (0 = absent)", () => {
    const [s1, s2, s3, , , s6] = SET;
    expect(estimateRangeMinutes(s1 as Session)).toEqual({ lower: 180, upstream: 180, higher: 240 });
    expect(estimateRangeMinutes(s2 as Session)).toEqual({ lower: 300, upstream: 300, higher: 300 });
    expect(estimateRangeMinutes(s3 as Session)).toEqual({ lower: 60, upstream: 90, higher: 90 });
    expect(estimateRangeMinutes(s6 as Session)).toEqual({ lower: 45, upstream: 45, higher: 45 });
    // upstream's final 0 falls through to the initial one
    expect(
      estimateRangeMinutes({
        initial_estimate_minutes: 30,
        final_estimate_minutes: 0,
        human_time_estimate_minutes: null,
      }),
    ).toEqual({ lower: 30, upstream: 30, higher: 30 });
  });
});

describe("calendarMonths", () => {
  it("pro-rates each UTC calendar month by the share of it inside the range", () => {
    expect(calendarMonths(Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1))).toBe(1);
    expect(calendarMonths(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toBe(12);
    // 8 Feb → 10 Mar 2026: 21 of February's 28 days + 9 of March's 31
    expect(calendarMonths(Date.UTC(2026, 1, 8), Date.UTC(2026, 2, 10))).toBeCloseTo(21 / 28 + 9 / 31, 12);
    // half a day of a 30-day month
    expect(calendarMonths(Date.UTC(2026, 10, 3), Date.UTC(2026, 10, 3, 12))).toBeCloseTo(0.5 / 30, 12);
    expect(calendarMonths(Date.UTC(2026, 10, 3), Date.UTC(2026, 10, 3))).toBe(0);
    expect(calendarMonths(Date.UTC(2026, 10, 4), Date.UTC(2026, 10, 3))).toBe(0);
  });
});

// Each case's expectation is spelled out field by field on purpose: they are the hand-computed receipts.
describe("calculateRoiMethod (hand-computed)", () => {
  const m = calculateRoiMethod(SET, SPEND, SETTINGS);

  it("counts productive completed sessions by outcome, spend = seats × months × seat price", () => {
    expect(m.sessions).toBe(4);
    expect(m.byOutcome).toEqual({ success: 1, partial: 1, failed: 1, other: 1 });
    expect(m.aiHours).toBe(4);
    expect(m.spend).toEqual({
      seats: 3,
      months: 2,
      seatPricePerMonth: 50,
      usd: 300,
      basis: "assumed_seats",
      measuredUsd: null,
      measuredDevelopers: 0,
      unpricedRequests: 0,
    });
  });

  it("expected: upstream's estimate, the set partial weight and engagement", () => {
    // delivered = 180 + 45 + 0.5·300 = 375 min = 6.25 h; in sessions 0.5 · 4 h = 2 h; saved 4.25 h
    expect(m.expected).toEqual({
      estimate: "upstream",
      engagementShare: 0.5,
      partialWeight: 0.5,
      successHours: 3.75,
      partialHours: 5,
      failedHours: 1.5,
      deliveredHours: 6.25,
      developerHours: 2,
      hoursSaved: 4.25,
      deliveredUsd: 625,
      valueUsd: 425,
      spendUsd: 300,
      netUsd: 125,
      returnPerDollar: 1.42,
      savingsRatePct: 20,
    });
  });

  it("conservative: lower estimate, full engagement, partial at half the set weight", () => {
    // delivered = 180 + 45 + 0.25·300 = 300 min = 5 h; in sessions 4 h; saved 1 h; net 100 − 300
    expect(m.conservative).toMatchObject({
      estimate: "lower",
      engagementShare: 1,
      partialWeight: 0.25,
      successHours: 3.75,
      failedHours: 1,
      deliveredHours: 5,
      developerHours: 4,
      hoursSaved: 1,
      valueUsd: 100,
      netUsd: -200,
      returnPerDollar: 0.33,
      savingsRatePct: -40,
    });
  });

  it("optimistic: higher estimate, the set engagement and partial weight", () => {
    // delivered = 240 + 45 + 0.5·300 = 435 min = 7.25 h; saved 5.25 h; 225 / 725 = 31.03 %
    expect(m.optimistic).toMatchObject({
      estimate: "higher",
      engagementShare: 0.5,
      partialWeight: 0.5,
      deliveredHours: 7.25,
      hoursSaved: 5.25,
      valueUsd: 525,
      netUsd: 225,
      returnPerDollar: 1.75,
      savingsRatePct: 31,
    });
  });

  it("has no return without spend and no savings rate without delivered value", () => {
    const none = calculateRoiMethod([], { seats: 0, months: 1 }, SETTINGS);
    expect(none.expected.returnPerDollar).toBeNull();
    expect(none.expected.savingsRatePct).toBeNull();
    expect(none.spend.usd).toBe(0);
  });

  it("engagement and partial weight move the figures; defaults are 100 % and one half", () => {
    const full = calculateRoiMethod(SET, SPEND, { humanHourlyRate: 100, seatPricePerMonth: 50 });
    expect(DEFAULT_ROI_METHOD_SETTINGS).toMatchObject({ engagementShare: 1, partialWeight: 0.5 });
    expect(full.expected.developerHours).toBe(4);
    expect(full.expected.hoursSaved).toBe(2.25);
    const noPartial = calculateRoiMethod(SET, SPEND, { ...SETTINGS, partialWeight: 0 });
    expect(noPartial.expected.deliveredHours).toBe(3.75);
  });

  it("rounds the months to 2 dp before multiplying, so the receipt's product holds", () => {
    const r = calculateRoiMethod(SET, { seats: 6, months: 21 / 28 + 9 / 31 }, SETTINGS);
    expect(r.spend.months).toBe(1.04);
    expect(r.spend.usd).toBe(312);
  });
});

describe("roiMethodFromTotals", () => {
  it("gives the row-based result from per-outcome totals", () => {
    const rows: RoiMethodTotals[] = [
      {
        outcome: "success",
        sessions: 1,
        aiMinutes: 60,
        lowerMinutes: 180,
        upstreamMinutes: 180,
        higherMinutes: 240,
      },
      {
        outcome: "partial",
        sessions: 1,
        aiMinutes: 120,
        lowerMinutes: 300,
        upstreamMinutes: 300,
        higherMinutes: 300,
      },
      {
        outcome: "failed",
        sessions: 1,
        aiMinutes: 30,
        lowerMinutes: 60,
        upstreamMinutes: 90,
        higherMinutes: 90,
      },
      { outcome: null, sessions: 1, aiMinutes: 30, lowerMinutes: 45, upstreamMinutes: 45, higherMinutes: 45 },
    ];
    expect(roiMethodFromTotals(rows, SPEND, SETTINGS)).toEqual(calculateRoiMethod(SET, SPEND, SETTINGS));
  });
});

// Measured spend (issue 13): the seats of developers with extracted usage are replaced by their usage's cost.
describe("calculateRoiMethod with measured spend", () => {
  it("mixed: 1 seat × 2 months × $50 + $123.456 measured = $223.46; the receipt's basis says so", () => {
    const m = calculateRoiMethod(
      SET,
      { seats: 1, months: 2, measured: { usd: 123.456, developers: 2, unpricedRequests: 7 } },
      SETTINGS,
    );
    expect(m.spend).toEqual({
      seats: 1,
      months: 2,
      seatPricePerMonth: 50,
      usd: 223.46,
      basis: "mixed",
      measuredUsd: 123.46,
      measuredDevelopers: 2,
      unpricedRequests: 7,
    });
    expect(m.expected.spendUsd).toBe(223.46);
  });

  it("measured: no seat left; value and hours are those of the seat-priced method", () => {
    const seat = calculateRoiMethod(SET, SPEND, SETTINGS);
    const m = calculateRoiMethod(
      SET,
      { seats: 0, months: 2, measured: { usd: 10, developers: 3, unpricedRequests: 0 } },
      SETTINGS,
    );
    expect(m.spend).toMatchObject({ usd: 10, basis: "measured", measuredUsd: 10 });
    expect(m.expected.valueUsd).toBe(seat.expected.valueUsd);
    expect(m.expected.netUsd).toBe(Math.round((seat.expected.valueUsd - 10) * 100) / 100);
  });
});

describe("shippedOutcomeTotals (the shipped outcome signal)", () => {
  const t = {
    outcome: "success",
    sessions: 1,
    aiMinutes: 60,
    lowerMinutes: 80,
    upstreamMinutes: 120,
    higherMinutes: 160,
  };
  it("splits a partly shipped session by its shipped lines, session time counted once", () => {
    // 30 of 40 lines shipped: 3/4 of each estimate succeeds, 1/4 fails.
    expect(shippedOutcomeTotals(t, { status: "shipped", lines_changed: 40, lines_shipped: 30 })).toEqual([
      { ...t, outcome: "success", lowerMinutes: 60, upstreamMinutes: 90, higherMinutes: 120 },
      {
        outcome: "failed",
        sessions: 0,
        aiMinutes: 0,
        lowerMinutes: 20,
        upstreamMinutes: 30,
        higherMinutes: 40,
      },
    ]);
  });
  it("reverted or unmerged work fails; a fully shipped failure succeeds; pending keeps the self-report", () => {
    expect(shippedOutcomeTotals(t, { status: "reverted", lines_changed: 5, lines_shipped: 0 })).toEqual([
      { ...t, outcome: "failed" },
    ]);
    expect(shippedOutcomeTotals(t, { status: "unmerged", lines_changed: 5, lines_shipped: 0 })).toEqual([
      { ...t, outcome: "failed" },
    ]);
    expect(
      shippedOutcomeTotals(
        { ...t, outcome: "failed" },
        { status: "shipped", lines_changed: 0, lines_shipped: 0 },
      ),
    ).toEqual([{ ...t, outcome: "success" }]);
    expect(shippedOutcomeTotals(t, { status: "pending", lines_changed: 5, lines_shipped: 0 })).toBeNull();
    expect(shippedOutcomeTotals(t, { status: "no_commits", lines_changed: 0, lines_shipped: 0 })).toBeNull();
  });
});
