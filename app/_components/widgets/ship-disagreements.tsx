import Link from "next/link";
import { dateTime } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { DataTable } from "@/app/_components/widgets/data-table";
import type { ShipDisagreement } from "@/lib/queries/get-ship-rates";

// The DataTable frame every list widget shares (caption, test id, rows, key); the columns are this list's.
/** Sessions whose self-reported outcome git contradicts, newest first, each linking to its page. */
export function ShipDisagreements({ rows }: { rows: ShipDisagreement[] }) {
  return (
    <DataTable
      caption="Sessions whose reported outcome git contradicts"
      testId="ship-disagreements"
      rows={rows}
      rowKey={(r) => r.rowId}
      columns={[
        {
          key: "session",
          header: "Session",
          cell: (r) => (
            <Link href={`/sessions/${r.rowId}`} className="text-tremor-brand hover:underline">
              <UserText text={r.sessionName || r.sessionId} />
            </Link>
          ),
        },
        { key: "developer", header: "Developer", cell: (r) => <UserText text={r.developer} /> },
        { key: "start", header: "Started", hideOnPhone: true, cell: (r) => dateTime(r.startMs) },
        { key: "reported", header: "Reported", cell: (r) => r.outcome },
        {
          key: "git",
          header: "Git says",
          cell: (r) => (r.kind === "failed_but_shipped" ? "shipped" : "never shipped"),
        },
      ]}
    />
  );
}
