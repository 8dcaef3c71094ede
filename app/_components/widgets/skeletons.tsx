import { Card } from "@tremor/react";

/** Grey pulsing bar. */
function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-tremor-background-subtle ${className}`} />;
}

/** Placeholder of one widget while its data loads. */
export function WidgetSkeleton({ height = "h-56", className = "" }: { height?: string; className?: string }) {
  return (
    <Card className={`p-4 sm:p-5 ${className}`} role="status" aria-busy="true" aria-label="Loading">
      <Bar className="mb-2 h-4 w-40" />
      <Bar className="mb-4 h-3 w-64 max-w-full" />
      <Bar className={`w-full ${height}`} />
    </Card>
  );
}

/** Placeholder of the KPI card grid. */
export function KpiSkeleton({ count = 10 }: { count?: number }) {
  return (
    <div
      className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5"
      role="status"
      aria-busy="true"
      aria-label="Loading figures"
    >
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <Card key={i} className="p-4">
          <Bar className="mb-3 h-3 w-20" />
          <Bar className="mb-2 h-7 w-24" />
          <Bar className="h-3 w-16" />
        </Card>
      ))}
    </div>
  );
}

/** Placeholder of a table. */
export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Card className="p-4" role="status" aria-busy="true" aria-label="Loading table">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <Bar key={i} className="mb-3 h-6 w-full" />
      ))}
    </Card>
  );
}

/** A whole dashboard page placeholder (route-level loading.tsx). */
export function PageSkeleton({ kpis = true, widgets = 4 }: { kpis?: boolean; widgets?: number }) {
  return (
    <div className="flex flex-col gap-4">
      <Bar className="h-8 w-48" />
      <Bar className="h-10 w-full" />
      {kpis ? <KpiSkeleton /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {Array.from({ length: widgets }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <WidgetSkeleton key={i} />
        ))}
      </div>
    </div>
  );
}
