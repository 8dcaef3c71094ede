import type { ReactNode } from "react";

/** Title row of a portal page: `<h1>`, a one-line description and optional actions on the right. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  // Same title/description/actions layout as WidgetCard at page scale (h1 vs h2): alike by design.
  return (
    <header className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between lg:mb-8">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight text-tremor-content-strong">{title}</h1>
        {description ? (
          <p className="mt-1 max-w-3xl text-tremor-default text-tremor-content">{description}</p>
        ) : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </header>
  );
}
