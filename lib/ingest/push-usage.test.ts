/** A push may carry usage.json (the recorder's measured token usage): same parse, bounds and merge as a file. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeStoreSandbox, type StoreSandbox } from "@/test-support/ingest";
import { ingestPush, pushPayloadSchema } from "./push";

let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(() => sb.cleanup());

const NOW_MS = Date.parse("2026-12-01T00:00:00Z");
const record = {
  agent: "codex",
  agent_version: "0.63.0",
  conversation_id: "x1",
  project: "payments",
  model: "gpt-5-codex",
  hour: "2026-11-30T10:00:00Z",
  first_timestamp: "2026-11-30T10:01:00Z",
  last_timestamp: "2026-11-30T10:02:00Z",
  requests: 2,
  input_tokens: 10,
  output_tokens: 20,
  cache_write_5m_tokens: 0,
  cache_write_1h_tokens: 0,
  cache_read_tokens: 30,
  reasoning_output_tokens: 5,
};

describe("push of usage.json", () => {
  it("stores its records; a record of the wrong shape is skipped with a reason", async () => {
    const payload = pushPayloadSchema.parse({
      developer: "alice",
      project: "payments",
      files: { "usage.json": [record, { ...record, conversation_id: "x2", requests: "two" }] },
    });
    const r = await ingestPush({ db: sb.store, payload, nowMs: NOW_MS });
    expect(r.files.map((f) => [f.name, f.action, f.records, f.skipped])).toEqual([
      ["usage.json", "ingested", 1, 1],
    ]);
    expect(await sb.store.all("SELECT conversation_id, requests, cache_read_tokens FROM usage")).toEqual([
      { conversation_id: "x1", requests: 2, cache_read_tokens: 30 },
    ]);
  });

  it("refuses a usage.json that is not an array, naming it", async () => {
    const payload = pushPayloadSchema.parse({
      developer: "alice",
      files: { "usage.json": { not: "a list" } },
    });
    await expect(ingestPush({ db: sb.store, payload, nowMs: NOW_MS })).rejects.toThrow(/usage\.json/);
  });
});
