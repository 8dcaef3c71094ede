/**
 * A real stdio session: the built server, driven by the SDK client, extracts the agents' token usage into
 * usage.json when the agent ends its session — after the reply — and not at all with AI_TRACKER_USAGE=off.
 * And the `usage` command does the same extraction from the shell.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseUsageFile } from "../src/contract/index.js";
import { claudeAssistant, claudeFile, codex, codexFile, writeLines } from "./helpers/agent-logs.js";
import { runCli } from "./helpers/cli-run.js";
import { serverPool, textOf } from "./helpers/mcp-harness.js";

const pool = serverPool();
afterEach(() => pool.closeAll());

function workspace() {
  const root = mkdtempSync(join(tmpdir(), "ast-usage-mcp-"));
  const project = join(root, "shop");
  const data = join(root, "data");
  const claude = join(root, "claude");
  const codexHome = join(root, "codex");
  mkdirSync(project, { recursive: true });
  const sid = "77777777-2222-4333-8444-555555555555";
  const at = (i: number) => `2026-11-30T09:0${i}:00.000Z`;
  const lines = [1, 1, 2].map((i, n) =>
    claudeAssistant({
      sessionId: sid,
      cwd: project,
      model: "claude-opus-4-5-20251101",
      timestamp: at(i + n),
      messageId: `msg_${i}`,
      requestId: `req_${i}`,
      usage: { input: 100 * i, output: 10 * i, write5m: 0, write1h: 50, read: 1000 },
    }),
  );
  writeLines(claudeFile(claude, project, sid), lines);
  const cid = "0199ffff-bbbb-7ccc-8ddd-eeeeeeeeeeee";
  writeLines(codexFile(codexHome, "2026-11-30T10:00:00Z", cid), [
    codex.meta({ id: cid, cwd: project, timestamp: "2026-11-30T10:00:00.000Z" }),
    codex.turn({ model: "gpt-5-codex", cwd: project, timestamp: "2026-11-30T10:00:01.000Z" }),
    codex.tokens({
      timestamp: "2026-11-30T10:00:05.000Z",
      total: [400, 100, 30, 10],
      last: [400, 100, 30, 10],
    }),
  ]);
  return { project, data, env: { CLAUDE_CONFIG_DIR: claude, CODEX_HOME: codexHome } };
}

async function untilExists(path: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (existsSync(path)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return existsSync(path);
}

const startArgs = {
  session_name: "Fix checkout",
  task_type: "debugging",
  model_name: "claude-opus-4-5",
  human_time_estimate_minutes: 30,
  estimate_source: "manual",
};

describe("usage extraction at session end (stdio)", () => {
  it("ending a session writes usage.json with the conversation's tokens; numbers only", async () => {
    const w = workspace();
    const s = await pool.start({ outputDir: w.data, cwd: w.project, env: w.env });
    const started = await s.call("start_ai_session", startArgs);
    const id = (started.structuredContent as { session_id: string }).session_id;
    expect(existsSync(join(w.data, "usage.json"))).toBe(false);
    const ended = await s.call("end_ai_session", { session_id: id, outcome: "success" });
    expect(textOf(ended)).toContain("Session Ended");
    expect(await untilExists(join(w.data, "usage.json"), 10_000)).toBe(true);
    const { records, skipped } = parseUsageFile(JSON.parse(readFileSync(join(w.data, "usage.json"), "utf8")));
    expect(skipped).toEqual([]);
    const opus = records.find((r) => r.agent === "claude-code");
    // msg_1 streams twice (counted once), msg_2 once: 100 + 200 input, 10 + 20 output, 50 + 50 1-hour writes.
    expect(opus).toMatchObject({
      project: "shop",
      requests: 2,
      input_tokens: 300,
      output_tokens: 30,
      cache_write_1h_tokens: 100,
      cache_read_tokens: 2000,
    });
    expect(records.find((r) => r.agent === "codex")).toMatchObject({
      model: "gpt-5-codex",
      input_tokens: 300,
      cache_read_tokens: 100,
      output_tokens: 30,
    });
    expect(readFileSync(join(w.data, "usage.json"), "utf8")).not.toMatch(/SECRET/);
  });

  it("AI_TRACKER_USAGE=off: the session ends as usual and nothing is extracted", async () => {
    const w = workspace();
    const s = await pool.start({
      outputDir: w.data,
      cwd: w.project,
      env: { ...w.env, AI_TRACKER_USAGE: "off" },
    });
    const started = await s.call("start_ai_session", startArgs);
    const id = (started.structuredContent as { session_id: string }).session_id;
    await s.call("end_ai_session", { session_id: id, outcome: "success" });
    // A later call is answered after any extraction would have been scheduled (it runs after the reply).
    await s.call("get_active_sessions", {});
    expect(await untilExists(join(w.data, "usage.json"), 1_500)).toBe(false);
  });
});

describe("ai-session-tracker usage", () => {
  it("extracts into the data folder; a second run adds nothing", async () => {
    const w = workspace();
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: join(w.project, "..", "home"),
      TZ: "UTC",
      AI_OUTPUT_DIR: w.data,
      ...w.env,
    };
    const first = await runCli(["usage", "--json"], { cwd: w.project, env });
    expect(first.code).toBe(0);
    const data = (JSON.parse(first.stdout) as { data: Record<string, unknown> }).data;
    expect(data).toMatchObject({ requests_added: 3, records: 2, unpriced_models: [] });
    const second = await runCli(["usage", "--json"], { cwd: w.project, env });
    expect((JSON.parse(second.stdout) as { data: Record<string, unknown> }).data).toMatchObject({
      requests_added: 0,
      records: 2,
    });
  });
});
