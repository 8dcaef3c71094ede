/**
 * The working tree's git context at one moment (session start or end): repository id, branch, HEAD,
 * detached / shallow / an operation in progress — or why there is none. A handful of fast git calls
 * (refs and config only, never the object database at large), each time-limited.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { GitContext } from "../contract/git-schema.js";
import { formatIsoUtc } from "../service/clock.js";
import { normalizeRemoteUrl } from "./repository-id.js";
import { gitText, type RunGitOptions, runGit } from "./run-git.js";

/** Files git leaves in its folder while an operation is half-done (checked in this order). */
const OPERATION_MARKERS: ReadonlyArray<[string, NonNullable<GitContext["operation"]>]> = [
  ["rebase-merge", "rebase"],
  ["rebase-apply", "rebase"],
  ["MERGE_HEAD", "merge"],
  ["CHERRY_PICK_HEAD", "cherry_pick"],
  ["REVERT_HEAD", "revert"],
  ["BISECT_LOG", "bisect"],
];

/**
 * Reads the context of the repository containing `cwd`. Never throws: no repository, no git on PATH or a
 * failing git give `state` `no_repository`, `git_unavailable` or `error`.
 */
export async function captureGitContext(
  cwd: string,
  now: Date,
  options: RunGitOptions = {},
): Promise<GitContext> {
  const captured_at = formatIsoUtc(now);
  if (!insideWorkTree(cwd)) return { state: "no_repository", captured_at };
  const top = await runGit(cwd, ["rev-parse", "--absolute-git-dir", "--is-shallow-repository"], options);
  if (!top.ok) {
    if (top.reason === "not_installed") return { state: "git_unavailable", captured_at };
    if (top.reason === "failed" && /not a git repository/i.test(top.stderr))
      return { state: "no_repository", captured_at };
    return {
      state: "error",
      error: top.reason === "timeout" ? "git timed out" : firstLine(top.stderr),
      captured_at,
    };
  }
  const [gitDir = "", shallowText = ""] = top.stdout.split("\n");
  const shallow = shallowText.trim() === "true";
  const [branch, head, remotes] = await Promise.all([
    gitText(cwd, ["symbolic-ref", "-q", "--short", "HEAD"], options),
    gitText(cwd, ["rev-parse", "-q", "--verify", "HEAD^{commit}"], options),
    gitText(cwd, ["config", "--get-regexp", "^remote\\..*\\.url$"], options),
  ]);
  const headSha = head?.trim() || null;
  const id = await repositoryId(cwd, remotes ?? "", headSha, shallow, options);
  const operation =
    OPERATION_MARKERS.find(([marker]) => existsSync(join(gitDir.trim(), marker)))?.[1] ?? null;
  return {
    state: "ok",
    repository_id: id.id,
    repository_id_source: id.source,
    branch: branch?.trim() || null,
    head: headSha,
    detached: branch === null,
    shallow,
    operation,
    captured_at,
  };
}

/**
 * `origin`'s URL, else the first remote's, normalised; without a remote the root commit (the oldest
 * parentless commit reachable from HEAD) — except in a shallow clone, whose "root" is just where the
 * history was cut, so no stable id exists.
 */
async function repositoryId(
  cwd: string,
  remotes: string,
  head: string | null,
  shallow: boolean,
  options: RunGitOptions,
): Promise<{ id: string | null; source: GitContext["repository_id_source"] }> {
  const urls = new Map<string, string>();
  for (const line of remotes.split("\n")) {
    const m = /^remote\.(.+)\.url (.*)$/.exec(line.trim());
    if (m?.[1] && m[2] && !urls.has(m[1])) urls.set(m[1], m[2]);
  }
  const url = urls.get("origin") ?? urls.values().next().value;
  const normalised = url === undefined ? null : normalizeRemoteUrl(url);
  if (normalised) return { id: normalised, source: "remote" };
  if (head === null || shallow) return { id: null, source: null };
  const roots = await gitText(cwd, ["rev-list", "--max-parents=0", "HEAD"], options);
  const root = (roots ?? "").split("\n").filter(Boolean).sort()[0];
  return root ? { id: `root:${root}`, source: "root_commit" } : { id: null, source: null };
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.slice(0, 200) ?? "";
}

/**
 * False when no folder from `cwd` up holds a `.git` (and git is not pointed elsewhere by GIT_DIR /
 * GIT_WORK_TREE): then there is no work tree and no git process is started. Starting one forks the
 * recorder (its cost grows with the recorder's memory) after every start and end, which the next call pays.
 */
function insideWorkTree(cwd: string): boolean {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE) return true;
  for (let dir = resolve(cwd); ; ) {
    if (existsSync(join(dir, ".git"))) return true;
    const up = dirname(dir);
    if (up === dir) return false;
    dir = up;
  }
}
