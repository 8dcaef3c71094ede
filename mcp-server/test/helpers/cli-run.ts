/**
 * CLI test helpers: run the BUILT bin (`node dist/cli/main.js …`) as a child process in a temp folder, with
 * a private HOME (so install never touches the real user's configs) and an explicit AI_OUTPUT_DIR.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const CLI_BIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
export const CLI_PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Result of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh temp folder. */
export function cliTempDir(prefix = "ast-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A workspace: `cwd` (the project), `home` (HOME) and `data` (AI_OUTPUT_DIR), all fresh. */
export interface CliWorkspace {
  cwd: string;
  home: string;
  data: string;
  env: NodeJS.ProcessEnv;
}

/** Creates a workspace; `env` overrides are applied on top (undefined removes a variable). */
export function cliWorkspace(env: Record<string, string | undefined> = {}): CliWorkspace {
  const root = cliTempDir();
  const cwd = join(root, "my-project");
  const home = join(root, "home");
  const data = join(root, "data");
  for (const dir of [cwd, home]) mkdirSync(dir, { recursive: true });
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    TZ: "UTC",
    AI_OUTPUT_DIR: data,
    // A private git config: no user.name unless a test sets one.
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
    GIT_CONFIG_NOSYSTEM: "1",
    USER: "cli-test-user",
  };
  const merged: NodeJS.ProcessEnv = { ...base };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return { cwd, home, data, env: merged };
}

/** Runs `node dist/cli/main.js ...args` and resolves with the exit code and output (never rejects on exit ≠ 0). */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLI_BIN, ...args],
      {
        cwd: options.cwd,
        env: options.env,
        encoding: "utf8",
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(new Error(`${error.message}${error.killed ? " (killed: timeout)" : ""}\nstderr: ${stderr}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

const serviceResultSchema = z.strictObject({
  success: z.boolean(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});

/** Parses `--json` output as upstream's ServiceResult (no other keys allowed). */
export function parseServiceResult(stdout: string): z.infer<typeof serviceResultSchema> {
  return serviceResultSchema.parse(JSON.parse(stdout));
}

/** Reads and parses a JSON file. */
export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}
