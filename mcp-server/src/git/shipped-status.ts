/**
 * Shipped status of earlier sessions' commits, from local refs only (nothing is fetched): reached the
 * default branch — by ancestry (a merge commit or fast-forward), by an equal `git patch-id` (a rebase or
 * cherry-pick onto it), or by a squash commit whose patch id equals the session's whole run — or was
 * reverted (a later commit saying "This reverts commit <sha>", or whose patch is the commit's reversed),
 * or is still pending / unmerged after N days.
 */
import type { CommitShipped, SessionCommit } from "../contract/git-schema.js";
import { formatIsoUtc } from "../service/clock.js";
import { gitText, patchIds, type RunGitOptions } from "./run-git.js";

/** Days after session end that a commit not on the default branch stays `pending` before `unmerged`. */
export const DEFAULT_UNMERGED_DAYS = 14;
/** How far before the oldest session the default branch's history is read. */
const HISTORY_SLACK_MS = 24 * 3_600_000;

/** One earlier session to check. */
export interface SessionToCheck {
  id: string;
  startMs: number;
  endMs: number;
  commits: readonly SessionCommit[];
  rangePatchId: string | null;
}

/** The default branch's refs in this clone: local and origin's, of the name origin/HEAD names (else main, master). */
export async function defaultBranchRefs(cwd: string, options: RunGitOptions = {}): Promise<string[]> {
  const originHead = await gitText(cwd, ["symbolic-ref", "-q", "refs/remotes/origin/HEAD"], options);
  const named = originHead?.trim().replace(/^refs\/remotes\/origin\//, "");
  for (const name of named ? [named] : ["main", "master"]) {
    const refs = await gitText(
      cwd,
      ["for-each-ref", "--format=%(refname)", `refs/heads/${name}`, `refs/remotes/origin/${name}`],
      options,
    );
    const found = (refs ?? "").split("\n").filter(Boolean);
    if (found.length > 0) return found;
  }
  return [];
}

interface BranchCommit {
  sha: string;
  committedAt: string;
  body: string;
}

function parseLog(text: string | null): BranchCommit[] {
  const out: BranchCommit[] = [];
  for (const chunk of (text ?? "").split("\x1e")) {
    const [sha, committedAt, body = ""] = chunk.split("\x1f");
    if (sha?.trim() && committedAt) out.push({ sha: sha.trim(), committedAt, body });
  }
  return out;
}

/**
 * Computes each commit's shipped status. Returns, per session id, its commits with `shipped` set
 * (`checked_at` = now). Sessions whose commits are all reverted already are not passed in.
 */
export async function computeShippedStatus(
  cwd: string,
  sessions: readonly SessionToCheck[],
  now: Date,
  unmergedDays: number,
  options: RunGitOptions = {},
): Promise<Map<string, SessionCommit[]>> {
  const result = new Map<string, SessionCommit[]>();
  if (sessions.length === 0) return result;
  const checked_at = formatIsoUtc(now);
  const targets = await defaultBranchRefs(cwd, options);
  const sinceSec = Math.floor((Math.min(...sessions.map((s) => s.startMs)) - HISTORY_SLACK_MS) / 1000);
  const since = `--since=@${sinceSec}`;
  const format = "--format=%x1e%H%x1f%cI%x1f%B";
  const [onBranchText, firstParentText, allRefsText, existing] = await Promise.all([
    targets.length ? gitText(cwd, ["log", ...targets, since, format], options) : null,
    targets.length ? gitText(cwd, ["rev-list", "--first-parent", since, ...targets], options) : null,
    gitText(cwd, ["log", "--branches", "--remotes", "HEAD", since, format], options),
    existingShas(
      cwd,
      sessions.flatMap((s) => s.commits.map((c) => c.sha)),
      options,
    ),
  ]);
  const onBranch = parseLog(onBranchText);
  const onBranchBySha = new Map(onBranch.map((c) => [c.sha, c]));
  const firstParent = new Set((firstParentText ?? "").split("\n").filter(Boolean));
  const branchPatchIds = targets.length
    ? await patchIds(
        cwd,
        ["log", "-p", "--no-merges", "--no-color", "--no-ext-diff", "--format=commit %H", since, ...targets],
        options,
      )
    : new Map<string, string>();
  // patch id → the oldest default-branch commit carrying it (log lists newest first).
  const byPatchId = new Map<string, BranchCommit>();
  for (const c of onBranch) {
    const pid = branchPatchIds.get(c.sha);
    if (pid) byPatchId.set(pid, c);
  }
  const allCommits = parseLog(allRefsText);
  const reversed = existing.length
    ? await patchIds(
        cwd,
        ["show", "-R", "--no-color", "--no-ext-diff", "--format=commit %H", ...existing],
        options,
      )
    : new Map<string, string>();
  const allPatchIds = new Map<string, BranchCommit>();
  if (reversed.size > 0) {
    const ids = await patchIds(
      cwd,
      [
        "log",
        "-p",
        "--no-merges",
        "--no-color",
        "--no-ext-diff",
        "--format=commit %H",
        "--branches",
        "--remotes",
        "HEAD",
        since,
      ],
      options,
    );
    const bySha = new Map(allCommits.map((c) => [c.sha, c]));
    for (const [sha, pid] of ids) {
      const c = bySha.get(sha);
      if (c && !allPatchIds.has(pid)) allPatchIds.set(pid, c);
    }
  }
  const sessionsCommitTime = new Map(sessions.flatMap((s) => s.commits.map((c) => [c.sha, c.committed_at])));
  const revertOf = (sha: string): BranchCommit | undefined => {
    const said = allCommits.find((c) => c.sha !== sha && c.body.includes(`This reverts commit ${sha}`));
    if (said) return said;
    const pid = reversed.get(sha);
    const undo = pid ? allPatchIds.get(pid) : undefined;
    // Only a later commit undoes this one (an earlier commit with the reversed patch is what this one undid).
    const at = Date.parse(sessionsCommitTime.get(sha) ?? "");
    return undo && undo.sha !== sha && !(Date.parse(undo.committedAt) < at) ? undo : undefined;
  };

  for (const session of sessions) {
    const squash = session.rangePatchId ? byPatchId.get(session.rangePatchId) : undefined;
    const out: SessionCommit[] = [];
    for (const commit of session.commits) {
      let shipped: CommitShipped;
      const merged = await mergedBy(
        cwd,
        commit,
        onBranchBySha,
        firstParent,
        byPatchId,
        squash,
        targets,
        options,
      );
      const revert = revertOf(commit.sha) ?? (merged?.merge_sha ? revertOf(merged.merge_sha) : undefined);
      if (revert) {
        shipped = {
          status: "reverted",
          ...(merged ?? {}),
          reverted_by: revert.sha,
          reverted_at: revert.committedAt,
          checked_at,
        };
      } else if (merged) {
        shipped = { status: "merged", ...merged, checked_at };
      } else {
        const overdue = now.getTime() - session.endMs > unmergedDays * 86_400_000;
        shipped = { status: overdue ? "unmerged" : "pending", checked_at };
      }
      out.push({ ...commit, shipped });
    }
    result.set(session.id, out);
  }
  return result;
}

/** How the commit reached the default branch, or undefined when it has not. */
async function mergedBy(
  cwd: string,
  commit: SessionCommit,
  onBranch: ReadonlyMap<string, BranchCommit>,
  firstParent: ReadonlySet<string>,
  byPatchId: ReadonlyMap<string, BranchCommit>,
  squash: BranchCommit | undefined,
  targets: readonly string[],
  options: RunGitOptions,
): Promise<Pick<CommitShipped, "via" | "merged_at" | "merge_sha"> | undefined> {
  const own = onBranch.get(commit.sha);
  if (own) {
    if (firstParent.has(commit.sha))
      return { via: "ancestry", merged_at: own.committedAt, merge_sha: commit.sha };
    // Brought in by a merge: the oldest first-parent commit of the default branch that descends from it.
    for (const target of targets) {
      // (--first-parent would stop the ancestry walk before it reaches the commit: intersect instead.)
      const path = await gitText(
        cwd,
        ["rev-list", "--topo-order", "--ancestry-path", `${commit.sha}..${target}`],
        options,
      );
      const mergeSha = (path ?? "")
        .split("\n")
        .filter((sha) => firstParent.has(sha))
        .at(-1);
      const merge = mergeSha ? onBranch.get(mergeSha) : undefined;
      if (merge) return { via: "ancestry", merged_at: merge.committedAt, merge_sha: merge.sha };
    }
    return { via: "ancestry", merged_at: own.committedAt };
  }
  const copy = commit.patch_id ? byPatchId.get(commit.patch_id) : undefined;
  if (copy) return { via: "patch_id", merged_at: copy.committedAt, merge_sha: copy.sha };
  if (squash) return { via: "squash", merged_at: squash.committedAt, merge_sha: squash.sha };
  return undefined;
}

/** The shas still present in the repository (a rebased-away commit may have been collected). */
async function existingShas(cwd: string, shas: readonly string[], options: RunGitOptions): Promise<string[]> {
  if (shas.length === 0) return [];
  const out = await gitText(cwd, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    ...options,
    input: `${shas.join("\n")}\n`,
  });
  return (out ?? "")
    .split("\n")
    .map((l) => l.split(" "))
    .filter(([, type]) => type === "commit")
    .map(([sha]) => sha ?? "");
}
