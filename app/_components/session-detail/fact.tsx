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
