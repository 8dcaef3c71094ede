/**
 * A session's git evidence for its page and API: the summary (shipped, reverted, pending, unmerged, no
 * commits), the context at start and end in words, each commit with its shipped status, and whether the
 * session's self-reported outcome disagrees with what git shows.
 */
import {
  type Session,
  type SessionGit,
  type SessionShipSummary,
  summarizeSessionGit,
} from "ai-session-tracker-mcp/contract";

/** Self-report vs git: `success` but nothing shipped (all reverted or unmerged), or `failed` yet shipped. */
export type OutcomeDisagreement = "success_not_shipped" | "failed_but_shipped";

/** One commit of the session as the page shows it. Times are ISO-8601 text as git wrote them. */
export interface SessionCommitView {
  sha: string;
  shortSha: string;
  committedAt: string;
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  /** Null when the recorder withheld it (AI_TRACKER_PROMPTS=none); then `subjectWithheldChars`. */
  subject: string | null;
  subjectWithheldChars: number | null;
  status: "pending" | "merged" | "reverted" | "unmerged";
  via: "ancestry" | "patch_id" | "squash" | null;
  mergedAt: string | null;
  mergeSha: string | null;
  revertedBy: string | null;
  revertedAt: string | null;
}

/** {@link sessionGitView}'s DTO. */
export interface SessionGitView {
  summary: SessionShipSummary;
  /** Repository id (`host/owner/name` or `root:<sha>`), null when none was found. */
  repository: string | null;
  branchStart: string | null;
  branchEnd: string | null;
  /** Things worth knowing about the evidence, in words (no repository, detached HEAD, a rebase, …). */
  notes: string[];
  commits: SessionCommitView[];
  /** When a later run last looked at the local refs; null when none has yet. */
  checkedAt: string | null;
  disagreement: OutcomeDisagreement | null;
}

const STATE_NOTES: Record<string, string> = {
  no_repository: "not in a git repository",
  git_unavailable: "git was not installed",
  error: "git could not be read",
};

function contextNotes(git: SessionGit): string[] {
  const notes = new Set<string>();
  for (const [when, c] of [
    ["start", git.start],
    ["end", git.end],
  ] as const) {
    if (!c) continue;
    const state = STATE_NOTES[c.state];
    if (state) notes.add(`${state} (${when})`);
    if (c.detached) notes.add(`detached HEAD at ${when}`);
    if (c.shallow) notes.add("shallow clone");
    if (c.operation) notes.add(`${c.operation.replace("_", "-")} in progress at ${when}`);
  }
  if (git.history_diverged)
    notes.add("history rewritten during the session (rebase, reset or branch switch)");
  if (git.commits_truncated) notes.add("more commits than recorded");
  return [...notes];
}

/**
 * Self-report vs git. Only where git has a verdict: a `success` whose commits are all reverted or
 * unmerged past the window, a `failed` with a shipped commit. No commits, or commits still pending, say nothing.
 */
export function outcomeDisagreement(
  outcome: string | null,
  status: SessionShipSummary["status"],
): OutcomeDisagreement | null {
  if (outcome === "success" && (status === "reverted" || status === "unmerged")) return "success_not_shipped";
  if (outcome === "failed" && status === "shipped") return "failed_but_shipped";
  return null;
}

/** The view of `session.git`; null when the record has no git evidence (upstream's, or older recorders'). */
export function sessionGitView(session: Pick<Session, "git" | "outcome">): SessionGitView | null {
  const git = session.git;
  if (!git) return null;
  const summary = summarizeSessionGit(git);
  return {
    summary,
    repository: git.end?.repository_id ?? git.start?.repository_id ?? null,
    branchStart: git.start?.branch ?? null,
    branchEnd: git.end?.branch ?? null,
    notes: contextNotes(git),
    commits: (git.commits ?? []).map((c) => ({
      sha: c.sha,
      shortSha: c.sha.slice(0, 7),
      committedAt: c.committed_at,
      filesChanged: c.files_changed,
      linesAdded: c.lines_added,
      linesRemoved: c.lines_removed,
      subject: c.subject ?? null,
      subjectWithheldChars: c.subject_withheld?.chars ?? null,
      status: c.shipped?.status ?? "pending",
      via: c.shipped?.via ?? null,
      mergedAt: c.shipped?.merged_at ?? null,
      mergeSha: c.shipped?.merge_sha ?? null,
      revertedBy: c.shipped?.reverted_by ?? null,
      revertedAt: c.shipped?.reverted_at ?? null,
    })),
    checkedAt: git.outcome_checked_at ?? null,
    disagreement: outcomeDisagreement(session.outcome, summary.status),
  };
}
