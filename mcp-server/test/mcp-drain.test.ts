/**
 * End of input and stop signals drain the calls already read: every request read before stdin closed
 * (or before SIGTERM) gets its answer on stdout and its record on disk, then the process exits 0.
 * Over the built server as a real child process; the drain is a race, so each case runs several times.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireFolderLock, type HeldLock } from "../src/storage/lock.js";
import { exited, spawnRawServer, tempDir } from "./helpers/mcp-harness.js";

type Json = Record<string, unknown>;
type RawServer = ReturnType<typeof spawnRawServer>;

const raw: RawServer[] = [];
const locks: HeldLock[] = [];
afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
  for (const r of raw.splice(0)) if (r.child.exitCode === null) r.child.kill("SIGKILL");
});

function spawn(dir: string): RawServer {
  const server = spawnRawServer(dir);
  raw.push(server);
  return server;
}

const line = (message: Json) => `${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`;
const INIT = line({
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});
const INITIALIZED = line({ method: "notifications/initialized" });
const logRequest = (id: number, note: string) =>
  line({
    id,
    method: "tools/call",
    params: {
      name: "log_ai_request",
      arguments: { model: "gpt-4.1", request_type: "coding", tokens_in: 800, tokens_out: 200, note },
    },
  });
const startSession = (id: number, name: string) =>
  line({
    id,
    method: "tools/call",
    params: {
      name: "start_ai_session",
      arguments: {
        session_name: name,
        task_type: "debugging",
        model_name: "gpt-4.1",
        initial_estimate_minutes: 30,
        estimate_source: "manual",
        developer: "d",
        project: "p",
      },
    },
  });

/** The reply lines on stdout, by id. */
function repliesById(stdout: string): Map<unknown, Json> {
  const replies = new Map<unknown, Json>();
  for (const text of stdout.split("\n").filter(Boolean)) {
    const reply = JSON.parse(text) as Json;
    replies.set(reply.id, reply);
  }
  return replies;
}

const readJson = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(dir, file), "utf8"));
const requestNotes = (dir: string) => (readJson(dir, "requests.json") as Json[]).map((r) => r.note);
const sessionNames = (dir: string) =>
  Object.values(readJson(dir, "sessions.json") as Record<string, Json>).map((s) => s.session_name);

function expectAnswered(replies: Map<unknown, Json>, id: number) {
  const reply = replies.get(id);
  expect(reply, `no reply to id ${id}`).toBeDefined();
  expect(reply?.error, JSON.stringify(reply)).toBeUndefined();
  expect((reply?.result as Json | undefined)?.isError, JSON.stringify(reply)).toBeFalsy();
}

// Each case spawns a server, drives one shutdown path and checks the replies: alike in shape by design.
describe("stdin closed right after the calls", () => {
  const orders: Array<[string, (n: number) => string[]]> = [
    ["request then session", (n) => [logRequest(1, `req ${n}`), startSession(2, `Session ${n}`)]],
    ["session then request", (n) => [startSession(2, `Session ${n}`), logRequest(1, `req ${n}`)]],
  ];
  for (const [order, calls] of orders) {
    it(`answers and records every call read before EOF (${order}, 3 runs)`, async () => {
      for (let n = 0; n < 3; n++) {
        const dir = tempDir();
        const server = spawn(dir);
        // One write then EOF at once: the calls are still running when the input ends.
        server.child.stdin.end([INIT, INITIALIZED, ...calls(n)].join(""));
        expect(await exited(server.child), server.errors()).toBe(0);
        const replies = repliesById(server.output());
        expect(replies.get(0)).toMatchObject({ result: { serverInfo: { name: "ai-session-tracker" } } });
        expectAnswered(replies, 1);
        expectAnswered(replies, 2);
        expect(requestNotes(dir)).toEqual([`req ${n}`]);
        expect(sessionNames(dir)).toEqual([`Session ${n}`]);
      }
    });
  }

  it("answers a complete last line that has no newline", async () => {
    const dir = tempDir();
    const server = spawn(dir);
    server.child.stdin.end(INIT + INITIALIZED + logRequest(1, "unterminated").trimEnd());
    expect(await exited(server.child), server.errors()).toBe(0);
    expectAnswered(repliesById(server.output()), 1);
    expect(requestNotes(dir)).toEqual(["unterminated"]);
  });

  it("reports a cut-off last line as a parse error and exits 0", async () => {
    const dir = tempDir();
    const server = spawn(dir);
    server.child.stdin.end(`${INIT}${logRequest(1, "cut off").slice(0, 40)}`);
    expect(await exited(server.child), server.errors()).toBe(0);
    expect(server.errors()).toMatch(/last line.*no newline.*not valid JSON/i);
    expect(repliesById(server.output()).get(null)).toMatchObject({ error: { code: -32700 } });
  });
});

describe("a call the client cancelled before closing stdin", () => {
  it("is neither answered nor recorded (cancelled before its write), and the server waits for it before exiting", async () => {
    const dir = tempDir();
    const server = spawn(dir);
    await server.send(INIT.trimEnd());
    locks.push(await acquireFolderLock(dir, { timeoutMs: 5_000 }));
    server.child.stdin.end(
      logRequest(1, "cancelled") + line({ method: "notifications/cancelled", params: { requestId: 1 } }),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(server.child.exitCode, "exited while the cancelled call was still writing").toBeNull();
    locks.splice(0).forEach((lock) => {
      lock.release();
    });
    expect(await exited(server.child), server.errors()).toBe(0);
    expect(repliesById(server.output()).has(1)).toBe(false);
    // A client that cancels retries: the cancelled call must not leave a record too (mcp-hygiene.test.ts).
    expect(requestNotes(dir)).toEqual([]);
  });
});

describe("a stop signal while a call runs", () => {
  it("SIGTERM waits for the running call, answers it, records it and exits 0", async () => {
    const dir = tempDir();
    const server = spawn(dir);
    await server.send(INIT.trimEnd());
    // Holding the folder lock keeps the call waiting inside the server: it is running when SIGTERM lands.
    locks.push(await acquireFolderLock(dir, { timeoutMs: 5_000 }));
    server.child.stdin.write(INITIALIZED + logRequest(1, "during SIGTERM"));
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    expect(server.child.exitCode, "exited before the running call finished").toBeNull();
    locks.splice(0).forEach((lock) => {
      lock.release();
    });
    expect(await exited(server.child), server.errors()).toBe(0);
    expectAnswered(repliesById(server.output()), 1);
    expect(requestNotes(dir)).toEqual(["during SIGTERM"]);
  });

  it("SIGTERM gives up on a call that does not finish within the drain bound", async () => {
    const dir = tempDir();
    const server = spawn(dir);
    await server.send(INIT.trimEnd());
    locks.push(await acquireFolderLock(dir, { timeoutMs: 5_000 }));
    server.child.stdin.write(logRequest(1, "stuck"));
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    // The drain bound is 5 s; the lock wait alone would last 10 s.
    for (let i = 0; i < 200 && !/still running/.test(server.errors()); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(server.errors()).toMatch(/SIGTERM: 1 call\(s\) still running after 5000 ms/);
    expect(Date.now() - signalled).toBeLessThan(8_000);
    locks.splice(0).forEach((lock) => {
      lock.release();
    });
    expect(await exited(server.child), server.errors()).toBe(0);
  });

  it("SIGTERM during the end-of-input drain brings its deadline forward", async () => {
    const dir = tempDir();
    const server = spawn(dir);
    await server.send(INIT.trimEnd());
    locks.push(await acquireFolderLock(dir, { timeoutMs: 5_000 }));
    server.child.stdin.end(logRequest(1, "stuck at EOF"));
    await new Promise((r) => setTimeout(r, 300));
    expect(server.child.exitCode).toBeNull();
    server.child.kill("SIGTERM");
    for (let i = 0; i < 200 && !/still running/.test(server.errors()); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(server.errors()).toMatch(/SIGTERM: 1 call\(s\) still running after 5000 ms/);
    locks.splice(0).forEach((lock) => {
      lock.release();
    });
    expect(await exited(server.child), server.errors()).toBe(0);
  });
});
