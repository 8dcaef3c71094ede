/**
 * Measured spend from ingested usage.json files, against dollars worked out by hand from the shipped list
 * prices (USD per million tokens): Sonnet 4.5 $3 in / $15 out / $3.75 5-min write / $6 1-h write / $0.30
 * read; gpt-5-codex $1.25 in / $10 out / $0.125 cached; Sonnet 5.5 cache reads $0.20 until 2026-10-06 and
 * $0.10 from 2026-10-07. An unknown model is listed as unpriced, never $0; an older version of a record
 * (a conflict copy) is not counted twice; two machines of one developer add up.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { TOKEN_KINDS } from "ai-session-tracker-mcp/contract";
import { DEFAULT_PRICE_ROWS } from "ai-session-tracker-mcp/stats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dashboardFiltersSchema } from "@/lib/filters";
import { scanRoot } from "@/lib/ingest/scan";
import { makeStoreSandbox, type StoreSandbox } from "@/test-support/ingest";
import { getSpend } from "./get-spend";
import { listUsage, usageListParamsSchema } from "./list-usage";

let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(() => sb.cleanup());

const NOW = Date.parse("2026-12-01T00:00:00Z");
const zero = Object.fromEntries(TOKEN_KINDS.map((k) => [k, 0]));
const rec = (o: Record<string, unknown> & { hour: string }) => ({
  agent: "claude-code",
  agent_version: "2.0.31",
  conversation_id: "c1",
  project: "payments-api",
  model: "claude-sonnet-4-5-20250929",
  first_timestamp: o.hour,
  last_timestamp: o.hour,
  requests: 1,
  ...zero,
  ...o,
});
function write(rel: string, records: unknown[]) {
  const file = path.join(sb.root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(records));
}
const all = dashboardFiltersSchema.parse({ range: "all" });

describe("getSpend", () => {
  beforeEach(async () => {
    const sonnet = rec({
      hour: "2026-11-30T10:00:00Z",
      requests: 4,
      input_tokens: 1_000_000, // $3.00
      output_tokens: 200_000, // $3.00
      cache_write_5m_tokens: 400_000, // $1.50
      cache_write_1h_tokens: 100_000, // $0.60
      cache_read_tokens: 10_000_000, // $3.00 → $11.10
    });
    write("alice/payments-api/usage.json", [
      sonnet,
      rec({ hour: "2026-11-30T11:00:00Z", model: "claude-experimental-x", requests: 3, output_tokens: 999 }),
      rec({
        hour: "2026-10-06T09:00:00Z",
        conversation_id: "c2",
        model: "claude-sonnet-5-5",
        cache_read_tokens: 10_000_000,
      }), // $2.00
    ]);
    // The laptop's copy of the same folder: an older version of the Sonnet record (not added again).
    write("alice/payments-api/usage-LAPTOP.json", [{ ...sonnet, requests: 2, output_tokens: 100_000 }]);
    // Alice's second machine, another folder: Sonnet 5.5 after its cache-read price cut.
    write("alice/desktop/usage.json", [
      rec({
        hour: "2026-10-08T09:00:00Z",
        conversation_id: "c3",
        model: "claude-sonnet-5-5",
        project: "payments-api",
        cache_read_tokens: 10_000_000,
      }), // $1.00
    ]);
    write("bob/usage.json", [
      rec({
        hour: "2026-11-12T15:00:00Z",
        agent: "codex",
        conversation_id: "x1",
        project: "mobile",
        model: "gpt-5-codex",
        requests: 2,
        input_tokens: 2_000_000, // $2.50
        output_tokens: 100_000, // $1.00
        cache_read_tokens: 4_000_000, // $0.50 → $4.00
        reasoning_output_tokens: 50_000, // part of output: not added
      }),
    ]);
    await scanRoot({ db: sb.store, root: sb.root, now: () => NOW });
  });

  it("prices each model with the row in force on the day, per month × developer × project × model", async () => {
    const s = await getSpend({ db: sb.store, filters: all, nowMs: NOW, prices: DEFAULT_PRICE_ROWS });
    expect(
      s.lines.map((l) => [l.month, l.developer, l.project, l.model, l.costUsd, l.unpricedRequests]),
    ).toEqual([
      ["2026-10", "alice", "payments-api", "claude-sonnet-5-5", 3, 0],
      ["2026-11", "alice", "payments-api", "claude-experimental-x", null, 3],
      ["2026-11", "alice", "payments-api", "claude-sonnet-4-5-20250929", 11.1, 0],
      ["2026-11", "bob", "mobile", "gpt-5-codex", 4, 0],
    ]);
    expect(s.total.costUsd).toBe(18.1);
    expect(s.total.unpricedRequests).toBe(3);
    expect(s.unpricedModels).toEqual(["claude-experimental-x"]);
    expect(s.byDeveloper.map((g) => [g.key, g.costUsd])).toEqual([
      ["alice", 14.1],
      ["bob", 4],
    ]);
    expect(s.lines[2]?.requests).toBe(4);
  });

  it("an admin's price row overrides the shipped one; filters narrow the usage", async () => {
    const prices = [
      ...DEFAULT_PRICE_ROWS,
      {
        ...DEFAULT_PRICE_ROWS[0],
        model: "claude-experimental-x",
        effective_from: "2026-01-01",
        input: 0,
        output: 1_000_000,
        cache_write_5m: 0,
        cache_write_1h: 0,
        cache_read: 0,
        source: "test",
      },
    ] as typeof DEFAULT_PRICE_ROWS;
    const s = await getSpend({ db: sb.store, filters: all, nowMs: NOW, prices });
    expect(s.unpricedModels).toEqual([]);
    expect(s.total.costUsd).toBe(18.1 + 999);
    const bob = await getSpend({
      db: sb.store,
      filters: { ...all, developer: "bob" },
      nowMs: NOW,
      prices: DEFAULT_PRICE_ROWS,
    });
    expect(bob.total.costUsd).toBe(4);
    expect(bob.cache).toEqual([{ model: "gpt-5-codex", cacheReadPct: 66.7, savedUsd: 4.5 }]);
  });

  it("lists the raw rows (/api/v1/usage): the latest version of each record, priced, paged and sorted", async () => {
    const list = async (o: Partial<Parameters<typeof listUsage>[0]> = {}) =>
      await listUsage({
        db: sb.store,
        filters: all,
        nowMs: NOW,
        prices: DEFAULT_PRICE_ROWS,
        params: usageListParamsSchema.parse({}),
        ...o,
      });
    const p = await list({ params: usageListParamsSchema.parse({ pageSize: 5 }) });
    // Five records: the laptop's older Sonnet version is not a row of its own.
    expect(p.total).toBe(5);
    expect(p.rows.map((r) => [r.hour, r.developer, r.model, r.requests, r.costUsd])).toEqual([
      ["2026-11-30T11:00:00Z", "alice", "claude-experimental-x", 3, null],
      ["2026-11-30T10:00:00Z", "alice", "claude-sonnet-4-5-20250929", 4, 11.1],
      ["2026-11-12T15:00:00Z", "bob", "gpt-5-codex", 2, 4],
      ["2026-10-08T09:00:00Z", "alice", "claude-sonnet-5-5", 1, 1],
      ["2026-10-06T09:00:00Z", "alice", "claude-sonnet-5-5", 1, 2],
    ]);
    // The rows add up to the Spend totals worked out above: $18.10, 11 requests.
    expect(p.rows.reduce((s, r) => s + (r.costUsd ?? 0), 0)).toBeCloseTo(18.1, 6);
    expect(p.rows.reduce((s, r) => s + r.requests, 0)).toBe(11);
    const byRequests = await list({
      params: usageListParamsSchema.parse({ sort: "requests", dir: "asc", pageSize: 5 }),
    });
    expect(byRequests.rows.map((r) => r.requests)).toEqual([1, 1, 2, 3, 4]);
    // A member's own rows only; the model filter narrows.
    expect((await list({ filters: { ...all, onlyDevelopers: ["bob"] } })).rows.map((r) => r.costUsd)).toEqual(
      [4],
    );
    expect((await list({ filters: { ...all, model: "claude-sonnet-5-5" } })).total).toBe(2);
  });
});

describe("usage joined to the recorded sessions", () => {
  it("splits the spend into matched, another project's session, and no session", async () => {
    const { sessionRecord } = await import("@/test-support/ingest");
    write("alice/payments-api/usage.json", [
      rec({ hour: "2026-11-30T10:00:00Z", input_tokens: 1_000_000 }), // $3.00, inside a1 → matched
      rec({ hour: "2026-10-06T09:00:00Z", conversation_id: "c2", cache_read_tokens: 10_000_000 }), // $3.00, no session
    ]);
    write("bob/usage.json", [
      rec({
        hour: "2026-11-12T15:00:00Z",
        conversation_id: "x1",
        model: "gpt-5-codex",
        input_tokens: 800_000,
      }), // $1.00
    ]);
    const session = (id: string, project: string, start: string, end: string) =>
      sessionRecord(id, { project, start_time: start, end_time: end });
    mkdirSync(path.join(sb.root, "bob"), { recursive: true });
    writeFileSync(
      path.join(sb.root, "alice/payments-api/sessions.json"),
      JSON.stringify({
        a1: session("a1", "payments-api", "2026-11-30T09:30:00+00:00", "2026-11-30T10:30:00+00:00"),
      }),
    );
    // Bob's tracker calls the project "mobile-app"; his agent ran in a folder named "payments-api".
    writeFileSync(
      path.join(sb.root, "bob/sessions.json"),
      JSON.stringify({
        b1: session("b1", "mobile-app", "2026-11-12T14:00:00+00:00", "2026-11-12T16:00:00+00:00"),
      }),
    );
    await scanRoot({ db: sb.store, root: sb.root, now: () => NOW });
    const { matching } = await getSpend({
      db: sb.store,
      filters: all,
      nowMs: NOW,
      prices: DEFAULT_PRICE_ROWS,
    });
    expect([matching.matched.costUsd, matching.otherProject.costUsd, matching.noSession.costUsd]).toEqual([
      3, 1, 3,
    ]);
    expect([matching.matched.requests, matching.otherProject.requests, matching.noSession.requests]).toEqual([
      1, 1, 1,
    ]);
  });
});

describe("the ROI method on measured spend", () => {
  it("charges a developer with extracted usage that usage instead of a seat; the others keep their seat", async () => {
    const { getRoiMethod } = await import("./get-roi-method");
    const { sessionRecord } = await import("@/test-support/ingest");
    const session = (id: string) =>
      sessionRecord(id, { start_time: "2026-11-30T10:00:00+00:00", end_time: "2026-11-30T11:00:00+00:00" });
    write("alice/usage.json", [
      rec({ hour: "2026-11-30T10:00:00Z", input_tokens: 1_000_000, output_tokens: 200_000 }), // $3.00 + $3.00
      rec({ hour: "2026-11-30T11:00:00Z", model: "claude-experimental-x", requests: 3, output_tokens: 999 }),
    ]);
    writeFileSync(path.join(sb.root, "alice/sessions.json"), JSON.stringify({ a1: session("a1") }));
    mkdirSync(path.join(sb.root, "carol"), { recursive: true });
    writeFileSync(path.join(sb.root, "carol/sessions.json"), JSON.stringify({ c1: session("c1") }));
    await scanRoot({ db: sb.store, root: sb.root, now: () => NOW });
    const method = { humanHourlyRate: 100, seatPricePerMonth: 40, engagementShare: 1, partialWeight: 0.5 };
    const v = await getRoiMethod({ db: sb.store, filters: all, nowMs: NOW, method });
    // All time = the data's one day (2026-11-30): 0.03 months. Alice: her usage that day, $6.00 (Sonnet
    // 4.5), and 3 requests of an unpriced model (not in the sum); Carol: no usage, 1 seat × 0.03 × $40 = $1.20.
    expect(v.spend).toMatchObject({
      basis: "mixed",
      seats: 1,
      months: 0.03,
      measuredUsd: 6,
      measuredDevelopers: 1,
      unpricedRequests: 3,
      usd: 7.2,
    });
    const seatOnly = await getRoiMethod({
      db: sb.store,
      filters: { ...all, developer: "carol" },
      nowMs: NOW,
      method,
    });
    expect(seatOnly.spend).toMatchObject({ basis: "assumed_seats", seats: 1, usd: 1.2 });
  });
});
