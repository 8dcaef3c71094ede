import Link from "next/link";
import type { ReactNode } from "react";
import { DeveloperName } from "@/app/_components/developer-name";
import { compactDateTime, dateTime, fixed, humanize, int, minutes } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { displayText } from "@/lib/display-text";
import type { SessionRow, SessionSort } from "@/lib/queries/list-sessions";
import type { Column } from "./data-table";
import { OutcomeBadge } from "./outcome-badge";

/** The session table's columns; `sortHeader` renders a sortable header (or plain text), `withDeveloper` adds the developer column. */
export function sessionColumns(
  sortHeader: (key: SessionSort, label: string) => ReactNode,
  withDeveloper: boolean,
): Column<SessionRow>[] {
  return [
    {
      key: "start",
      header: sortHeader("start", "Started (UTC)"),
      cell: (r) => (
        <Link
          href={`/sessions/${r.id}`}
          className="font-medium whitespace-nowrap text-tremor-brand hover:underline"
          data-testid="session-link"
          title={dateTime(r.startTime)}
        >
          {compactDateTime(r.startTime)}
        </Link>
      ),
    },
    {
      key: "name",
      header: "Session",
      cell: (r) => (
        <span className="block max-w-56 truncate" title={displayText(r.sessionName)}>
          <UserText text={r.sessionName || r.sessionId} />
        </span>
      ),
    },
    ...(withDeveloper
      ? [
          {
            key: "developer",
            header: sortHeader("developer", "Developer"),
            cell: (r: SessionRow) => <DeveloperName folder={r.developer} />,
          },
        ]
      : []),
    {
      key: "project",
      header: sortHeader("project", "Project"),
      hideOnPhone: true,
      cell: (r) => (r.project ? <UserText text={r.project} /> : "—"),
    },
    {
      key: "task",
      header: sortHeader("task", "Task type"),
      hideOnPhone: true,
      cell: (r) => humanize(r.taskType),
    },
    {
      key: "model",
      header: sortHeader("model", "Model"),
      hideOnPhone: true,
      cell: (r) => (
        <span className="block max-w-36 truncate text-tremor-label" title={displayText(r.model)}>
          <UserText text={r.model} />
        </span>
      ),
    },
    {
      key: "outcome",
      header: sortHeader("outcome", "Outcome"),
      cell: (r) => (
        <OutcomeBadge
          outcome={r.outcome}
          status={r.status}
          liveness={r.liveness}
          lastActivityMs={r.lastActivityMs}
        />
      ),
    },
    {
      key: "duration",
      header: sortHeader("duration", "Duration"),
      align: "right",
      // A live session has no duration yet: its elapsed time; an abandoned one: when it last did anything.
      cell: (r) =>
        r.liveness === "live" && r.elapsedMinutes !== null ? (
          <span title="Running; elapsed since its start">{minutes(r.elapsedMinutes)} so far</span>
        ) : r.liveness === "abandoned" ? (
          <span className="text-tremor-content-subtle" title="Last activity">
            last {compactDateTime(r.lastActivityMs)}
          </span>
        ) : (
          minutes(r.durationMinutes)
        ),
    },
    {
      key: "estimate",
      header: sortHeader("estimate", "Estimate"),
      align: "right",
      hideOnPhone: true,
      cell: (r) => minutes(r.estimateMinutes),
    },
    {
      key: "interactions",
      header: sortHeader("interactions", "Turns"),
      align: "right",
      hideOnPhone: true,
      cell: (r) => int(r.interactions),
    },
    {
      key: "effectiveness",
      header: sortHeader("effectiveness", "Rating"),
      align: "right",
      hideOnPhone: true,
      cell: (r) => fixed(r.avgEffectiveness, 2),
    },
  ];
}
