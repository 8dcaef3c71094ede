/** The `git` part of GET /api/v1/sessions/{…}: the session's commits and shipped status (issue 15), snake_case. */
import { z } from "zod";
import type { SessionGitView } from "@/lib/queries/session-git-view";

const num = z.number();
const text = z.string().nullable();

/** Schema of a session's git evidence; the session body has it as `git` (null without evidence). */
export const sessionGitResponseSchema = z.strictObject({
  status: z.enum(["no_commits", "shipped", "reverted", "pending", "unmerged"]),
  commits_count: num,
  lines_changed: num,
  lines_shipped: num,
  merged_at: text.meta({
    description: "ISO time the session's last shipped commit reached the default branch",
  }),
  repository: text,
  branch_start: text,
  branch_end: text,
  notes: z.array(z.string()),
  checked_at: text,
  disagreement: z.enum(["success_not_shipped", "failed_but_shipped"]).nullable(),
  commits: z.array(
    z.strictObject({
      sha: z.string(),
      committed_at: z.string(),
      files_changed: num,
      lines_added: num,
      lines_removed: num,
      subject: text.meta({ description: "Null when the recorder withheld it (AI_TRACKER_PROMPTS=none)" }),
      subject_withheld_chars: num.nullable(),
      status: z.enum(["pending", "merged", "reverted", "unmerged"]),
      via: z.enum(["ancestry", "patch_id", "squash"]).nullable(),
      merged_at: text,
      merge_sha: text,
      reverted_by: text,
      reverted_at: text,
    }),
  ),
});

/** The DTO of {@link sessionGitResponseSchema}. */
export function sessionGitDto(g: SessionGitView): z.output<typeof sessionGitResponseSchema> {
  return {
    status: g.summary.status,
    commits_count: g.summary.commits,
    lines_changed: g.summary.lines_changed,
    lines_shipped: g.summary.lines_shipped,
    merged_at: g.summary.merged_at,
    repository: g.repository,
    branch_start: g.branchStart,
    branch_end: g.branchEnd,
    notes: g.notes,
    checked_at: g.checkedAt,
    disagreement: g.disagreement,
    commits: g.commits.map((c) => ({
      sha: c.sha,
      committed_at: c.committedAt,
      files_changed: c.filesChanged,
      lines_added: c.linesAdded,
      lines_removed: c.linesRemoved,
      subject: c.subject,
      subject_withheld_chars: c.subjectWithheldChars,
      status: c.status,
      via: c.via,
      merged_at: c.mergedAt,
      merge_sha: c.mergeSha,
      reverted_by: c.revertedBy,
      reverted_at: c.revertedAt,
    })),
  };
}
