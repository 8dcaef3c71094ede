import type { PriceRow } from "ai-session-tracker-mcp/stats";
import { DataTable } from "@/app/_components/widgets/data-table";

const money = (v: number) => `$${v}`;

/** The shipped price rows with their effective dates and sources (read-only). */
export function PriceTable({ rows }: { rows: readonly PriceRow[] }) {
  return (
    <details className="mb-4">
      <summary className="cursor-pointer text-tremor-default text-tremor-content-strong">
        Shipped list prices ({rows.length} rows)
      </summary>
      <DataTable
        caption="Shipped model prices, USD per million tokens"
        testId="price-table"
        rows={[...rows]}
        rowKey={(r) => `${r.model}@${r.effective_from}`}
        columns={[
          { key: "model", header: "Model", cell: (r) => r.model },
          { key: "from", header: "From", cell: (r) => r.effective_from },
          { key: "in", header: "Input", align: "right", cell: (r) => money(r.input) },
          { key: "out", header: "Output", align: "right", cell: (r) => money(r.output) },
          {
            key: "w5",
            header: "Cache write 5 min",
            align: "right",
            hideOnPhone: true,
            cell: (r) => money(r.cache_write_5m),
          },
          {
            key: "w1h",
            header: "Cache write 1 h",
            align: "right",
            hideOnPhone: true,
            cell: (r) => money(r.cache_write_1h),
          },
          {
            key: "read",
            header: "Cache read",
            align: "right",
            hideOnPhone: true,
            cell: (r) => money(r.cache_read),
          },
          {
            key: "src",
            header: "Source",
            hideOnPhone: true,
            cell: (r) => <span className="text-tremor-label">{r.source}</span>,
          },
        ]}
      />
    </details>
  );
}
