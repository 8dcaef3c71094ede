/**
 * AI_TRACKER_PROMPTS over a real stdio server: what of a prompt and a response summary reaches the
 * data folder (which teams sync to a shared place) at each level, and that counts and results do not
 * depend on it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  exited,
  fixturesDir,
  readJson,
  serverPool,
  spawnRawServer,
  tempDir,
  textOf,
} from "./helpers/mcp-harness.js";

const pool = serverPool();
afterEach(() => pool.closeAll());

const START = {
  session_name: "Privacy check",
  task_type: "debugging",
  model_name: "m",
  initial_estimate_minutes: 30,
  estimate_source: "manual",
};
const PROMPT = "PROMPT-TEXT: the customer's card 4111 1111 1111 1111 fails — é✓";
const SUMMARY = "SUMMARY-TEXT: found the Luhn check bug";
const sha16 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex").slice(0, 16);

/** Starts a server with the given level (undefined = unset), logs two interactions, returns the folder. */
async function logTwo(level: string | undefined) {
  const dir = tempDir();
  const s = await pool.start({
    outputDir: dir,
    env: level === undefined ? {} : { AI_TRACKER_PROMPTS: level },
  });
  const started = await s.call("start_ai_session", START);
  const id = (started.structuredContent as { session_id: string }).session_id;
  const first = await s.call("log_ai_interaction", {
    session_id: id,
    prompt: PROMPT,
    response_summary: SUMMARY,
    effectiveness_rating: 4,
  });
  const second = await s.call("log_ai_interaction", {
    session_id: id,
    prompt: `${PROMPT} (again)`,
    response_summary: SUMMARY,
    effectiveness_rating: 2,
  });
  const raw = readFileSync(join(dir, "interactions.json"), "utf8");
  const sessions = JSON.parse(readFileSync(join(dir, "sessions.json"), "utf8")) as Record<
    string,
    { total_interactions: number; avg_effectiveness: number }
  >;
  return {
    dir,
    raw,
    records: JSON.parse(raw) as Record<string, unknown>[],
    first,
    second,
    session: sessions[id],
  };
}

const withheld = (text: string) => ({ chars: [...text].length, sha256: sha16(text) });

describe("AI_TRACKER_PROMPTS", () => {
  it("full writes both texts verbatim, in upstream's record layout and nothing more", async () => {
    const { records } = await logTwo("full");
    expect(records[0]).toMatchObject({ prompt: PROMPT, response_summary: SUMMARY });
    // Upstream's own record (spec §2.8 run1) is the oracle of the layout.
    const [upstream] = readJson(join(fixturesDir("run1"), "interactions.json")) as object[];
    expect(Object.keys(records[0] ?? {})).toEqual(Object.keys(upstream ?? { missing: true }));
  });

  it("summary (the default) withholds the prompt, keeps the summary, and records the prompt's length and hash", async () => {
    for (const level of ["summary", undefined]) {
      const { raw, records, session, first } = await logTwo(level);
      expect(raw).not.toContain("PROMPT-TEXT");
      expect(raw).not.toContain("4111");
      expect(records[0]).toMatchObject({
        prompt: "",
        response_summary: SUMMARY,
        prompt_withheld: withheld(PROMPT),
      });
      expect(records[0]).not.toHaveProperty("response_summary_withheld");
      // Two prompts, two hashes: copies of one record stay one row, different records stay two.
      expect(records[1]).toMatchObject({ prompt_withheld: withheld(`${PROMPT} (again)`) });
      expect(session).toMatchObject({ total_interactions: 2, avg_effectiveness: 3 });
      expect(textOf(first)).toContain("Logged: ★★★★☆ (4/5)");
    }
  });

  it("none leaves no prompt or summary text in the file, only lengths and hashes", async () => {
    const { raw, records, session } = await logTwo("none");
    expect(raw).not.toContain("PROMPT-TEXT");
    expect(raw).not.toContain("SUMMARY-TEXT");
    expect(raw).not.toContain("Luhn");
    expect(records[0]).toMatchObject({
      prompt: "",
      response_summary: "",
      prompt_withheld: withheld(PROMPT),
      response_summary_withheld: withheld(SUMMARY),
    });
    // Upstream's reader requires the two keys (Interaction.from_dict uses data["prompt"]): they stay.
    expect(Object.keys(records[0] ?? {}).slice(0, 4)).toEqual([
      "session_id",
      "timestamp",
      "prompt",
      "response_summary",
    ]);
    expect(session).toMatchObject({ total_interactions: 2, avg_effectiveness: 3 });
  });

  it("refuses an unknown level at start-up with one clear line and exit code 2", async () => {
    const dir = tempDir();
    const child = spawnRawServer(dir, { AI_TRACKER_PROMPTS: "secret" });
    expect(await exited(child.child)).toBe(2);
    const err = child.errors();
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toContain('AI_TRACKER_PROMPTS must be one of full, summary, none (got "secret")');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
