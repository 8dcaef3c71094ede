/**
 * Protocol hygiene over a real stdio server: malformed params get -32602 with a readable message,
 * error texts carry one prefix, oversized text is refused by name, a cancelled call is not recorded,
 * and a start-up failure is one line and an exit code.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { exited, serverPool, spawnRawServer, tempDir, textOf } from "./helpers/mcp-harness.js";

const pool = serverPool();
const raw: Array<ReturnType<typeof spawnRawServer>> = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const r of raw.splice(0)) r.child.kill("SIGKILL");
  for (const c of children.splice(0)) c.kill("SIGKILL");
  await pool.closeAll();
});

const INIT = JSON.stringify({
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});
const START = {
  session_name: "Hygiene",
  task_type: "testing",
  model_name: "m",
  initial_estimate_minutes: 15,
  estimate_source: "manual",
};

async function rawServer() {
  const s = spawnRawServer(tempDir());
  raw.push(s);
  return s;
}
const sdkServer = (outputDir = tempDir()) => pool.start({ outputDir, env: { AI_TRACKER_PROMPTS: "full" } });
const errorOf = (reply: Record<string, unknown>) => reply.error as { code: number; message: string };

describe("malformed params", () => {
  it("initialize with missing or mistyped params answers -32602 naming the fields, not a zod dump", async () => {
    const s = await rawServer();
    const missing = errorOf(
      await s.send('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"foo":1}}'),
    );
    expect(missing.code).toBe(-32602);
    expect(missing.message).toBe(
      "Invalid params for initialize: params.protocolVersion is required (a string); params.capabilities is required (an object); params.clientInfo is required (an object)",
    );
    const array = errorOf(await s.send('{"jsonrpc":"2.0","id":2,"method":"initialize","params":[1]}'));
    expect(array).toEqual({
      code: -32602,
      message: "Invalid params for initialize: params must be a JSON object",
    });
    // The server still initialises afterwards.
    expect(await s.send(INIT)).toMatchObject({
      id: 0,
      result: { serverInfo: { name: "ai-session-tracker" } },
    });
  });

  it("tools/list with a mistyped cursor answers -32602", async () => {
    const s = await rawServer();
    await s.send(INIT);
    const reply = errorOf(
      await s.send('{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"cursor":5}}'),
    );
    expect(reply).toEqual({
      code: -32602,
      message: "Invalid params for tools/list: params.cursor must be a string",
    });
    const list = await s.send('{"jsonrpc":"2.0","id":4,"method":"tools/list"}');
    expect((list.result as { tools: unknown[] }).tools).toHaveLength(9);
  });

  it("an unknown tool's error carries one prefix (raw) and the SDK client adds exactly one", async () => {
    const s = await rawServer();
    await s.send(INIT);
    const reply = errorOf(
      await s.send('{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"nope","arguments":{}}}'),
    );
    expect(reply.code).toBe(-32602);
    expect(reply.message).toMatch(/^Unknown tool: nope\. Available tools: start_ai_session, /);

    const sdk = await sdkServer();
    const error = await sdk.call("nope", {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).message).toMatch(/^MCP error -32602: Unknown tool: nope\./);
    expect((error as McpError).message.match(/MCP error/g)).toHaveLength(1);
  });
});

describe("input limits", () => {
  it("refuses a 1 MB session_name by name and limit; get_active_sessions stays small", async () => {
    const s = await sdkServer();
    const huge = await s.call("start_ai_session", { ...START, session_name: "x".repeat(1024 * 1024) });
    expect(huge.isError).toBe(true);
    expect(textOf(huge)).toBe(
      "Invalid arguments for start_ai_session: session_name is too long (1,048,576 characters; the limit is 1,024)",
    );
    const active = await s.call("get_active_sessions", {});
    expect(JSON.stringify(active).length).toBeLessThan(1_000);
  });

  it("refuses a prompt over 64 KiB by name and limit, and takes one at the limit", async () => {
    const s = await sdkServer();
    const started = await s.call("start_ai_session", START);
    const id = (started.structuredContent as { session_id: string }).session_id;
    const log = (prompt: string) =>
      s.call("log_ai_interaction", {
        session_id: id,
        prompt,
        response_summary: "s",
        effectiveness_rating: 3,
      });
    const over = await log("p".repeat(65_537));
    expect(over.isError).toBe(true);
    expect(textOf(over)).toBe(
      "Invalid arguments for log_ai_interaction: prompt is too long (65,537 characters; the limit is 65,536)",
    );
    expect((await log("p".repeat(65_536))).isError).toBeFalsy();
  });

  it("says a missing enum field is required rather than listing its values as if it were wrong", async () => {
    const s = await sdkServer();
    const { task_type: _omit, ...noType } = START;
    const result = await s.call("start_ai_session", noType);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "Invalid arguments for start_ai_session: task_type is required (one of: analysis, architecture_planning, code_generation, debugging, documentation, human_review, planning, refactoring, testing)",
    );
    const bad = await s.call("start_ai_session", { ...START, task_type: "bug_fix" });
    expect(textOf(bad)).toContain("task_type must be one of: analysis,");
  });
});

const WORKER = fileURLToPath(new URL("../src/storage/test-helpers/worker.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Another process holding the folder lock until killed, like a second IDE window mid-write. */
async function holdLock(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, "hold", dir], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("locked")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  return child;
}

describe("cancellation", () => {
  it("a call cancelled before its write commits records nothing; the retry records once", async () => {
    const dir = tempDir();
    const s = await sdkServer(dir);
    const started = await s.call("start_ai_session", START);
    const id = (started.structuredContent as { session_id: string }).session_id;
    const holder = await holdLock(dir);

    const abort = new AbortController();
    const args = { session_id: id, prompt: "retried prompt", response_summary: "s", effectiveness_rating: 5 };
    const cancelled = s.client
      .callTool({ name: "log_ai_interaction", arguments: args }, undefined, { signal: abort.signal })
      .then(
        () => "answered",
        () => "rejected",
      );
    // The call is now waiting for the folder lock; the client gives up and says so.
    await new Promise((r) => setTimeout(r, 300));
    abort.abort("user pressed stop");
    expect(await cancelled).toBe("rejected");
    await new Promise((r) => setTimeout(r, 100));
    holder.kill("SIGKILL");

    const retry = await s.call("log_ai_interaction", args);
    expect(retry.isError).toBeFalsy();
    expect(retry.structuredContent).toMatchObject({ total_interactions: 1 });
    const logged = JSON.parse(readFileSync(join(dir, "interactions.json"), "utf8")) as unknown[];
    expect(logged).toHaveLength(1);
    expect(s.stderr()).not.toContain("internal error");
  });

  it("a cancel that arrives after the answer changes nothing: the record stays", async () => {
    const dir = tempDir();
    const s = await sdkServer(dir);
    const started = await s.call("start_ai_session", START);
    const id = (started.structuredContent as { session_id: string }).session_id;
    const args = { session_id: id, prompt: "p", response_summary: "s", effectiveness_rating: 5 };
    const done = await s.call("log_ai_interaction", args);
    expect(done.structuredContent).toMatchObject({ total_interactions: 1 });
    await s.client.notification({
      method: "notifications/cancelled",
      params: { requestId: 2, reason: "late" },
    });
    const next = await s.call("get_active_sessions", {});
    expect(next.isError).toBeFalsy();
    expect(JSON.parse(readFileSync(join(dir, "interactions.json"), "utf8"))).toHaveLength(1);
  });
});

describe("start-up failures", () => {
  it("an unwritable data folder is one line on stderr and exit code 1, no stack trace", async () => {
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "");
    const s = spawnRawServer(tempDir(), { AI_OUTPUT_DIR: join(file, "data") });
    raw.push(s);
    expect(await exited(s.child)).toBe(1);
    const lines = s.errors().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^ai-session-tracker: cannot record: Could not create the folder .*not-a-folder\/data: ENOTDIR.*\. Set AI_OUTPUT_DIR to a folder you can write to\.$/,
    );
  });
});
