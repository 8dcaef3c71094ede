import { DataTable } from "@/app/_components/widgets/data-table";
import { CostCell } from "@/app/_components/widgets/spend-group-table";
import { int } from "@/lib/format";
import type { SpendLine } from "@/lib/queries/get-spend";

/** The finance view: one line per month × developer × project × model, every token kind. */
export function SpendLinesTable({ lines }: { lines: SpendLine[] }) {
  return (
    <DataTable
      caption="Measured spend per month, developer, project and model"
      testId="spend-lines"
      rows={lines}
      rowKey={(l) => `${l.month}|${l.developer}|${l.project}|${l.model}`}
      columns={[
        { key: "month", header: "Month", cell: (l) => l.month },
        { key: "developer", header: "Developer", cell: (l) => l.developer },
        { key: "project", header: "Project", cell: (l) => l.project || "(none)" },
        { key: "model", header: "Model", cell: (l) => l.model },
        { key: "requests", header: "Requests", align: "right", cell: (l) => int(l.requests) },
        {
          key: "in",
          header: "Input",
          align: "right",
          hideOnPhone: true,
          cell: (l) => int(l.tokens.input_tokens),
        },
        {
          key: "out",
          header: "Output",
          align: "right",
          hideOnPhone: true,
          cell: (l) => int(l.tokens.output_tokens),
        },
        {
          key: "w5",
          header: "Cache write 5 min",
          align: "right",
          hideOnPhone: true,
          cell: (l) => int(l.tokens.cache_write_5m_tokens),
        },
        {
          key: "w1h",
          header: "Cache write 1 h",
          align: "right",
          hideOnPhone: true,
          cell: (l) => int(l.tokens.cache_write_1h_tokens),
        },
        {
          key: "read",
          header: "Cache read",
          align: "right",
          hideOnPhone: true,
          cell: (l) => int(l.tokens.cache_read_tokens),
        },
        { key: "cost", header: "Cost", align: "right", cell: (l) => <CostCell {...l} /> },
      ]}
    />
  );
}
