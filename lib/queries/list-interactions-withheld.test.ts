/**
 * The interactions list shows withheld text exactly as the session page does: "" plus its length, the
 * written text otherwise. The files are written by the real recorder (the built CLI) at each privacy level.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilters } from "@/lib/filters";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { recordSession } from "@/test-support/recorder-cli";
import { findSessionRowId } from "./find-session";
import { getSessionDetail } from "./get-session-detail";
import { interactionListParamsSchema, listInteractions } from "./list-interactions";

const PROMPT = "Rotate the staging key sk-live-0123456789 and tell nobody";
const SUMMARY = "Rotated; the old key is revoked";
const NOW = Date.UTC(2030, 0, 1);

let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

describe("interactions list: withheld text", () => {
  it("none / summary / full: the same prompt, summary and lengths as the session page", async () => {
    const ids = new Map<string, string>();
    for (const [dev, level] of [
      ["dana", "none"],
      ["erin", "summary"],
      ["fay", "full"],
    ] as const) {
      const dir = path.join(env.root, dev);
      mkdirSync(dir, { recursive: true });
      ids.set(
        dev,
        recordSession({
          dir,
          level,
          developer: dev,
          project: "ops",
          name: `Keys ${level}`,
          interactions: [{ prompt: PROMPT, summary: SUMMARY, rating: 3 }],
        }),
      );
    }
    await ingest(env, NOW);
    const list = await listInteractions({
      db: env.store,
      filters: parseFilters({ range: "all" }),
      nowMs: NOW,
      params: interactionListParamsSchema.parse({ sort: "developer", dir: "asc" }),
    });
    expect(list.rows.map((r) => r.developer)).toEqual(["dana", "erin", "fay"]);
    expect(JSON.stringify(list.rows.filter((r) => r.developer !== "fay"))).not.toContain("sk-live");
    expect(
      list.rows.map((r) => [r.prompt, r.promptWithheldChars, r.responseSummary, r.summaryWithheldChars]),
    ).toEqual([
      ["", [...PROMPT].length, "", [...SUMMARY].length],
      ["", [...PROMPT].length, SUMMARY, null],
      [PROMPT, null, SUMMARY, null],
    ]);
    for (const row of list.rows) {
      const id = await findSessionRowId({
        db: env.store,
        developer: row.developer,
        sessionId: row.sessionId,
      });
      expect(id).toBe(row.sessionRowId);
      const page = (await getSessionDetail({ db: env.store, id: id ?? 0 })).interactions[0];
      expect(page?.prompt).toBe(row.prompt);
      expect(page?.response_summary).toBe(row.responseSummary);
      expect(page?.promptWithheldChars ?? null).toBe(row.promptWithheldChars);
      expect(page?.summaryWithheldChars ?? null).toBe(row.summaryWithheldChars);
    }
    // Three recorder processes: slow on a loaded machine.
  }, 60_000);
});
