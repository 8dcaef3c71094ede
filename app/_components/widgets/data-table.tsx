import type { ReactNode } from "react";
import { ScrollRegion } from "@/app/_components/scroll-region";

/** A column of {@link DataTable}. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: "left" | "right";
  /** Hide below the `sm` breakpoint (phones). */
  hideOnPhone?: boolean;
  /** The table is sorted by this column (`aria-sort` on its header). */
  sorted?: "ascending" | "descending";
}

/**
 * Plain accessible table (caption, scoped headers). When it is wider than its card it scrolls sideways
 * inside its own region (never the page), which shows a shadow on the side with more columns and can be
 * focused and scrolled with the keyboard. Headers may be links (server-side sorting).
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  testId,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  testId?: string;
}) {
  return (
    <ScrollRegion label={caption} className="-mx-4 sm:mx-0">
      <table className="w-full min-w-max border-collapse text-tremor-default" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-tremor-border text-tremor-label text-tremor-content">
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={c.sorted}
                className={`px-3 py-2 font-medium whitespace-nowrap ${c.align === "right" ? "text-right" : "text-left"} ${c.hideOnPhone ? "hidden sm:table-cell" : ""}`}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={rowKey(r)}
              className="border-b border-tremor-border last:border-0 hover:bg-tremor-background-muted"
            >
              {columns.map((c) => (
                <td
                  key={c.key}
                  className={`px-3 py-2 align-middle text-tremor-content-strong ${c.align === "right" ? "text-right tabular-nums" : ""} ${c.hideOnPhone ? "hidden sm:table-cell" : ""}`}
                >
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
