/** The admin's price rows: CSV text in, validated rows stored, the shipped table + theirs in force. */
import { DEFAULT_PRICE_ROWS, findPrice } from "ai-session-tracker-mcp/stats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { openTestStore, type TestStore } from "@/test-support/store";
import {
  getCustomPriceRows,
  getPriceRows,
  parsePriceCsv,
  priceRowsToCsv,
  saveCustomPriceRows,
} from "./pricing-settings";

let ts: TestStore;
let db: Store;
beforeEach(async () => {
  ts = await openTestStore();
  db = ts.store;
});
afterEach(() => ts.cleanup());

describe("price settings", () => {
  it("parses rows (comments and blank lines skipped), names the first bad line", async () => {
    const ok = parsePriceCsv("# mine\n\nAcme-Coder,2026-11-01,1,2,1.25,2,0.1,our contract\n");
    expect(ok).toEqual({
      ok: true,
      rows: [
        {
          model: "acme-coder",
          effective_from: "2026-11-01",
          input: 1,
          output: 2,
          cache_write_5m: 1.25,
          cache_write_1h: 2,
          cache_read: 0.1,
          source: "our contract",
        },
      ],
    });
    expect(parsePriceCsv("a,2026-11-01,1,2,3,4,5\nb,yesterday,1,2,3,4,5")).toEqual({
      ok: false,
      error: expect.stringMatching(/^line 2: effective_from/),
    });
    expect(parsePriceCsv("a,2026-11-01,-1,2,3,4,5")).toMatchObject({ ok: false });
  });

  it("stores the admin's rows after the shipped ones: a later row overrides, a new model gets a price", async () => {
    const parsed = parsePriceCsv("claude-sonnet-4-5,2026-12-01,9,9,9,9,9\nacme-coder,2026-01-01,1,1,1,1,1");
    if (!parsed.ok) throw new Error(parsed.error);
    await saveCustomPriceRows({ db, rows: parsed.rows });
    expect(await getCustomPriceRows({ db })).toHaveLength(2);
    const rows = await getPriceRows({ db });
    expect(rows).toHaveLength(DEFAULT_PRICE_ROWS.length + 2);
    expect(findPrice(rows, "claude-sonnet-4-5-20250929", "2026-12-02")?.input).toBe(9);
    expect(findPrice(rows, "claude-sonnet-4-5-20250929", "2026-11-30")?.input).toBe(3);
    expect(findPrice(rows, "acme-coder", "2026-06-01")?.output).toBe(1);
    expect(priceRowsToCsv(await getCustomPriceRows({ db }))).toBe(
      "claude-sonnet-4-5,2026-12-01,9,9,9,9,9,added in Settings\nacme-coder,2026-01-01,1,1,1,1,1,added in Settings",
    );
  });
});
