import { describe, expect, it } from "vitest";
import { normalizeUsageFast, parseUsageFile, usageRecordSchema } from "./usage-schema.js";

const good = {
  agent: "claude-code",
  agent_version: "2.0.14",
  conversation_id: "c-1",
  project: "web-app",
  model: "claude-sonnet-4-5",
  hour: "2026-11-30T09:00:00Z",
  first_timestamp: "2026-11-30T09:01:02.345Z",
  last_timestamp: "2026-11-30T09:59:59Z",
  requests: 12,
  input_tokens: 100,
  output_tokens: 2000,
  cache_write_5m_tokens: 300,
  cache_write_1h_tokens: 0,
  cache_read_tokens: 45000,
  reasoning_output_tokens: 0,
};

const goodRecords: unknown[] = [
  good,
  { ...good, agent: "codex", agent_version: null, project: "" },
  { ...good, first_timestamp: "2026-11-30T10:01:02+01:00" },
  { ...good, conversation_id: "x".repeat(200), model: "m".repeat(200), agent_version: "v".repeat(100) },
  { ...good, input_tokens: Number.MAX_SAFE_INTEGER },
];

const oddRecords: unknown[] = [
  null,
  "text",
  [good],
  { ...good, extra: "kept by the schema" },
  { ...good, agent: "cursor" },
  { ...good, agent_version: undefined },
  { ...good, agent_version: 2 },
  { ...good, agent_version: "v".repeat(101) },
  { ...good, conversation_id: "" },
  { ...good, conversation_id: "x".repeat(201) },
  { ...good, project: 5 },
  { ...good, model: "" },
  { ...good, hour: "2026-11-30T09:30:00Z" },
  { ...good, first_timestamp: "2026-02-30T09:00:00Z" },
  { ...good, last_timestamp: "2026-11-30 09:00:00" },
  { ...good, requests: -1 },
  { ...good, requests: 1.5 },
  { ...good, output_tokens: "2000" },
  { ...good, cache_read_tokens: Number.MAX_SAFE_INTEGER + 2 },
  { ...good, reasoning_output_tokens: Number.NaN },
];

describe("usage fast path", () => {
  it("gives the schema's record for well-typed records", () => {
    for (const value of goodRecords) {
      const viaSchema = usageRecordSchema.parse(value);
      expect(normalizeUsageFast(value)).toEqual(viaSchema);
    }
  });

  it("leaves every odd record to the schema", () => {
    for (const value of oddRecords) expect(normalizeUsageFast(value)).toBeNull();
  });

  it("parses a file the same as the schema alone", () => {
    const data = [...goodRecords, ...oddRecords, { ...good, last_timestamp: "2026-11-30T08:00:00Z" }];
    const viaSchema = { records: [] as unknown[], skipped: [] as { key: number; ok: boolean }[] };
    data.forEach((value, key) => {
      const parsed = usageRecordSchema.safeParse(value);
      const ok = parsed.success && parsed.data.last_timestamp >= parsed.data.first_timestamp;
      if (ok) viaSchema.records.push(parsed.data);
      else viaSchema.skipped.push({ key, ok });
    });
    const result = parseUsageFile(data);
    expect(result.records).toEqual(viaSchema.records);
    expect(result.skipped.map((s) => ({ key: s.key, ok: false }))).toEqual(viaSchema.skipped);
    // The record with an extra key went through the schema and kept the key.
    expect(result.records).toContainEqual({ ...good, extra: "kept by the schema" });
  });
});
