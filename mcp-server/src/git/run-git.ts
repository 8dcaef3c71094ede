/**
 * Runs `git` in the working tree with a time limit. Never throws: the recorder records "no git" or
 * "git failed" and carries on, so the agent's call never fails because of git.
 */
import { execFile } from "node:child_process";

/** Per git call. Reading refs and logs of a normal repository takes milliseconds; a hung git must not stall us. */
export const GIT_TIMEOUT_MS = 5_000;
/** Output cap per call (a `git log --numstat` of a busy day stays far below it). */
const MAX_BUFFER = 32 * 1024 * 1024;

/** A git call's outcome: its stdout, or why there is none. */
export type GitResult =
  | { ok: true; stdout: string }
  | { ok: false; reason: "not_installed" | "timeout" | "failed"; exitCode: number | null; stderr: string };

/** Options of {@link runGit}. */
export interface RunGitOptions {
  /** Env for git (PATH decides which git runs); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Sent on git's stdin. */
  input?: string;
  timeoutMs?: number;
}

/**
 * `git -C cwd …args`. Git is told not to prompt, not to take optional locks (we only read, beside the
 * developer's own git commands) and to speak C-locale English so messages are predictable.
 */
export function runGit(
  cwd: string,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<GitResult> {
  const env = {
    ...(options.env ?? process.env),
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    LC_ALL: "C",
  };
  return new Promise((resolve) => {
    const child = execFile(
      "git",
      ["-C", cwd, ...args],
      { env, timeout: options.timeoutMs ?? GIT_TIMEOUT_MS, maxBuffer: MAX_BUFFER, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout });
        const code = (error as NodeJS.ErrnoException).code;
        const exitCode = typeof error.code === "number" ? error.code : null;
        if (code === "ENOENT") return resolve({ ok: false, reason: "not_installed", exitCode, stderr });
        if (error.killed) return resolve({ ok: false, reason: "timeout", exitCode, stderr });
        resolve({ ok: false, reason: "failed", exitCode, stderr: String(stderr) });
      },
    );
    child.on("error", () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

/** stdout of a successful call, else null. */
export async function gitText(
  cwd: string,
  args: readonly string[],
  options?: RunGitOptions,
): Promise<string | null> {
  const r = await runGit(cwd, args, options);
  return r.ok ? r.stdout : null;
}

/**
 * `git patch-id --stable` over the patches `patchArgs` prints (`git show …`), as commit sha → patch id.
 * Two processes, one after the other (the patch text is small for a session's commits).
 */
export async function patchIds(
  cwd: string,
  patchArgs: readonly string[],
  options?: RunGitOptions,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const patches = await gitText(cwd, patchArgs, options);
  if (patches === null || patches.trim() === "") return ids;
  const out = await gitText(cwd, ["patch-id", "--stable"], { ...options, input: patches });
  for (const line of (out ?? "").split("\n")) {
    const [patchId, commit] = line.trim().split(" ");
    if (patchId && commit) ids.set(commit, patchId);
  }
  return ids;
}
