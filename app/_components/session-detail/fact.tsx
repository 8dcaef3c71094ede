import type { ReactNode } from "react";

/** One labelled fact of a `<dl>`. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-tremor-label text-tremor-content">{label}</dt>
      <dd className="text-tremor-default font-medium text-tremor-content-strong">{children}</dd>
    </div>
  );
}

/** Labelled figures in two columns (the session page's ROI and token cards). */
export function FigureGrid({
  figures,
}: {
  figures: readonly (readonly [label: string, value: ReactNode])[];
}) {
  return (
    <dl className="grid grid-cols-2 gap-3 tabular-nums">
      {figures.map(([label, value]) => (
        <Fact key={label} label={label}>
          {value}
        </Fact>
      ))}
    </dl>
  );
}
