/**
 * Child processes of the multi-instance tests (leadership, failover): spawned with tsx, their stdout
 * read as JSON lines, waited on by predicate, and killed (SIGKILL by default: the process dies without
 * cleaning up, like a crashed instance) at the end of the test.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** A spawned child and the JSON lines it printed so far. */
export interface LineChild {
  readonly process: ChildProcess;
  readonly lines: Record<string, unknown>[];
  /** Resolves with the first line (already printed or coming) that `pred` accepts; rejects after `timeoutMs`. */
  waitFor(
    pred: (line: Record<string, unknown>) => boolean,
    timeoutMs: number,
    what?: string,
  ): Promise<Record<string, unknown>>;
  /** Sends `signal` (default SIGKILL) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const live = new Set<LineChild>();

/** Runs `node --import tsx <script> ...args` from the repository root with `env` added. */
export function spawnLineChild(script: string, args: string[], env: Record<string, string> = {}): LineChild {
  const root = path.resolve(import.meta.dirname, "..");
  const proc = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let buffer = "";
  proc.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        continue; // not ours (a library printing to stdout)
      }
      for (const w of waiters) w();
    }
  });
  let stderr = "";
  proc.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
    if (process.env.CHILD_LOG) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const child: LineChild = {
    process: proc,
    lines,
    waitFor: (pred, timeoutMs, what = "a line") =>
      new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen++) {
            const line = lines[seen] as Record<string, unknown>;
            if (pred(line)) {
              done();
              resolve(line);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; child stderr:\n${stderr}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    kill: async (signal = "SIGKILL") => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
      live.delete(child);
    },
  };
  live.add(child);
  return child;
}

/** Kills every child still running (afterEach). */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...live].map((c) => c.kill("SIGKILL")));
}
