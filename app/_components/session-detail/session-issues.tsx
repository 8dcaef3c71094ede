import { Badge } from "@tremor/react";
import { humanize, int } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { severityColor } from "@/app/_components/widgets/severity";
import { EmptyState, WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";

/** The session's flagged issues with severity, type, resolution. */
export function SessionIssues({ d }: { d: SessionDetail }) {
  return (
    <WidgetCard title="Issues" description={`${int(d.issues.length)} flagged`} testId="session-issues">
      {d.issues.length ? (
        <ul className="space-y-3">
          {d.issues.map((i) => (
            <li key={i.key}>
              <div className="flex flex-wrap items-center gap-2">
                <Badge size="xs" color={severityColor(i.severity)}>
                  {humanize(i.severity)}
                </Badge>
                <span className="text-tremor-default font-medium text-tremor-content-strong">
                  {humanize(i.issueType)}
                </span>
                {i.resolved ? (
                  <Badge size="xs" color="emerald">
                    resolved
                  </Badge>
                ) : null}
              </div>
              <p className="mt-1 text-tremor-default whitespace-pre-wrap break-words text-tremor-content">
                <UserText text={i.description} max={null} />
              </p>
              {i.resolutionNotes ? (
                <p className="mt-0.5 text-tremor-label text-tremor-content-subtle">
                  <UserText text={i.resolutionNotes} max={null} />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No issues" hint="Nothing was flagged in this session." />
      )}
    </WidgetCard>
  );
}
