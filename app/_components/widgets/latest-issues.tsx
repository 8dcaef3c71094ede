import { Badge } from "@tremor/react";
import Link from "next/link";
import { DeveloperName } from "@/app/_components/developer-name";
import { dateTime, humanize, int } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { type DashboardScope, loadIssues } from "@/lib/server/dashboards";
import { ExportCsvLink } from "./export-csv-link";
import { severityColor } from "./severity";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/**
 * The most recent issues, newest first, with a link to their session, and "Export CSV" of every issue the
 * filters select (`/api/v1/issues?format=csv`).
 */
export async function LatestIssues({ scope }: { scope: DashboardScope }) {
  const i = await loadIssues(scope);
  return (
    <WidgetCard
      title="Latest issues"
      description={`The ${int(i.latest.length)} most recent`}
      testId="latest-issues"
      actions={i.latest.length ? <ExportCsvLink resource="issues" filters={scope.filters} /> : null}
    >
      {i.latest.length ? (
        <ul className="divide-y divide-tremor-border">
          {i.latest.map((x) => (
            <li key={`${x.developer}:${x.sessionId}:${x.timestamp}:${x.description}`} className="py-2">
              <div className="flex flex-wrap items-center gap-2 text-tremor-label text-tremor-content">
                <Badge size="xs" color={severityColor(x.severity)}>
                  {humanize(x.severity)}
                </Badge>
                <span className="font-medium text-tremor-content-strong">{humanize(x.issueType)}</span>
                <DeveloperName folder={x.developer} />
                <span>{dateTime(x.timestamp)}</span>
                {x.resolved ? (
                  <Badge size="xs" color="emerald">
                    resolved
                  </Badge>
                ) : null}
                {x.sessionRowId ? (
                  <Link href={`/sessions/${x.sessionRowId}`} className="text-tremor-brand hover:underline">
                    session →
                  </Link>
                ) : null}
              </div>
              <p className="mt-1 text-tremor-default break-words text-tremor-content-strong">
                <UserText text={x.description} max={500} />
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No issues in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
