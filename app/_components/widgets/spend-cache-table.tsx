import { DataTable } from "@/app/_components/widgets/data-table";
import { pct, usd } from "@/lib/format";
import type { CacheEfficiency } from "@/lib/queries/get-spend";

/** Cache efficiency per model: the share of input read from the prompt cache and what that saved. */
export function SpendCacheTable({ rows }: { rows: CacheEfficiency[] }) {
  return (
    <DataTable
      caption="Cache efficiency per model"
      testId="spend-cache"
      rows={rows}
      rowKey={(r) => r.model}
      columns={[
        { key: "model", header: "Model", cell: (r) => r.model },
        {
          key: "read",
          header: "Input read from cache",
          align: "right",
          cell: (r) => (r.cacheReadPct === null ? "–" : pct(r.cacheReadPct)),
        },
        {
          key: "saved",
          header: "Saved by cache reads",
          align: "right",
          cell: (r) => (r.savedUsd === null ? "unpriced" : usd(r.savedUsd)),
        },
      ]}
    />
  );
}
