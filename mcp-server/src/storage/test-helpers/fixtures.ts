/** Shared helpers for the storage tests: temp folders, Python's json.dumps, child processes. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root (where tsx is installed). */
export const REPO_ROOT = resolve(here, "../../../..");
/** The child-process worker script. */
export const WORKER = join(here, "worker.ts");

/** A fresh temp folder; call the returned cleanup in afterEach. */
export function tempDir(prefix = "ast-storage-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Python's `json.dumps(json.loads(text), indent=2, ensure_ascii=True)`. */
export function pythonDumps(jsonText: string): string {
  return execFileSync(
    "python3",
    [
      "-c",
      "import json,sys; sys.stdout.write(json.dumps(json.loads(sys.stdin.read()), indent=2, ensure_ascii=True))",
    ],
    { input: jsonText, encoding: "utf8" },
  );
}

/** Spawns `node --import tsx worker.ts ...args` from the repository root. */
export function spawnWorker(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", WORKER, ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Resolves with the exit code and collected output of a child. */
export function finished(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((res) => {
    child.on("close", (code, signal) => res({ code, signal, stdout, stderr }));
  });
}

/** Resolves once the child's stdout contains `marker`. */
export function waitForOutput(child: ChildProcess, marker: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((res, rej) => {
    let seen = "";
    const timer = setTimeout(() => rej(new Error(`timed out waiting for ${marker}; got ${seen}`)), timeoutMs);
    child.stdout?.on("data", (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(marker)) {
        clearTimeout(timer);
        res();
      }
    });
  });
}
