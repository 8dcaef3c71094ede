/** The usage.json contract: what a record must hold, what is skipped (with a reason), what is refused. */
import { describe, expect, it } from "vitest";
import { parseUsageFile, TOKEN_KINDS, usageRecordKey } from "../src/contract/index.js";
import { TrackerError } from "../src/errors.js";

const good = {
  agent: "claude-code" as const,
  agent_version: "2.0.31",
  conversation_id: "3f0c1d2e-0000-4000-8000-000000000001",
  project: "payments-api",
  model: "claude-sonnet-4-5-20250929",
  hour: "2026-11-30T14:00:00Z",
  first_timestamp: "2026-11-30T14:03:10.512Z",
  last_timestamp: "2026-11-30T14:41:00.000Z",
  requests: 3,
  input_tokens: 12,
  output_tokens: 900,
  cache_write_5m_tokens: 4000,
  cache_write_1h_tokens: 0,
  cache_read_tokens: 52000,
  reasoning_output_tokens: 0,
};

describe("usage.json contract", () => {
  it("reads a good record and keeps unknown extra keys", () => {
    const r = parseUsageFile([{ ...good, future_field: 1 }]);
    expect(r.skipped).toEqual([]);
    expect(r.records).toEqual([{ ...good, future_field: 1 }]);
  });

  it("skips records with negative or fractional counts, a bad hour, text where numbers belong, reversed times", () => {
    const r = parseUsageFile([
      { ...good, output_tokens: -1 },
      { ...good, input_tokens: 1.5 },
      { ...good, hour: "2026-11-30T14:30:00Z" },
      { ...good, cache_read_tokens: "52000" },
      { ...good, agent: "cursor" },
      { ...good, first_timestamp: good.last_timestamp, last_timestamp: good.first_timestamp },
      "not an object",
      good,
    ]);
    expect(r.records).toHaveLength(1);
    expect(r.skipped.map((s) => s.key)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(r.skipped[0]?.reason).toMatch(/output_tokens/);
    expect(r.skipped[5]?.reason).toMatch(/before first_timestamp/);
  });

  it("refuses a file that is not an array", () => {
    expect(() => parseUsageFile({ records: [] })).toThrow(TrackerError);
  });

  it("names six token kinds and keys records by agent, conversation, model and hour", () => {
    expect(TOKEN_KINDS).toHaveLength(6);
    expect(usageRecordKey(good)).toBe(
      "claude-code\t3f0c1d2e-0000-4000-8000-000000000001\tclaude-sonnet-4-5-20250929\t2026-11-30T14:00:00Z",
    );
  });
});
