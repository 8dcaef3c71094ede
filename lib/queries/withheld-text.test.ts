/**
 * Text the recorder withheld (AI_TRACKER_PROMPTS=summary|none) reaches the session page as "withheld,
 * N characters", not as an empty prompt; counts and de-duplication do not depend on it. The files are
 * written by the real recorder (the built CLI), as a developer's machine would write them.
 */
import { cpSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { recordSession } from "@/test-support/recorder-cli";
import { detailOfSession } from "@/test-support/session-detail";

const PROMPT = "Refactor the billing job; the key is sk-live-0123456789 — keep it secret ✓";
const SUMMARY = "Split the job into three steps";
const NOW = Date.UTC(2030, 0, 1);

let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

/** Records one session with two interactions into `<root>/<dev>` through the CLI at `level`. */
async function record(dev: string, level: "full" | "summary" | "none"): Promise<string> {
  const dir = path.join(env.root, dev);
  mkdirSync(dir, { recursive: true });
  return recordSession({
    dir,
    level,
    developer: dev,
    project: "billing",
    name: `Billing ${level}`,
    interactions: [
      { prompt: PROMPT, summary: SUMMARY, rating: 4 },
      { prompt: `${PROMPT} again`, summary: SUMMARY, rating: 2 },
    ],
  });
}

const detailOf = async (env: StoreEnv, sessionId: string) => await detailOfSession(env, sessionId, NOW);

describe("withheld prompts and summaries", () => {
  it("none: the page gets each text's length instead of the text; counts are unchanged", async () => {
    const id = await record("dana", "none");
    expect(readFileSync(path.join(env.root, "dana", "interactions.json"), "utf8")).not.toContain("sk-live");
    await ingest(env, NOW);
    const d = await detailOf(env, id);
    expect(d.interactions).toHaveLength(2);
    expect(d.interactions[0]).toMatchObject({
      prompt: "",
      response_summary: "",
      promptWithheldChars: [...PROMPT].length,
      summaryWithheldChars: [...SUMMARY].length,
      effectiveness_rating: 4,
    });
    expect(d.interactions[1]?.promptWithheldChars).toBe([...PROMPT].length + " again".length);
  });

  it("summary: the prompt is withheld and the summary shown; full: both shown, no marker", async () => {
    const withheld = await record("erin", "summary");
    const full = await record("fay", "full");
    await ingest(env, NOW);
    const w = (await detailOf(env, withheld)).interactions[0];
    expect(w).toMatchObject({
      prompt: "",
      response_summary: SUMMARY,
      promptWithheldChars: [...PROMPT].length,
    });
    expect(w).not.toHaveProperty("summaryWithheldChars");
    const f = (await detailOf(env, full)).interactions[0];
    expect(f).toMatchObject({ prompt: PROMPT, response_summary: SUMMARY });
    expect(f).not.toHaveProperty("promptWithheldChars");
  });

  it("a synced copy of a withheld file adds no rows; two withheld prompts stay two rows", async () => {
    const id = await record("gus", "none");
    // A sync client's conflict copy of the same data.
    cpSync(
      path.join(env.root, "gus", "interactions.json"),
      path.join(env.root, "gus", "interactions (gus's conflicted copy).json"),
    );
    await ingest(env, NOW);
    expect((await detailOf(env, id)).interactions).toHaveLength(2);
    expect(await env.store.get("SELECT count(*) AS n FROM interactions")).toEqual({ n: 2 });
  });
});
