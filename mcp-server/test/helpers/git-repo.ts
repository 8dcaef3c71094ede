/**
 * Real git repositories for the git-evidence tests: every command runs the real `git` with author and
 * committer time set, so a test knows each commit's time exactly (and therefore which session it falls in).
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The local user of every test repository. */
export const DEV_EMAIL = "dev@example.com";

/** Runs git in `dir` at time `at` (author and committer); returns trimmed stdout. */
export function git(dir: string, args: string[], at?: string, env: Record<string, string> = {}): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_EDITOR: "true",
      ...(at ? { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } : {}),
      ...env,
    },
  }).trim();
}

/** `git init -b main` with the local user configured and a first commit at `at`. */
export function initRepo(dir: string, at: string): void {
  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["config", "user.email", DEV_EMAIL]);
  git(dir, ["config", "user.name", "Dev"]);
  git(dir, ["config", "commit.gpgsign", "false"]);
  writeFileSync(join(dir, "README.md"), "line one\nline two\n");
  git(dir, ["add", "."]);
  git(dir, ["commit", "-q", "-m", "init"], at);
}

/**
 * Appends `lines` to `file` (or writes them when `replace`), commits at `at` with `message`; returns the
 * sha. `author` commits as someone else.
 */
export function commitFile(
  dir: string,
  file: string,
  lines: string[],
  message: string,
  at: string,
  options: { replace?: boolean; author?: string } = {},
): string {
  const text = `${lines.join("\n")}\n`;
  if (options.replace) writeFileSync(join(dir, file), text);
  else appendFileSync(join(dir, file), text);
  git(dir, ["add", file]);
  const env: Record<string, string> = options.author
    ? { GIT_AUTHOR_EMAIL: options.author, GIT_AUTHOR_NAME: "Other" }
    : {};
  git(dir, ["commit", "-q", "-m", message], at, env);
  return git(dir, ["rev-parse", "HEAD"]);
}

/** `start_ai_session` arguments of the git tests' sessions (the name varies). */
export function startArgs(session_name: string) {
  return {
    session_name,
    task_type: "code_generation",
    model_name: "m",
    initial_estimate_minutes: 30,
    estimate_source: "manual",
    developer: "dev",
    project: "p",
  };
}
