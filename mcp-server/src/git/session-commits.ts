/**
 * The commits the local user made during a session: authored by git's current identity
 * (`git var GIT_AUTHOR_IDENT`, what `git commit` would use), author time between session start and end,
 * reachable from HEAD or a local branch. Merge commits are left out (they carry no work of their own).
 * Copies made by a rebase during the session keep their author time and count once, under the sha that
 * is reachable at the end.
 */
import type { SessionCommit } from "../contract/git-schema.js";
import { gitText, patchIds, type RunGitOptions } from "./run-git.js";

/** At most this many commits per session (a bound on work and record size, far above a real session). */
export const MAX_SESSION_COMMITS = 500;
/** Git stores whole seconds; a commit made in the session's last second must still count. */
const END_SLACK_MS = 1_000;

const RECORD = "\x1e";
const FIELD = "\x1f";

/** A session's commits and what is known about them as a whole. */
export interface SessionCommits {
  commits: SessionCommit[];
  /** Patch id of the whole run when the commits form one linear chain of ≥ 2 (to find a squash merge). */
  rangePatchId: string | null;
  /** More than {@link MAX_SESSION_COMMITS} matched. */
  truncated: boolean;
}

/** Lists the session's commits (oldest first) with their diff stats and patch ids. */
export async function listSessionCommits(
  cwd: string,
  window: { start: Date; end: Date },
  subjects: "keep" | "withhold",
  withhold: (text: string) => { chars: number; sha256: string },
  options: RunGitOptions = {},
): Promise<SessionCommits> {
  const ident = await gitText(cwd, ["var", "GIT_AUTHOR_IDENT"], options);
  const email = /<([^>]*)>/.exec(ident ?? "")?.[1]?.toLowerCase();
  const none = { commits: [], rangePatchId: null, truncated: false };
  if (email === undefined) return none;
  const startSec = Math.floor(window.start.getTime() / 1000);
  const endMs = window.end.getTime() + END_SLACK_MS;
  const log = await gitText(
    cwd,
    [
      "log",
      "HEAD",
      "--branches",
      "--no-merges",
      "--topo-order",
      "--no-renames",
      // --since filters on committer time, which is never earlier than author time.
      `--since=@${startSec}`,
      `--format=${RECORD}%H${FIELD}%P${FIELD}%ae${FIELD}%aI${FIELD}%s`,
      "--numstat",
    ],
    options,
  );
  if (log === null) return none;
  const found: Array<SessionCommit & { parents: string[] }> = [];
  for (const chunk of log.split(RECORD)) {
    const [header = "", ...stat] = chunk.split("\n");
    const [sha, parents, author, authoredAt, subject] = header.split(FIELD);
    if (!sha || authoredAt === undefined || author?.toLowerCase() !== email) continue;
    const at = Date.parse(authoredAt);
    if (!(at >= startSec * 1000 && at <= endMs)) continue;
    let files = 0;
    let added = 0;
    let removed = 0;
    for (const line of stat) {
      const [a, r, path] = line.split("\t");
      if (path === undefined) continue;
      files++;
      // Binary files show "-": a changed file without line counts.
      added += Number(a) || 0;
      removed += Number(r) || 0;
    }
    const text = subject ?? "";
    found.push({
      sha,
      parents: (parents ?? "").split(" ").filter(Boolean),
      committed_at: authoredAt,
      files_changed: files,
      lines_added: added,
      lines_removed: removed,
      ...(subjects === "keep" ? { subject: text } : { subject_withheld: withhold(text) }),
    });
  }
  const truncated = found.length > MAX_SESSION_COMMITS;
  // git log lists newest first; the record keeps them oldest first.
  const chosen = found.slice(0, MAX_SESSION_COMMITS).reverse();
  const ids =
    chosen.length === 0
      ? new Map<string, string>()
      : await patchIds(
          cwd,
          ["show", "--no-color", "--no-ext-diff", "--format=commit %H", ...chosen.map((c) => c.sha)],
          options,
        );
  const commits = chosen.map(({ parents: _parents, ...c }) => ({ ...c, patch_id: ids.get(c.sha) ?? null }));
  return { commits, rangePatchId: await rangePatchId(cwd, chosen, options), truncated };
}

/** Patch id of `first^..last` when each commit's only parent is the one before it. */
async function rangePatchId(
  cwd: string,
  chain: ReadonlyArray<{ sha: string; parents: string[] }>,
  options: RunGitOptions,
): Promise<string | null> {
  const first = chain[0];
  const last = chain.at(-1);
  if (!first || !last || chain.length < 2 || first.parents.length !== 1) return null;
  for (let i = 1; i < chain.length; i++) {
    const c = chain[i];
    if (c?.parents.length !== 1 || c.parents[0] !== chain[i - 1]?.sha) return null;
  }
  const diff = await gitText(
    cwd,
    ["diff", "--no-color", "--no-ext-diff", first.parents[0] ?? "", last.sha],
    options,
  );
  if (diff === null || diff.trim() === "") return null;
  const out = await gitText(cwd, ["patch-id", "--stable"], { ...options, input: diff });
  return out?.trim().split(" ")[0] || null;
}
