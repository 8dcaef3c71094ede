/**
 * Default `developer` and `project` for a session when the caller sends none.
 *
 * Upstream only *tells* the agent how to resolve them (git user name, `.ai_sessions.yaml`, folder name) and
 * its CLI promises defaults it never computes, so many upstream records carry "". We resolve them here, once
 * per process, with the same precedence the upstream instructions describe.
 */
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** Where the developer name came from: `git config user.name`, or the operating-system user. */
export type DeveloperSource = "git" | "os-user";
/** Where the project name came from: `project:` in `.ai_sessions.yaml`, or the working folder's name. */
export type ProjectSource = "ai_sessions.yaml" | "folder";

/** The resolved identity defaults. `warnings` explain a fallback the user may want to fix (log to stderr). */
export interface ResolvedIdentity {
  developer: string;
  project: string;
  developerSource: DeveloperSource;
  projectSource: ProjectSource;
  /** e.g. an `.ai_sessions.yaml` that is not valid YAML or has no usable `project:`. */
  warnings: string[];
}

/** Name of the per-project file that `install` writes and that holds `project: <name>`. */
export const PROJECT_FILE_NAME = ".ai_sessions.yaml";

/** `git config` must never stall a tool call: an unreachable credential helper or NFS home can hang. */
const GIT_TIMEOUT_MS = 3_000;

const projectFileSchema = z
  .object(
    {
      project: z
        .union([z.string(), z.number()], {
          error: (issue) => (issue.input === undefined ? "no `project:` key" : "`project:` must be a string"),
        })
        .transform((value) => String(value).trim())
        .pipe(z.string().min(1, { error: "`project:` is empty" })),
    },
    { error: "the file must be a YAML mapping with a `project:` key" },
  )
  .loose();

/**
 * Resolves the default developer and project for sessions started from `cwd`.
 *
 * - developer: `git config user.name` run in `cwd` (no shell, 3 s timeout, a missing git is tolerated), else
 *   `env.USER` / `env.USERNAME`, else `os.userInfo().username`, else `"unknown"`.
 * - project: `project:` of the `.ai_sessions.yaml` in `cwd` or its nearest parent up to the git root (only `cwd`
 *   itself outside a git work tree), else the base name of `cwd`.
 *
 * Never throws: every failure falls back to the next source.
 */
export async function resolveIdentity(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
}): Promise<ResolvedIdentity> {
  const cwd = path.resolve(options.cwd);
  const warnings: string[] = [];
  const [gitUser, projectFromFile] = await Promise.all([
    readGitUserName(cwd, options.env),
    readProjectFile(cwd, warnings),
  ]);

  const developer = gitUser ?? osUserName(options.env);
  return {
    developer: developer,
    developerSource: gitUser === null ? "os-user" : "git",
    project: projectFromFile ?? (path.basename(cwd) || cwd),
    projectSource: projectFromFile === null ? "folder" : "ai_sessions.yaml",
    warnings,
  };
}

function readGitUserName(cwd: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["config", "user.name"],
      { cwd, env, timeout: GIT_TIMEOUT_MS, windowsHide: true, encoding: "utf8" },
      (error, stdout) => {
        // Exit 1 = no user.name configured; ENOENT = git not installed; both mean "ask the OS".
        const name = error ? "" : stdout.trim();
        resolve(name === "" ? null : name);
      },
    );
  });
}

function osUserName(env: NodeJS.ProcessEnv): string {
  const fromEnv = (env.USER ?? env.USERNAME ?? "").trim();
  if (fromEnv !== "") return fromEnv;
  try {
    const name = os.userInfo().username.trim();
    if (name !== "") return name;
  } catch {
    // os.userInfo() throws when the uid has no passwd entry (e.g. some containers); "unknown" follows.
  }
  return "unknown";
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Folders searched for `.ai_sessions.yaml`, nearest first: `cwd` up to the git root, or `cwd` alone. */
async function searchFolders(cwd: string): Promise<string[]> {
  const chain: string[] = [];
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    chain.push(dir);
    // `.git` is a folder in a clone and a file in a worktree or submodule.
    if (await exists(path.join(dir, ".git"))) return chain;
    if (path.dirname(dir) === dir) return [cwd];
  }
}

/**
 * The nearest readable `.ai_sessions.yaml` (searched as for `project:`) and its text, or null. The CLI
 * reads the team's `output_dir:` from the same file.
 */
export async function readNearestProjectFile(cwd: string): Promise<{ file: string; text: string } | null> {
  for (const dir of await searchFolders(cwd)) {
    const file = path.join(dir, PROJECT_FILE_NAME);
    try {
      return { file, text: await readFile(file, "utf8") };
    } catch {
      // not here (or unreadable): look one folder up
    }
  }
  return null;
}

async function readProjectFile(cwd: string, warnings: string[]): Promise<string | null> {
  const found = await readNearestProjectFile(cwd);
  if (found !== null) {
    const { file, text } = found;
    let document: unknown;
    try {
      document = parseYaml(text);
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
      warnings.push(`${file} is not valid YAML (${reason}); using the folder name`);
      return null;
    }
    const parsed = projectFileSchema.safeParse(document);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? "no `project:` key";
      warnings.push(`${file} has no usable \`project:\` (${reason}); using the folder name`);
      return null;
    }
    return parsed.data.project;
  }
  return null;
}
