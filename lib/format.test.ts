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

// Each table row: the value in, the text out (written by hand).
describe("compact large numbers", () => {
  it.each([
    [0, "0"],
    [9_999, "9,999"],
    [-1_234, "-1,234"],
  ])("keeps %d whole, with separators", (value, text) => {
    expect(compact(value)).toBe(text);
  });

  it.each([
    [12_345, "12.3k"],
    [999_949, "999.9k"],
    [1_234_567, "1.2M"],
    [3_400_000_000, "3.4B"],
    [-45_600, "-45.6k"],
  ])("shortens %d (from 10,000 on)", (value, text) => {
    expect(compact(value)).toBe(text);
  });

  it.each([
    [66_370.12, "$66.4k"],
    [1_234.5, "$1,234.50"],
    [-2_500_000, "-$2.5M"],
  ])("money likewise: %d", (value, text) => {
    expect(compactUsd(value)).toBe(text);
  });
});

describe("compact hours (KPI cards)", () => {
  it.each([
    [9_999.94, "9,999.9 h"],
    [12_345.6, "12.3k h"],
    [-45_600, "-45.6k h"],
  ])("one decimal below 10,000 h, compact from there on: %d", (value, text) => {
    expect(compactHours(value)).toBe(text);
  });
});

describe("durations as h/min", () => {
  it.each([
    [0, "0 min"],
    [45, "45 min"],
    [59.6, "1 h"],
    [60, "1 h"],
    [90, "1 h 30 min"],
    [125.4, "2 h 5 min"],
    [26 * 60 + 1, "26 h 1 min"],
  ])("reads %d minutes as minutes below an hour, hours and minutes above", (value, text) => {
    expect(minutes(value)).toBe(text);
  });
});
