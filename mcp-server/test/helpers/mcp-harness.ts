/**
 * Test harness: runs the BUILT server (`dist/cli/main.js server`) as a child process and drives it
 * with the SDK Client over StdioClientTransport — the same path an IDE takes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

export const BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
/** Upstream's real files, copied into the repository (test/fixtures/upstream). */
export const fixturesDir = (name: string) =>
  fileURLToPath(new URL(`../fixtures/upstream/${name}`, import.meta.url));

/** A fresh temp folder. */
export function tempDir(prefix = "ast-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies an upstream fixture folder's JSON files into a fresh output dir. */
export function copyFixture(name: string): string {
  const dir = tempDir(`ast-${name}-`);
  cpSync(fixturesDir(name), dir, {
    recursive: true,
    filter: (src) => !src.endsWith(".py") && !src.includes("transcript"),
  });
  return dir;
}

export interface ServerHandle {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  pid: number;
  call(name: string, args?: Record<string, unknown> | null): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** Starts a server process on `outputDir` and connects an SDK client to it. */
export async function startServer(opts: {
  outputDir: string;
  cwd?: string;
  env?: Record<string, string>;
  args?: string[];
}): Promise<ServerHandle> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "server", ...(opts.args ?? [])],
    cwd: opts.cwd ?? opts.outputDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      TZ: "UTC",
      AI_OUTPUT_DIR: opts.outputDir,
      ...opts.env,
    },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error("server did not start");
  return {
    client,
    transport,
    pid,
    stderr: () => stderr,
    // biome-ignore lint/suspicious/noExplicitAny: tests deliberately send malformed arguments
    call: (name, args) => client.callTool({ name, arguments: args as any }) as Promise<CallToolResult>,
    close: () => client.close(),
  };
}

/**
 * Servers a test file starts, to close after each test: `const pool = serverPool();` then
 * `afterEach(() => pool.closeAll())`, and `pool.start(opts)` in the tests.
 */
export function serverPool() {
  let started: ServerHandle[] = [];
  return {
    async start(opts: Parameters<typeof startServer>[0]): Promise<ServerHandle> {
      const server = await startServer(opts);
      started.push(server);
      return server;
    },
    async closeAll(): Promise<void> {
      const closing = started;
      started = [];
      await Promise.all(closing.map((s) => s.close()));
    },
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === "text" ? first.text : "";
}

/** Reads and parses a JSON file. */
export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Resolves when the child exits. */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

/** Spawns the server raw (no SDK) for line-level protocol tests. */
export function spawnRawServer(outputDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, "server"], {
    cwd: outputDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      TZ: "UTC",
      AI_OUTPUT_DIR: outputDir,
      ...env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const waiters: Array<() => void> = [];
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
    for (const w of waiters.splice(0)) w();
  });
  /** Sends one raw line and resolves with the next reply line. */
  async function send(line: string): Promise<Record<string, unknown>> {
    const before = out.split("\n").filter(Boolean).length;
    child.stdin.write(`${line}\n`);
    for (;;) {
      const lines = out.split("\n").filter(Boolean);
      if (lines.length > before) {
        const reply: unknown = JSON.parse(lines[before] ?? "null");
        if (reply && typeof reply === "object" && !Array.isArray(reply))
          return reply as Record<string, unknown>;
        throw new Error(`unexpected reply ${lines[before]}`);
      }
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no reply to ${line}; stdout so far: ${out}`)), 10_000);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
  return { child, send, output: () => out, errors: () => err };
}
