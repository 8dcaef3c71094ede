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

// Function, value in, text out: written by hand (the oracle), one row per case.
const NUMBER_TEXTS: [string, (v: number) => string, number, string][] = [
  // Counts: whole below 10,000, with separators; compact from 10,000 on.
  ["compact", compact, 0, "0"],
  ["compact", compact, 9_999, "9,999"],
  ["compact", compact, -1_234, "-1,234"],
  ["compact", compact, 12_345, "12.3k"],
  ["compact", compact, 999_949, "999.9k"],
  ["compact", compact, 1_234_567, "1.2M"],
  ["compact", compact, 3_400_000_000, "3.4B"],
  ["compact", compact, -45_600, "-45.6k"],
  // Money likewise.
  ["compactUsd", compactUsd, 66_370.12, "$66.4k"],
  ["compactUsd", compactUsd, 1_234.5, "$1,234.50"],
  ["compactUsd", compactUsd, -2_500_000, "-$2.5M"],
  // Hours (KPI cards): one decimal below 10,000 h.
  ["compactHours", compactHours, 9_999.94, "9,999.9 h"],
  ["compactHours", compactHours, 12_345.6, "12.3k h"],
  ["compactHours", compactHours, -45_600, "-45.6k h"],
  // Durations: minutes below an hour, hours and minutes above.
  ["minutes", minutes, 0, "0 min"],
  ["minutes", minutes, 45, "45 min"],
  ["minutes", minutes, 59.6, "1 h"],
  ["minutes", minutes, 60, "1 h"],
  ["minutes", minutes, 90, "1 h 30 min"],
  ["minutes", minutes, 125.4, "2 h 5 min"],
  ["minutes", minutes, 26 * 60 + 1, "26 h 1 min"],
];

describe("compact numbers, money, hours and durations", () => {
  it.each(NUMBER_TEXTS)("%s(%s) reads %s", (_name, format, value, text) => {
    expect(format(value)).toBe(text);
  });
});
