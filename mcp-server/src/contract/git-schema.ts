/**
 * The optional `git` field of a session record (ours, not upstream's): the working tree's git context at
 * session start and end, the commits the local user made during the session, and — updated by later runs
 * from local refs — whether each commit reached the default branch or was reverted. Upstream's reader
 * ignores keys it does not know, so files carrying it still load there and its report is unchanged.
 */
import { z } from "zod";

/** How the git context was read: `ok`, or why there is none (never an error for the agent). */
export const GIT_STATES = ["ok", "no_repository", "git_unavailable", "error"] as const;
/** See {@link GIT_STATES}. */
export type GitState = (typeof GIT_STATES)[number];

/** Where the repository id came from: the fetch URL of a remote (credentials stripped) or the root commit. */
export const REPOSITORY_ID_SOURCES = ["remote", "root_commit"] as const;

/** A git operation left half-done in the working tree when the context was read. */
export const GIT_OPERATIONS = ["rebase", "merge", "cherry_pick", "revert", "bisect"] as const;

/** Shipped status of one commit, from local refs. */
export const COMMIT_STATUSES = ["pending", "merged", "reverted", "unmerged"] as const;
/** `pending`: not on the default branch yet · `unmerged`: still not after N days. */
export type CommitStatus = (typeof COMMIT_STATUSES)[number];

/** How a merged commit reached the default branch. */
export const MERGE_VIAS = ["ancestry", "patch_id", "squash"] as const;

const isoText = z.string().min(1);
const sha = z.string().regex(/^[0-9a-f]{4,64}$/);

/** The working tree's git context at one moment. */
export const gitContextSchema = z.looseObject({
  state: z.enum(GIT_STATES),
  /** `host/owner/name` of the remote URL (no user, password or port), or `root:<sha>`; null when none. */
  repository_id: z.string().nullable().optional(),
  repository_id_source: z.enum(REPOSITORY_ID_SOURCES).nullable().optional(),
  /** Null on a detached HEAD. */
  branch: z.string().nullable().optional(),
  /** Null in a repository without commits. */
  head: sha.nullable().optional(),
  detached: z.boolean().optional(),
  shallow: z.boolean().optional(),
  operation: z.enum(GIT_OPERATIONS).nullable().optional(),
  /** Why `state` is `error` (a git message, a timeout). */
  error: z.string().optional(),
  captured_at: isoText,
});
/** See {@link gitContextSchema}. */
export type GitContext = z.infer<typeof gitContextSchema>;

/** Shipped status of one commit; `checked_at` is the last run that looked at the local refs. */
export const commitShippedSchema = z.looseObject({
  status: z.enum(COMMIT_STATUSES),
  via: z.enum(MERGE_VIAS).optional(),
  /** Committer time of the default-branch commit that brought it (the merge, the squash, the rebased copy). */
  merged_at: isoText.optional(),
  merge_sha: sha.optional(),
  reverted_by: sha.optional(),
  reverted_at: isoText.optional(),
  checked_at: isoText,
});
/** See {@link commitShippedSchema}. */
export type CommitShipped = z.infer<typeof commitShippedSchema>;

/** A commit the local user made during the session (author time inside the session). */
export const sessionCommitSchema = z.looseObject({
  sha,
  /** Author time, ISO-8601 with offset. */
  committed_at: isoText,
  files_changed: z.number().int().nonnegative(),
  lines_added: z.number().int().nonnegative(),
  lines_removed: z.number().int().nonnegative(),
  /** First line of the message; absent when AI_TRACKER_PROMPTS=none (then `subject_withheld`). */
  subject: z.string().optional(),
  subject_withheld: z.object({ chars: z.number(), sha256: z.string() }).optional(),
  /** `git patch-id --stable` of the commit's diff (finds rebased and cherry-picked copies). */
  patch_id: sha.nullable().optional(),
  shipped: commitShippedSchema.optional(),
});
/** See {@link sessionCommitSchema}. */
export type SessionCommit = z.infer<typeof sessionCommitSchema>;

/** The whole `git` field of a session record. */
export const sessionGitSchema = z.looseObject({
  start: gitContextSchema.optional(),
  end: gitContextSchema.optional(),
  commits: z.array(sessionCommitSchema).optional(),
  /** Patch id of the session's commits taken together (one linear run), to find a squash merge. */
  range_patch_id: sha.nullable().optional(),
  /** End HEAD does not contain start HEAD: a rebase, reset or branch switch during the session. */
  history_diverged: z.boolean().optional(),
  /** More commits matched than are kept (see MAX_SESSION_COMMITS). */
  commits_truncated: z.boolean().optional(),
  outcome_checked_at: isoText.optional(),
});
/** See {@link sessionGitSchema}. */
export type SessionGit = z.infer<typeof sessionGitSchema>;

/**
 * Reads a raw `git` value; undefined when absent or not in our shape (a damaged field never costs the
 * session, as with `token_stats`).
 */
export function normalizeSessionGit(raw: unknown): SessionGit | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parsed = sessionGitSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** A session's shipped outcome summarised from its commits. */
export const SESSION_SHIP_STATUSES = ["no_commits", "shipped", "reverted", "pending", "unmerged"] as const;
/** See {@link SESSION_SHIP_STATUSES}. */
export type SessionShipStatus = (typeof SESSION_SHIP_STATUSES)[number];

/** {@link summarizeSessionGit}'s result. Lines are added + removed of the commits counted. */
export interface SessionShipSummary {
  status: SessionShipStatus;
  commits: number;
  lines_changed: number;
  /** Lines (added + removed) of merged commits not reverted. */
  lines_shipped: number;
  /** Latest `merged_at` of the shipped commits: when the session's work had all reached the default branch. */
  merged_at: string | null;
}

/**
 * One status per session: `shipped` when any commit is merged and not reverted; `reverted` when commits
 * were merged or made and all of those were reverted; else `pending`/`unmerged` from the commits not yet
 * on the default branch (`unmerged` once any is past the N-day window); `no_commits` without commits.
 */
export function summarizeSessionGit(git: SessionGit | undefined): SessionShipSummary {
  const commits = git?.commits ?? [];
  let linesChanged = 0;
  let linesShipped = 0;
  let mergedAt: string | null = null;
  let shipped = 0;
  let reverted = 0;
  let unmerged = 0;
  for (const c of commits) {
    const lines = c.lines_added + c.lines_removed;
    linesChanged += lines;
    const status = c.shipped?.status ?? "pending";
    if (status === "merged") {
      shipped++;
      linesShipped += lines;
      const at = c.shipped?.merged_at;
      if (at && (mergedAt === null || Date.parse(at) > Date.parse(mergedAt))) mergedAt = at;
    } else if (status === "reverted") reverted++;
    else if (status === "unmerged") unmerged++;
  }
  const status: SessionShipStatus =
    commits.length === 0
      ? "no_commits"
      : shipped > 0
        ? "shipped"
        : reverted > 0 && reverted + unmerged === commits.length
          ? "reverted"
          : unmerged > 0
            ? "unmerged"
            : "pending";
  return {
    status,
    commits: commits.length,
    lines_changed: linesChanged,
    lines_shipped: linesShipped,
    merged_at: mergedAt,
  };
}
