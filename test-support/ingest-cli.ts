/**
 * The ingest CLI (`npm run scan` / `npm run watch`, lib/ingest/cli.ts) as a real child process with `env`
 * added (e.g. a TestStore's `portalEnv()`): run to its end, or started and watched through its stderr.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const live = new Set<ChildProcess>();

/** Kills (SIGKILL) every CLI child still running, and waits for them (afterEach). */
export async function stopAllClis(): Promise<void> {
  await Promise.all(
    [...live].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("close", () => resolve());
          c.kill("SIGKILL");
        }),
    ),
  );
  live.clear();
}

/** A running CLI process. */
export interface CliChild {
  readonly process: ChildProcess;
  /** Everything it wrote to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr matches `pattern`; rejects after `timeoutMs` or when the process ends first. */
  waitForStderr(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Resolves with the exit code (or 1 for a signal) once the process has ended. */
  readonly exited: Promise<number>;
}

/** Starts `tsx lib/ingest/cli.ts ...args` from the repository root with `env` added. */
export function startCli(args: string[], env: Record<string, string>): CliChild {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/ingest/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let out = "";
  let err = "";
  const waiters = new Set<() => void>();
  let ended = false;
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    for (const w of waiters) w();
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      ended = true;
      live.delete(child);
      resolve(code ?? 1);
      for (const w of waiters) w();
    });
  });
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const done = (e?: Error) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (e) reject(e);
          else resolve();
        };
        const check = () => {
          if (pattern.test(err)) done();
          else if (ended) done(new Error(`the CLI ended before ${pattern}; stderr:\n${err}`));
        };
        const timer = setTimeout(
          () => done(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}; stderr:\n${err}`)),
          timeoutMs,
        );
        waiters.add(check);
        check();
      }),
  };
}

/** Runs the CLI to its end; resolves with its exit code and output. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const c = startCli(args, env);
  const code = await c.exited;
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}
