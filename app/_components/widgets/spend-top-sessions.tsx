import Link from "next/link";
import { UserText } from "@/app/_components/user-text";
import { DataTable } from "@/app/_components/widgets/data-table";
import { int } from "@/lib/format";
import type { SessionSpend } from "@/lib/queries/session-usage";
import { CostCell } from "./spend-group-table";

/** The most expensive sessions: the measured usage joined to each session, by cost. */
export function SpendTopSessions({ rows }: { rows: SessionSpend[] }) {
  return (
    <DataTable
      caption="The most expensive sessions"
      testId="spend-top-sessions"
      rows={rows}
      rowKey={(r) => String(r.id)}
      columns={[
        {
          key: "session",
          header: "Session",
          cell: (r) => (
            <Link href={`/sessions/${r.id}`} className="text-tremor-brand hover:underline">
              <UserText text={r.sessionName || `#${r.id}`} />
            </Link>
          ),
        },
        {
          key: "developer",
          header: "Developer",
          hideOnPhone: true,
          cell: (r) => <UserText text={r.developer} />,
        },
        { key: "project", header: "Project", hideOnPhone: true, cell: (r) => <UserText text={r.project} /> },
        { key: "requests", header: "Requests", align: "right", cell: (r) => int(r.requests) },
        { key: "cost", header: "Cost", align: "right", cell: (r) => <CostCell {...r} /> },
      ]}
    />
  );
}
