import { describe, expect, it } from "vitest";
import type { TokenCounts } from "../contract/usage-schema.js";
import { zeroCounts } from "../usage/records.js";
import { costPerUnit, findPrice, normalizeModelName, usageCost } from "./pricing.js";
import { DEFAULT_PRICE_ROWS } from "./pricing-defaults.js";

const counts = (o: Partial<TokenCounts>): TokenCounts => ({ ...zeroCounts(), ...o });

describe("pricing", () => {
  it("matches a model's snapshots and provider prefixes to its row", () => {
    expect(normalizeModelName("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(normalizeModelName("anthropic/Claude-Opus-4-5@20251101")).toBe("claude-opus-4-5");
    expect(normalizeModelName("claude-sonnet-5-5[1m]")).toBe("claude-sonnet-5-5");
    expect(normalizeModelName("gpt-5.1-codex-max")).toBe("gpt-5.1-codex-max");
  });

  it("takes the row in force on the day; none before a model's first price or for an unknown model", () => {
    expect(findPrice(DEFAULT_PRICE_ROWS, "claude-sonnet-5-5", "2026-10-06T23:00:00Z")?.cache_read).toBe(0.2);
    expect(findPrice(DEFAULT_PRICE_ROWS, "claude-sonnet-5-5", "2026-10-07")?.cache_read).toBe(0.1);
    expect(findPrice(DEFAULT_PRICE_ROWS, "claude-opus-4-5", "2025-11-23")).toBeNull();
    expect(findPrice(DEFAULT_PRICE_ROWS, "my-local-llama", "2026-11-30")).toBeNull();
  });

  it("costs each kind at its price; reasoning is part of output, not added", () => {
    const sonnet = findPrice(DEFAULT_PRICE_ROWS, "claude-sonnet-4-5", "2026-11-30");
    if (!sonnet) throw new Error("no row");
    // 1M in × $3 + 0.2M out × $15 + 0.4M 5-min × $3.75 + 0.1M 1-h × $6 + 10M read × $0.30 = $11.10
    const c = counts({
      input_tokens: 1e6,
      output_tokens: 2e5,
      cache_write_5m_tokens: 4e5,
      cache_write_1h_tokens: 1e5,
      cache_read_tokens: 1e7,
      reasoning_output_tokens: 5e4,
    });
    expect(usageCost(c, sonnet)).toBeCloseTo(11.1, 10);
  });

  it("cost per session, successful session and value hour; null without cost or units", () => {
    expect(costPerUnit({ costUsd: 100, sessions: 8, successfulSessions: 3, valueHours: 40 })).toEqual({
      perSession: 12.5,
      perSuccessfulSession: 33.33,
      perValueHour: 2.5,
    });
    expect(costPerUnit({ costUsd: null, sessions: 8, successfulSessions: 0, valueHours: -1 })).toEqual({
      perSession: null,
      perSuccessfulSession: null,
      perValueHour: null,
    });
  });
});
