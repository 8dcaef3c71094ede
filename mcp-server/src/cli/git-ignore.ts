/**
 * Asking git about a data folder: which work tree holds it and whether it is ignored there (git itself
 * answers, so `.gitignore` files at any level, `.git/info/exclude` and the global excludes all count), and
 * adding it to the work tree's `.gitignore`. Used by `install` (the recorder's files hold prompts and must
 * not be committed by accident) and `doctor`.
 */
import { execFile } from "node:child_process";
import { realpath } from "node:fs/promises";
import path from "node:path";
import type { FileChange } from "./install/files.js";
import { readIfExists, writeFileAtomic } from "./install/files.js";

/** `git` must never stall install or doctor (an NFS home, a credential helper). */
const GIT_TIMEOUT_MS = 5_000;

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      "git",
      args,
      { cwd, env, timeout: GIT_TIMEOUT_MS, windowsHide: true, encoding: "utf8" },
      (error, stdout) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout });
      },
    );
  });
}

/** The real path of `p`, through its nearest existing ancestor (the folder itself may not exist yet). */
export async function realPathOf(p: string): Promise<string> {
  const rest: string[] = [];
  for (let dir = path.resolve(p); ; dir = path.dirname(dir)) {
    try {
      return path.join(await realpath(dir), ...rest.reverse());
    } catch {
      if (path.dirname(dir) === dir) return path.resolve(p);
      rest.push(path.basename(dir));
    }
  }
}

/** The nearest existing folder at or above `p`. */
async function existingAncestor(p: string): Promise<string> {
  const real = await realPathOf(p);
  for (let dir = real; ; dir = path.dirname(dir)) {
    try {
      await realpath(dir);
      return dir;
    } catch {
      if (path.dirname(dir) === dir) return dir;
    }
  }
}

/** Where `folder` stands with git: the work tree that contains it (null if none) and whether it is ignored. */
export interface GitStatusOfFolder {
  /** Root of the work tree containing the folder, or null when it is in none. */
  root: string | null;
  /** The folder relative to `root`, with `/` separators ("" for the root itself). */
  relative: string;
  /** null when not in a work tree. */
  ignored: boolean | null;
}

/** Asks git which work tree holds `folder` and whether it ignores it (`git check-ignore`). */
export async function gitStatusOf(folder: string, env: NodeJS.ProcessEnv): Promise<GitStatusOfFolder> {
  const real = await realPathOf(folder);
  const top = await git(["rev-parse", "--show-toplevel"], await existingAncestor(real), env);
  if (top.code !== 0 || top.stdout.trim() === "") return { root: null, relative: "", ignored: null };
  const root = await realPathOf(top.stdout.trim());
  const relative = path.relative(root, real).split(path.sep).join("/");
  if (relative === "") return { root, relative, ignored: false };
  // The trailing slash tells git it is a folder, so folder-only patterns (`/.ai_sessions/`) match too.
  const check = await git(["check-ignore", "-q", "--", `${relative}/`], root, env);
  return { root, relative, ignored: check.code === 0 };
}

/**
 * Adds `/<folder>/` to the `.gitignore` at the root of the work tree that contains `folder`, when git does
 * not ignore it yet. Returns null when there is nothing to do (not in a work tree, the work tree's root
 * itself, already ignored).
 */
export async function ignoreFolder(folder: string, env: NodeJS.ProcessEnv): Promise<FileChange | null> {
  const status = await gitStatusOf(folder, env);
  if (status.root === null || status.relative === "" || status.ignored) return null;
  const file = path.join(status.root, ".gitignore");
  const before = await readIfExists(file);
  const separator = before === undefined || before === "" || before.endsWith("\n") ? "" : "\n";
  // Glob characters in a folder name are matched literally.
  const line = `/${status.relative.replace(/[*?[\\]/g, "\\$&")}/`;
  await writeFileAtomic(file, `${before ?? ""}${separator}${line}\n`);
  return {
    path: file,
    status: before === undefined ? "created" : "updated",
    notes: [`ignores ${line} so recorded sessions are not committed`],
  };
}
