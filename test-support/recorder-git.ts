/**
 * A developer's session recorded by the real recorder (the built CLI) inside a real git working tree:
 * start, a commit of the local user, end, then whatever git work the test wants and `outcomes` — as the
 * developer's machine would write the tracker folder.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../mcp-server/dist/cli/main.js", import.meta.url));

/** A working tree `repo` recording into `out`: `git(...)`, `cli(...)` and a timed `commit`. */
export function gitWorkspace(repo: string, out: string) {
  mkdirSync(repo, { recursive: true });
  mkdirSync(out, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    PATH: process.env.PATH,
    HOME: repo,
    TZ: "UTC",
    GIT_CONFIG_NOSYSTEM: "1",
    AI_OUTPUT_DIR: out,
  };
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repo, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [CLI, ...args], { cwd: repo, env, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "dev@example.com");
  git("config", "user.name", "Dev");
  writeFileSync(path.join(repo, "README.md"), "hello\n");
  git("add", ".");
  git("commit", "-q", "-m", "init", "--date", new Date(Date.now() - 3_600_000).toISOString());
  return {
    git,
    cli,
    /** Writes `file` and commits it now; returns the sha. */
    commit(file: string, text: string, message: string): string {
      writeFileSync(path.join(repo, file), text);
      git("add", file);
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD");
    },
    /** Starts a session (developer `dev`, project `p`) and returns its id. */
    start(name: string): string {
      const flags = {
        name,
        type: "code_generation",
        model: "m",
        mins: "30",
        source: "manual",
        developer: "dev",
        project: "p",
      };
      const out = cli("start", ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]), "--json");
      const id = (JSON.parse(out) as { data?: { session_id?: unknown } }).data?.session_id;
      if (typeof id !== "string") throw new Error(`no session started: ${out}`);
      return id;
    },
    end(id: string, outcome: "success" | "partial" | "failed"): void {
      cli("end", "--session-id", id, "--outcome", outcome);
    },
  };
}

/** Git times are whole seconds: waits past the current one so a commit falls inside a session. */
export function nextSecond(): void {
  const until = (Math.floor(Date.now() / 1000) + 1) * 1000 + 50;
  while (Date.now() < until) {
    // A busy wait of at most a second keeps the helper synchronous like the CLI calls around it.
  }
}
