import { Card } from "@tremor/react";
import type { ReactNode } from "react";

/** One settings section: its title and description beside a card with the form. */
export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section
      aria-labelledby={id}
      className="grid grid-cols-1 gap-4 lg:grid-cols-[16rem_minmax(0,1fr)] lg:gap-8"
    >
      <div className="min-w-0 break-words">
        <h2 id={id} className="text-tremor-title font-semibold text-tremor-content-strong">
          {title}
        </h2>
        <p className="mt-1 text-tremor-default text-tremor-content">{description}</p>
      </div>
      <Card className="min-w-0 p-5 sm:p-6">{children}</Card>
    </section>
  );
}
