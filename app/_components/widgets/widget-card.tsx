import { Card } from "@tremor/react";
import type { ReactNode } from "react";

/** A titled dashboard panel (`<section>` labelled by its heading). */
export function WidgetCard({
  title,
  description,
  actions,
  children,
  className = "",
  testId,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const id = `w-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  // Same title/description/actions layout as PageHeader at card scale (h2 vs h1): alike by design.
  return (
    <Card className={`flex min-w-0 flex-col p-4 sm:p-5 ${className}`}>
      <section aria-labelledby={id} data-testid={testId} className="flex min-w-0 flex-1 flex-col">
        <div className="mb-3 flex items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id={id} className="text-tremor-default font-semibold text-tremor-content-strong">
              {title}
            </h2>
            {description ? (
              <p className="mt-0.5 text-tremor-label text-tremor-content">{description}</p>
            ) : null}
          </div>
          {actions ? <div className="shrink-0">{actions}</div> : null}
        </div>
        <div className="min-w-0 flex-1">{children}</div>
      </section>
    </Card>
  );
}

/** What a widget shows when the filters select nothing: what happened and what to do. */
export function EmptyState({ title, hint }: { title: string; hint: ReactNode }) {
  return (
    <div className="flex h-full min-h-28 flex-col items-center justify-center rounded-tremor-default border border-dashed border-tremor-border p-4 text-center">
      <p className="text-tremor-default font-medium text-tremor-content-strong">{title}</p>
      <p className="mt-1 max-w-sm text-tremor-label text-tremor-content">{hint}</p>
    </div>
  );
}

/** The standard hint for a filtered-out widget. */
export const WIDEN_FILTERS_HINT = "Widen the date range or clear a filter above to see data here.";
