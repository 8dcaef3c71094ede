import { DataTable } from "@/app/_components/widgets/data-table";
import { int, usd } from "@/lib/format";
import type { SpendGroup } from "@/lib/queries/get-spend";

/** A cost cell: dollars of the priced part, "unpriced" when nothing of it has a price (never $0). */
export function CostCell({
  costUsd,
  unpricedRequests,
}: {
  costUsd: number | null;
  unpricedRequests: number;
}) {
  if (costUsd === null) return <span className="text-tremor-content">unpriced</span>;
  return (
    <span>
      {usd(costUsd)}
      {unpricedRequests > 0 ? <span className="text-tremor-content"> + unpriced</span> : null}
    </span>
  );
}

/** Measured spend per developer, project or model: requests, tokens in and out, cost. */
export function SpendGroupTable({
  caption,
  nameHeader,
  rows,
  testId,
}: {
  caption: string;
  nameHeader: string;
  rows: SpendGroup[];
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
        { key: "requests", header: "Requests", align: "right", cell: (r) => int(r.requests) },
        {
          key: "input",
          header: "Input tokens",
          align: "right",
          hideOnPhone: true,
          cell: (r) =>
            int(
              r.tokens.input_tokens +
                r.tokens.cache_write_5m_tokens +
                r.tokens.cache_write_1h_tokens +
                r.tokens.cache_read_tokens,
            ),
        },
        {
          key: "output",
          header: "Output tokens",
          align: "right",
          hideOnPhone: true,
          cell: (r) => int(r.tokens.output_tokens),
        },
        { key: "cost", header: "Cost", align: "right", cell: (r) => <CostCell {...r} /> },
      ]}
    />
  );
}
