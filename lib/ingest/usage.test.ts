/**
 * usage.json through the folder ingest: its rows land in `usage`, a conflict copy holding an older version
 * of a record adds a second version (readers take the largest), bad records are skipped with reasons, a
 * broken file keeps its last good rows, and a deleted file takes only what it alone held.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { holdingViolations, makeStoreSandbox, type StoreSandbox } from "@/test-support/ingest";
import { classifyFileName } from "./file-names";
import { scanRoot } from "./scan";

let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(() => sb.cleanup());

const record = (over: Record<string, unknown> = {}) => ({
  agent: "claude-code",
  agent_version: "2.0.31",
  conversation_id: "conv-1",
  project: "payments-api",
  model: "claude-sonnet-4-5-20250929",
  hour: "2026-11-30T10:00:00Z",
  first_timestamp: "2026-11-30T10:05:00.000Z",
  last_timestamp: "2026-11-30T10:40:00.000Z",
  requests: 2,
  input_tokens: 10,
  output_tokens: 100,
  cache_write_5m_tokens: 1000,
  cache_write_1h_tokens: 0,
  cache_read_tokens: 5000,
  reasoning_output_tokens: 0,
  ...over,
});

function write(rel: string, value: unknown) {
  const file = path.join(sb.root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
}
const now = () => Date.parse("2026-12-01T00:00:00Z");
const rows = () =>
  sb.store.all(
    "SELECT conversation_id AS c, requests AS r, output_tokens AS o, holders AS h FROM usage ORDER BY c, r",
  );

describe("usage.json ingest", () => {
  it("recognises usage.json and its conflict copies", () => {
    expect(classifyFileName("usage.json")).toMatchObject({ kind: "usage", copyKind: "primary" });
    expect(classifyFileName("usage-LAPTOP.json")).toMatchObject({ kind: "usage", copyKind: "onedrive" });
    expect(classifyFileName("usage (1).json")).toMatchObject({ kind: "usage", copyKind: "numbered" });
  });

  it("stores records, skips bad ones with reasons, keeps a conflict copy's older version as a second row", async () => {
    write("alice/payments-api/usage.json", [
      record(),
      record({ conversation_id: "conv-2", output_tokens: -5 }),
      record({
        conversation_id: "conv-3",
        hour: "2031-01-01T00:00:00Z",
        first_timestamp: "2031-01-01T00:01:00Z",
        last_timestamp: "2031-01-01T00:02:00Z",
      }),
    ]);
    write("alice/payments-api/usage-LAPTOP.json", [record({ requests: 1, output_tokens: 40 }), record()]);
    await scanRoot({ db: sb.store, root: sb.root, now });
    expect(await rows()).toEqual([
      { c: "conv-1", r: 1, o: 40, h: 1 },
      { c: "conv-1", r: 2, o: 100, h: 2 },
    ]);
    const skipped = (await sb.store.get<{ n: number; j: string }>(
      "SELECT skipped_count AS n, skipped_json AS j FROM source_files WHERE name = 'usage.json'",
    )) as { n: number; j: string };
    expect(skipped.n).toBe(2);
    expect(skipped.j).toMatch(/output_tokens/);
    expect(skipped.j).toMatch(/out of bounds: hour/);
    expect(await holdingViolations(sb.store)).toEqual([]);
  });

  it("a broken file keeps its last good rows; a deleted copy takes only what it alone held", async () => {
    write("alice/usage.json", [record()]);
    write("alice/usage (1).json", [record(), record({ conversation_id: "conv-9" })]);
    await scanRoot({ db: sb.store, root: sb.root, now });
    write("alice/usage.json", '[{"agent": "claude-co');
    await scanRoot({ db: sb.store, root: sb.root, now });
    expect(await rows()).toEqual([
      { c: "conv-1", r: 2, o: 100, h: 2 },
      { c: "conv-9", r: 2, o: 100, h: 1 },
    ]);
    rmSync(path.join(sb.root, "alice/usage (1).json"));
    await scanRoot({ db: sb.store, root: sb.root, now });
    expect(await rows()).toEqual([{ c: "conv-1", r: 2, o: 100, h: 1 }]);
  });
});
