/**
 * Usage joined to one recorded session (issue 13): a usage record (one agent conversation × model × UTC
 * hour) goes to the session of the same developer and project it overlaps longest in time; dollars worked
 * out by hand from the shipped list prices (Sonnet 4.5: $3 in / $15 out per million tokens).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { TOKEN_KINDS } from "ai-session-tracker-mcp/contract";
import { DEFAULT_PRICE_ROWS } from "ai-session-tracker-mcp/stats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dashboardFiltersSchema } from "@/lib/filters";
import { scanRoot } from "@/lib/ingest/scan";
import { makeStoreSandbox, type StoreSandbox, sessionRecord } from "@/test-support/ingest";
import { getSessionDetail } from "./get-session-detail";
import { getSpend } from "./get-spend";

let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(() => sb.cleanup());

const NOW = Date.parse("2026-12-01T00:00:00Z");
const zero = Object.fromEntries(TOKEN_KINDS.map((k) => [k, 0]));
const rec = (o: Record<string, unknown>) => ({
  agent: "claude-code",
  agent_version: "2.0.31",
  conversation_id: "c1",
  project: "payments-api",
  model: "claude-sonnet-4-5-20250929",
  requests: 1,
  ...zero,
  ...o,
});

describe("session usage", () => {
  it("gives each usage record to the session it overlaps longest; the rest stays unmatched", async () => {
    const dir = path.join(sb.root, "alice/payments-api");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "usage.json"),
      JSON.stringify([
        // only s1 (09:00–10:30): 1M input = $3.00
        rec({
          hour: "2026-11-30T09:00:00Z",
          first_timestamp: "2026-11-30T09:10:00Z",
          last_timestamp: "2026-11-30T09:50:00Z",
          input_tokens: 1_000_000,
        }),
        // s1 for 25 min (10:05–10:30), s2 (10:15–12:00) for 35 min (10:15–10:50) → s2: 100k output = $1.50
        rec({
          hour: "2026-11-30T10:00:00Z",
          first_timestamp: "2026-11-30T10:05:00Z",
          last_timestamp: "2026-11-30T10:50:00Z",
          output_tokens: 100_000,
        }),
        // only s2, a model no price row covers: 2 unpriced requests
        rec({
          hour: "2026-11-30T11:00:00Z",
          first_timestamp: "2026-11-30T11:00:00Z",
          last_timestamp: "2026-11-30T11:30:00Z",
          model: "claude-experimental-x",
          requests: 2,
          output_tokens: 999,
        }),
        // no session: unmatched (2M input = $6.00)
        rec({
          hour: "2026-11-30T13:00:00Z",
          first_timestamp: "2026-11-30T13:05:00Z",
          last_timestamp: "2026-11-30T13:06:00Z",
          input_tokens: 2_000_000,
        }),
      ]),
    );
    const s = (id: string, start: string, end: string) =>
      sessionRecord(id, { project: "payments-api", start_time: start, end_time: end });
    writeFileSync(
      path.join(dir, "sessions.json"),
      JSON.stringify({
        s1: s("s1", "2026-11-30T09:00:00+00:00", "2026-11-30T10:30:00+00:00"),
        s2: s("s2", "2026-11-30T10:15:00+00:00", "2026-11-30T12:00:00+00:00"),
      }),
    );
    await scanRoot({ db: sb.store, root: sb.root, now: () => NOW });
    const ids = await sb.store.all<{ id: number; sid: string }>(
      "SELECT id, session_id AS sid FROM sessions ORDER BY session_id",
    );
    const detail = async (sid: string) =>
      (
        await getSessionDetail({
          db: sb.store,
          id: ids.find((r) => r.sid === sid)?.id ?? -1,
          nowMs: NOW,
          prices: DEFAULT_PRICE_ROWS,
        })
      ).usage;
    const s1 = await detail("s1");
    expect(s1).toMatchObject({
      requests: 1,
      costUsd: 3,
      unpricedRequests: 0,
      unpricedModels: [],
      records: 1,
    });
    expect(s1.tokens.input_tokens).toBe(1_000_000);
    const s2 = await detail("s2");
    expect(s2).toMatchObject({
      requests: 3,
      costUsd: 1.5,
      unpricedRequests: 2,
      unpricedModels: ["claude-experimental-x"],
      records: 2,
    });
    expect(s2.tokens.output_tokens).toBe(100_999);
    expect(s2.rule).toMatch(/longest/);
    // The Spend page's matched usage is exactly the sum over the sessions; the 13:00 record is unmatched.
    const spend = await getSpend({
      db: sb.store,
      filters: dashboardFiltersSchema.parse({ range: "all" }),
      nowMs: NOW,
      prices: DEFAULT_PRICE_ROWS,
    });
    const { matching } = spend;
    expect([matching.matched.costUsd, matching.matched.requests, matching.noSession.costUsd]).toEqual([
      4.5, 4, 6,
    ]);
    // The most expensive sessions: s1 $3.00, then s2 $1.50 (+ unpriced); the day: $3 + $1.50 + $6 = $10.50.
    expect(spend.topSessions.map((t) => [t.sessionName, t.costUsd, t.unpricedRequests])).toEqual([
      ["Session s1", 3, 0],
      ["Session s2", 1.5, 2],
    ]);
    expect(spend.byDay.map((d) => [d.key, d.costUsd, d.requests])).toEqual([["2026-11-30", 10.5, 5]]);
  });
});
