import { Badge } from "@tremor/react";
import { dateTime, int } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { EmptyState, WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";
import type { SessionCommitView, SessionGitView } from "@/lib/queries/session-git-view";

const STATUS_COLOR: Record<SessionCommitView["status"], "emerald" | "rose" | "amber" | "gray"> = {
  merged: "emerald",
  reverted: "rose",
  unmerged: "amber",
  pending: "gray",
};

const SUMMARY_TEXT: Record<SessionGitView["summary"]["status"], string> = {
  shipped: "Shipped",
  reverted: "Reverted",
  unmerged: "Not merged",
  pending: "Not merged yet",
  no_commits: "No commits",
};

const VIA_TEXT: Record<NonNullable<SessionCommitView["via"]>, string> = {
  ancestry: "merged",
  patch_id: "rebased / cherry-picked",
  squash: "squash-merged",
};

function commitStatus(c: SessionCommitView): string {
  if (c.status === "reverted")
    return `reverted by ${c.revertedBy?.slice(0, 7) ?? "?"} ${dateTime(c.revertedAt)}`;
  if (c.status === "merged")
    return `${c.via ? VIA_TEXT[c.via] : "merged"} ${dateTime(c.mergedAt)}${c.mergeSha && c.mergeSha !== c.sha ? ` (${c.mergeSha.slice(0, 7)})` : ""}`;
  return c.status === "unmerged" ? "not on the default branch" : "not on the default branch yet";
}

/** What the session committed in git and whether it reached the default branch (from the recorder). */
export function SessionCommits({ d }: { d: SessionDetail }) {
  const g = d.git;
  if (!g)
    return (
      <WidgetCard title="Commits" testId="session-commits">
        <EmptyState
          title="No git evidence"
          hint="This session was recorded by a recorder that does not capture git (upstream's or an older version)."
        />
      </WidgetCard>
    );
  const where = [
    g.repository,
    g.branchStart === g.branchEnd ? g.branchStart : `${g.branchStart ?? "—"} → ${g.branchEnd ?? "—"}`,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <WidgetCard
      title="Commits"
      testId="session-commits"
      description={
        <span className="flex flex-wrap items-center gap-2">
          <Badge
            size="xs"
            color={
              g.summary.status === "shipped" ? "emerald" : g.summary.status === "reverted" ? "rose" : "gray"
            }
          >
            {SUMMARY_TEXT[g.summary.status]}
          </Badge>
          <span>
            {int(g.summary.commits)} commit{g.summary.commits === 1 ? "" : "s"},{" "}
            {int(g.summary.lines_shipped)} of {int(g.summary.lines_changed)} lines shipped
          </span>
          {g.disagreement ? (
            <Badge size="xs" color="amber" data-testid="session-disagreement">
              {g.disagreement === "failed_but_shipped"
                ? "reported failed, but shipped"
                : "reported success, never shipped"}
            </Badge>
          ) : null}
        </span>
      }
    >
      {where ? (
        <p className="mb-2 font-mono text-tremor-label break-all text-tremor-content">
          <UserText text={where} />
        </p>
      ) : null}
      {g.notes.length ? (
        <p className="mb-2 text-tremor-label text-tremor-content-subtle">{g.notes.join(" · ")}</p>
      ) : null}
      {g.commits.length ? (
        <ul className="space-y-2">
          {g.commits.map((c) => (
            <li key={c.sha} className="text-tremor-default">
              <div className="flex flex-wrap items-center gap-2">
                <code className="font-mono text-tremor-label">{c.shortSha}</code>
                <span className="font-medium text-tremor-content-strong">
                  {c.subject !== null ? (
                    <UserText text={c.subject} />
                  ) : (
                    `Subject withheld (${int(c.subjectWithheldChars ?? 0)} characters)`
                  )}
                </span>
                <Badge size="xs" color={STATUS_COLOR[c.status]}>
                  {c.status}
                </Badge>
              </div>
              <p className="text-tremor-label text-tremor-content">
                {dateTime(c.committedAt)} · {int(c.filesChanged)} file{c.filesChanged === 1 ? "" : "s"} · +
                {int(c.linesAdded)} −{int(c.linesRemoved)} · {commitStatus(c)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState
          title="No commits"
          hint="Nothing was committed in this working tree during the session."
        />
      )}
      {g.checkedAt ? (
        <p className="mt-2 text-tremor-label text-tremor-content-subtle">
          Shipped status checked {dateTime(g.checkedAt)}
        </p>
      ) : null}
    </WidgetCard>
  );
}
