import { DataTable } from "@/app/_components/widgets/data-table";
import { fixed, int, pct } from "@/lib/format";
import type { ShipRateRow } from "@/lib/queries/get-ship-rates";

// Same props and DataTable frame as the spend group table on purpose: one table per grouping, own columns.
/** Ship rates of one grouping: sessions, committed, shipped of decided, lines shipped, hours to merge. */
export function ShipRateTable({
  caption,
  nameHeader,
  rows,
  testId,
}: {
  caption: string;
  nameHeader: string;
  rows: ShipRateRow[];
  testId: string;
}) {
  return (
    <DataTable
      caption={caption}
      testId={testId}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { key: "key", header: nameHeader, cell: (r) => r.key || "(none)" },
        { key: "sessions", header: "Sessions", align: "right", cell: (r) => int(r.sessions) },
        { key: "committed", header: "Committed", align: "right", cell: (r) => int(r.sessionsCommitted) },
        {
          key: "shipped",
          header: "Shipped / decided",
          align: "right",
          cell: (r) => `${int(r.sessionsShipped)} / ${int(r.sessionsDecided)}`,
        },
        {
          key: "rate",
          header: "Ship rate",
          align: "right",
          cell: (r) => (r.shipRate === null ? "—" : pct(r.shipRate * 100, 0)),
        },
        {
          key: "lines",
          header: "Lines shipped",
          align: "right",
          hideOnPhone: true,
          cell: (r) => `${int(r.linesShipped)} of ${int(r.linesChanged)}`,
        },
        {
          key: "hours",
          header: "Median h to merge",
          align: "right",
          hideOnPhone: true,
          cell: (r) => (r.medianHoursToMerge === null ? "—" : fixed(r.medianHoursToMerge, 1)),
        },
        {
          key: "disagree",
          header: "Disagreements",
          align: "right",
          cell: (r) => int(r.successNotShipped + r.failedButShipped),
        },
      ]}
    />
  );
}
