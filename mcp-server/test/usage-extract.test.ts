/**
 * `extractUsage` over realistic Claude Code and Codex logs: streaming repeats counted once, cumulative
 * Codex counters differenced (repeats and resets), a truncated last line left for later, an unknown
 * model reported, other projects left out, a second run adding nothing, a deleted transcript's usage kept.
 * Every expected count is worked out by hand from the lines below.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseUsageFile, type UsageRecord } from "../src/contract/index.js";
import { extractUsage } from "../src/usage/extract.js";
import {
  appendRaw,
  type ClaudeUsage,
  claudeAssistant,
  claudeFile,
  claudeUser,
  codex,
  codexFile,
  writeLines,
} from "./helpers/agent-logs.js";

let root: string;
let project: string;
let other: string;
let claudeDir: string;
let codexHome: string;
let out: string;
let env: NodeJS.ProcessEnv;
const SONNET = "claude-sonnet-4-5-20250929";
const SID = "11111111-2222-4333-8444-555555555555";
const CODEX_ID = "0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee";

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ast-usage-"));
  project = join(root, "work", "payments-api");
  other = join(root, "work", "other-repo");
  claudeDir = join(root, "claude");
  codexHome = join(root, "codex");
  out = join(root, "data");
  for (const d of [project, other, out]) mkdirSync(d, { recursive: true });
  env = { CLAUDE_CONFIG_DIR: claudeDir, CODEX_HOME: codexHome };
});

const run = (projectDir: string | null = project) =>
  extractUsage({ outputDir: out, projectDir, env, home: join(root, "home"), log: () => {} });
const usage = (): UsageRecord[] => {
  const parsed = parseUsageFile(JSON.parse(readFileSync(join(out, "usage.json"), "utf8")));
  expect(parsed.skipped).toEqual([]);
  return parsed.records;
};
const find = (model: string, hour: string) => usage().find((r) => r.model === model && r.hour === hour);

function claudeLines(cwd = project, sid = SID) {
  const base = { sessionId: sid, cwd };
  // One assistant line of request `id` (message and request id both derived from it).
  const line = (timestamp: string, id: string, usage: ClaudeUsage, model = SONNET) =>
    claudeAssistant({ ...base, model, timestamp, messageId: `msg_${id}`, requestId: `req_${id}`, usage });
  return [
    claudeUser({ ...base, timestamp: "2026-11-30T10:05:00.000Z" }),
    // Message A streams as three lines; the usage of the first is not final yet (output 5 → 120).
    line("2026-11-30T10:05:03.000Z", "A", { input: 10, output: 5, write5m: 1000, read: 2000 }),
    line("2026-11-30T10:05:04.000Z", "A", { input: 10, output: 120, write5m: 1000, read: 2000 }),
    line("2026-11-30T10:05:05.000Z", "A", { input: 10, output: 120, write5m: 1000, read: 2000 }),
    // Message B: 1-hour cache writes beside 5-minute ones, the next hour.
    line("2026-11-30T11:00:10.000Z", "B", { input: 3, output: 50, write5m: 200, write1h: 300, read: 8000 }),
    // Message C: an older version without the split (all writes are 5-minute writes).
    line("2026-11-30T11:30:00.000Z", "C", { input: 7, output: 9, writeTotalOnly: 40, read: 100 }),
    // A model no price row knows.
    line("2026-11-30T11:31:00.000Z", "X", { input: 1, output: 2, read: 0 }, "claude-experimental-x"),
    // Claude Code's own placeholder messages are never billed.
    line("2026-11-30T11:32:00.000Z", "S", { input: 0, output: 0, read: 0 }, "<synthetic>"),
  ];
}

function codexLines(cwd = project, id = CODEX_ID) {
  const t = (mm: string) => `2026-11-30T14:${mm}:00.000Z`;
  return [
    codex.meta({ id, cwd, timestamp: t("00") }),
    codex.turn({ model: "gpt-5.1-codex", cwd, timestamp: t("01") }),
    codex.tokens({ timestamp: t("01"), total: null, last: null }),
    codex.message(t("02")),
    codex.tokens({ timestamp: t("02"), total: [1000, 200, 100, 40], last: [1000, 200, 100, 40] }),
    // Codex repeats the same event: the totals do not move, nothing is added.
    codex.tokens({ timestamp: t("02"), total: [1000, 200, 100, 40], last: [1000, 200, 100, 40] }),
    codex.tokens({ timestamp: t("10"), total: [3000, 1200, 250, 90], last: [2000, 1000, 150, 50] }),
    codex.turn({ model: "gpt-5.1-codex-max", cwd, timestamp: t("20") }),
    // Totals went down (a new context): the event's last_token_usage counts.
    codex.tokens({ timestamp: t("21"), total: [500, 0, 20, 0], last: [500, 0, 20, 0] }),
  ];
}

describe("extractUsage — Claude Code", () => {
  it("counts each message once (streaming repeats fold to the largest usage), splits cache writes, skips <synthetic>", async () => {
    writeLines(claudeFile(claudeDir, project, SID), claudeLines());
    const r = await run();
    expect(r.requestsAdded).toBe(4);
    expect(find("claude-sonnet-4-5-20250929", "2026-11-30T10:00:00Z")).toMatchObject({
      agent: "claude-code",
      agent_version: "2.0.31",
      conversation_id: SID,
      project: "payments-api",
      requests: 1,
      input_tokens: 10,
      output_tokens: 120,
      cache_write_5m_tokens: 1000,
      cache_write_1h_tokens: 0,
      cache_read_tokens: 2000,
      reasoning_output_tokens: 0,
      first_timestamp: "2026-11-30T10:05:03.000Z",
      last_timestamp: "2026-11-30T10:05:05.000Z",
    });
    expect(find("claude-sonnet-4-5-20250929", "2026-11-30T11:00:00Z")).toMatchObject({
      requests: 2,
      input_tokens: 10,
      output_tokens: 59,
      cache_write_5m_tokens: 240,
      cache_write_1h_tokens: 300,
      cache_read_tokens: 8100,
    });
    expect(usage().map((x) => x.model)).not.toContain("<synthetic>");
    expect(r.unpricedModels).toEqual(["claude-experimental-x"]);
    const text = readFileSync(join(out, "usage.json"), "utf8");
    expect(text).not.toMatch(/SECRET/);
    expect(text).not.toContain(project); // the folder's base name only
  });

  it("leaves a cut-off last line for the next run, which counts it once it is complete", async () => {
    const file = claudeFile(claudeDir, project, SID);
    writeLines(file, claudeLines().slice(0, 2));
    const late = claudeAssistant({
      sessionId: SID,
      cwd: project,
      model: "claude-sonnet-4-5-20250929",
      timestamp: "2026-11-30T10:40:00.000Z",
      messageId: "msg_L",
      requestId: "req_L",
      usage: { input: 5, output: 5, read: 5 },
    });
    appendRaw(file, late.slice(0, 60));
    const first = await run();
    expect(first).toMatchObject({ requestsAdded: 1, badLines: 0 });
    appendRaw(file, `${late.slice(60)}\n`);
    const second = await run();
    expect(second.requestsAdded).toBe(1);
    expect(find("claude-sonnet-4-5-20250929", "2026-11-30T10:00:00Z")).toMatchObject({
      requests: 2,
      input_tokens: 15,
      output_tokens: 10,
    });
  });

  it("a second run adds nothing and does not rewrite usage.json; only new lines are read", async () => {
    const file = claudeFile(claudeDir, project, SID);
    writeLines(file, claudeLines());
    await run();
    const before = readFileSync(join(out, "usage.json"), "utf8");
    const again = await run();
    expect(again).toMatchObject({ requestsAdded: 0, filesRead: 0, changed: false });
    expect(readFileSync(join(out, "usage.json"), "utf8")).toBe(before);
    // The last message streams one more line after the run: counted as a repeat, adding only its growth.
    appendRaw(
      file,
      `${claudeAssistant({ sessionId: SID, cwd: project, model: "claude-experimental-x", timestamp: "2026-11-30T11:31:09.000Z", messageId: "msg_X", requestId: "req_X", usage: { input: 1, output: 30, read: 0 } })}\n`,
    );
    const grown = await run();
    expect(grown).toMatchObject({ requestsAdded: 0, filesRead: 1, changed: true });
    expect(find("claude-experimental-x", "2026-11-30T11:00:00Z")).toMatchObject({
      requests: 1,
      output_tokens: 30,
    });
  });

  it("a resumed conversation's file repeating earlier messages counts them once", async () => {
    writeLines(claudeFile(claudeDir, project, SID), claudeLines());
    await run();
    const resumed = "99999999-2222-4333-8444-555555555555";
    writeLines(claudeFile(claudeDir, project, resumed), claudeLines(project, SID).slice(0, 5));
    const r = await run();
    expect(r.requestsAdded).toBe(0);
    expect(usage().reduce((n, x) => n + x.requests, 0)).toBe(4);
  });

  it("keeps what was extracted after Claude Code deletes the transcript", async () => {
    const file = claudeFile(claudeDir, project, SID);
    writeLines(file, claudeLines());
    await run();
    const before = usage();
    rmSync(file);
    const r = await run();
    expect(r.requestsAdded).toBe(0);
    expect(usage()).toEqual(before);
  });

  it("leaves other projects' conversations out unless every project is asked for", async () => {
    writeLines(
      claudeFile(claudeDir, other, "aaaaaaaa-2222-4333-8444-555555555555"),
      claudeLines(other, "aaaaaaaa-2222-4333-8444-555555555555"),
    );
    writeLines(codexFile(codexHome, "2026-11-30T14:00:00Z", CODEX_ID), codexLines(other));
    expect((await run()).records).toBe(0);
    const all = await run(null);
    expect(all.requestsAdded).toBe(4 + 3);
    expect(new Set(usage().map((x) => x.project))).toEqual(new Set(["other-repo"]));
  });
});

describe("extractUsage — Codex", () => {
  it("differences cumulative totals, ignores repeats, takes last_token_usage after a reset, splits cached input", async () => {
    writeLines(codexFile(codexHome, "2026-11-30T14:00:00Z", CODEX_ID), codexLines());
    const r = await run();
    expect(r.requestsAdded).toBe(3);
    // Same shape as the Claude Code expectation above on purpose: each agent's record worked out by hand.
    expect(find("gpt-5.1-codex", "2026-11-30T14:00:00Z")).toMatchObject({
      agent: "codex",
      agent_version: "0.63.0",
      conversation_id: CODEX_ID,
      project: "payments-api",
      requests: 2,
      input_tokens: 800 + 1000,
      cache_read_tokens: 200 + 1000,
      output_tokens: 100 + 150,
      reasoning_output_tokens: 40 + 50,
      cache_write_5m_tokens: 0,
      cache_write_1h_tokens: 0,
    });
    expect(find("gpt-5.1-codex-max", "2026-11-30T14:00:00Z")).toMatchObject({
      requests: 1,
      input_tokens: 500,
      output_tokens: 20,
    });
    expect(r.unpricedModels).toEqual([]);
  });

  it("carries the totals and model across runs: appended events are differenced against the last run's", async () => {
    const file = codexFile(codexHome, "2026-11-30T14:00:00Z", CODEX_ID);
    writeLines(file, codexLines().slice(0, 7));
    await run();
    appendRaw(
      file,
      `${codex.tokens({ timestamp: "2026-11-30T15:00:00.000Z", total: [3400, 1300, 300, 90], last: [400, 100, 50, 0] })}\n`,
    );
    const r = await run();
    expect(r.requestsAdded).toBe(1);
    expect(find("gpt-5.1-codex", "2026-11-30T15:00:00Z")).toMatchObject({
      input_tokens: 300,
      cache_read_tokens: 100,
      output_tokens: 50,
    });
  });
});

describe("extractUsage — the folder", () => {
  it("keeps another machine's records in a synced usage.json and writes its state per machine", async () => {
    const foreign = {
      agent: "codex",
      agent_version: "0.60.0",
      conversation_id: "from-the-laptop",
      project: "payments-api",
      model: "gpt-5",
      hour: "2026-11-29T09:00:00Z",
      first_timestamp: "2026-11-29T09:01:00.000Z",
      last_timestamp: "2026-11-29T09:02:00.000Z",
      requests: 1,
      input_tokens: 1,
      output_tokens: 1,
      cache_write_5m_tokens: 0,
      cache_write_1h_tokens: 0,
      cache_read_tokens: 0,
      reasoning_output_tokens: 0,
    };
    writeLines(join(out, "usage.json"), [JSON.stringify([foreign])]);
    writeLines(claudeFile(claudeDir, project, SID), claudeLines());
    await run();
    expect(usage().find((x) => x.conversation_id === "from-the-laptop")).toEqual(foreign);
    expect(readdirSync(out).filter((n) => n.startsWith(".usage-state-"))).toHaveLength(1);
  });

  it("two extractors at once count every request once", async () => {
    writeLines(claudeFile(claudeDir, project, SID), claudeLines());
    writeLines(codexFile(codexHome, "2026-11-30T14:00:00Z", CODEX_ID), codexLines());
    const [a, b] = await Promise.all([run(), run()]);
    expect((a?.requestsAdded ?? 0) + (b?.requestsAdded ?? 0)).toBe(7);
    expect(usage().reduce((n, x) => n + x.requests, 0)).toBe(7);
  });
});
