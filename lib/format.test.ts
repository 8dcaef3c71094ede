import { describe, expect, it } from "vitest";
import { clock, compact, compactHours, compactUsd, date, dateTime, minutes, utcDateTime } from "./format";

// Expected texts are written out by hand (the oracle), not derived from the functions under test.
const MS = Date.UTC(2026, 10, 2, 21, 5, 9); // 2 Nov 2026, 21:05:09 UTC

describe("one date and time style (UTC, 24-hour, day month year)", () => {
  it("dates read '2 Nov 2026' from epoch ms, ISO instants and plain ISO days", () => {
    expect(date(MS)).toBe("2 Nov 2026");
    expect(date("2026-11-02T21:05:09.000Z")).toBe("2 Nov 2026");
    expect(date("2026-11-02")).toBe("2 Nov 2026");
    expect(date(Date.UTC(2026, 0, 31))).toBe("31 Jan 2026");
  });

  it("date-times use 24-hour UTC and say so", () => {
    expect(dateTime(MS)).toBe("2 Nov 2026, 21:05 UTC");
    expect(utcDateTime(Date.UTC(2026, 2, 2, 9, 0))).toBe("2 Mar 2026, 09:00");
    expect(dateTime(null)).toBe("—");
    expect(clock(MS)).toBe("21:05:09 UTC");
  });

  it("is independent of the process time zone and locale", () => {
    const tz = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      expect(dateTime(Date.UTC(2026, 0, 1, 3, 0))).toBe("1 Jan 2026, 03:00 UTC");
      expect(date(Date.UTC(2026, 0, 1, 3, 0))).toBe("1 Jan 2026");
    } finally {
      process.env.TZ = tz;
    }
  });
});

describe("compact large numbers", () => {
  it("keeps numbers below 10,000 whole, with separators", () => {
    expect(compact(0)).toBe("0");
    expect(compact(9_999)).toBe("9,999");
    expect(compact(-1_234)).toBe("-1,234");
  });

  it("shortens from 10,000 on", () => {
    expect(compact(12_345)).toBe("12.3k");
    expect(compact(999_949)).toBe("999.9k");
    expect(compact(1_234_567)).toBe("1.2M");
    expect(compact(3_400_000_000)).toBe("3.4B");
    expect(compact(-45_600)).toBe("-45.6k");
  });

  it("money likewise", () => {
    expect(compactUsd(66_370.12)).toBe("$66.4k");
    expect(compactUsd(1_234.5)).toBe("$1,234.50");
    expect(compactUsd(-2_500_000)).toBe("-$2.5M");
  });
});

describe("compact hours (KPI cards)", () => {
  it("one decimal below 10,000 h, compact from there on", () => {
    expect(compactHours(9_999.94)).toBe("9,999.9 h");
    expect(compactHours(12_345.6)).toBe("12.3k h");
    expect(compactHours(-45_600)).toBe("-45.6k h");
  });
});

describe("durations as h/min", () => {
  it("reads minutes below an hour, hours and minutes above", () => {
    expect(minutes(0)).toBe("0 min");
    expect(minutes(45)).toBe("45 min");
    expect(minutes(59.6)).toBe("1 h");
    expect(minutes(60)).toBe("1 h");
    expect(minutes(90)).toBe("1 h 30 min");
    expect(minutes(125.4)).toBe("2 h 5 min");
    expect(minutes(26 * 60 + 1)).toBe("26 h 1 min");
  });
});
