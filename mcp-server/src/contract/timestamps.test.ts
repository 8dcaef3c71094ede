import { describe, expect, it } from "vitest";
import { parseTimestamp, timestampToEpochMs } from "./timestamps.js";

describe("parseTimestamp", () => {
  it("reads the current writer's aware UTC format with microseconds", () => {
    const t = parseTimestamp("2026-11-22T01:49:39.130691+00:00");
    expect(t?.naive).toBe(false);
    expect(t?.epochMicros).toBe(Date.UTC(2026, 10, 22, 1, 49, 39) * 1000 + 130691);
    expect(t?.iso).toBe("2026-11-22T01:49:39.130691+00:00");
  });

  it("reads Z and naive times as UTC and reprints them like Python isoformat()", () => {
    expect(parseTimestamp("2026-03-02T09:45:00Z")?.iso).toBe("2026-03-02T09:45:00+00:00");
    const naive = parseTimestamp("2026-03-02 09:45");
    expect(naive?.naive).toBe(true);
    expect(naive?.iso).toBe("2026-03-02T09:45:00");
    expect(naive?.epochMicros).toBe(Date.UTC(2026, 2, 2, 9, 45) * 1000);
  });

  it("applies other offsets", () => {
    expect(timestampToEpochMs("2026-03-02T11:00:00+02:00")).toBe(Date.UTC(2026, 2, 2, 9));
    expect(parseTimestamp("2026-03-02T11:00:00.500000-05:30")?.iso).toBe("2026-03-02T11:00:00.500000-05:30");
  });

  it("timestampToEpochMs (the uncached ingest path) agrees with parseTimestamp on every form", () => {
    for (const text of [
      "2026-11-22T01:49:39.130691+00:00",
      "2026-11-22T01:49:39+00:00",
      "2026-02-30T01:49:39+00:00",
      "2026-11-22T24:49:39.130691+00:00",
      "2026-11-22T01:49:39.13069x+00:00",
      "2026-11-22T01:49:39,130691+00:00",
      "0099-11-22T01:49:39+00:00",
      "2026-03-02T09:45:00Z",
      "2026-03-02 09:45",
      "2026-03-02T11:00:00.500000-05:30",
      "2026-03-02T11:00:00+0530",
      "2026-03-02",
      "2026-02-30T00:00:00",
      "2026-03-02T11:00:00+24:00",
      "yesterday",
      "",
    ]) {
      const parsed = parseTimestamp(text);
      expect(timestampToEpochMs(text), text).toBe(parsed ? parsed.epochMicros / 1000 : null);
    }
  });

  it("returns null for garbage, never throws", () => {
    for (const bad of [
      "",
      "yesterday",
      "2026-02-30T00:00:00",
      "2026-13-01",
      "2026-01-01T25:00:00",
      null,
      undefined,
    ]) {
      expect(parseTimestamp(bad)).toBeNull();
    }
  });
});
