import { CategoryBar } from "@tremor/react";
import { fixed, int } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { type DashboardScope, loadReport } from "@/lib/server/dashboards";
import { EmptyState, WidgetCard } from "./widget-card";

/** Gaps between sessions, per developer, and friction indicators. */
export async function GapsWidget({ scope }: { scope: DashboardScope }) {
  const g = (await loadReport(scope)).gaps;
  const c = g.by_classification;
  const total = g.total_gaps || 1;
  const flagged = g.byDeveloper.filter((d) => d.friction_indicators.length > 0);
  return (
    <WidgetCard
      title="Session gaps"
      description={`Average ${fixed(g.average_gap_minutes, 1)} min over ${int(g.total_gaps)} gaps, each developer's own timeline`}
      testId="widget-gaps"
    >
      {g.total_gaps ? (
        <>
          <CategoryBar
            values={[c.quick, c.normal, c.extended, c.long_break].map(
              (v) => Math.round((v / total) * 1000) / 10,
            )}
            colors={["emerald", "blue", "amber", "rose"]}
            showLabels={false}
            className="mt-1"
          />
          <ul className="mt-3 grid grid-cols-2 gap-1 text-tremor-label tabular-nums">
            <li>
              <span aria-hidden="true" className="mr-1 inline-block size-2 rounded-full bg-emerald-500" />
              Quick (&lt;5 min): {int(c.quick)}
            </li>
            <li>
              <span aria-hidden="true" className="mr-1 inline-block size-2 rounded-full bg-blue-500" />
              Normal (5–30 min): {int(c.normal)}
            </li>
            <li>
              <span aria-hidden="true" className="mr-1 inline-block size-2 rounded-full bg-amber-500" />
              Extended (30 min–2 h): {int(c.extended)}
            </li>
            <li>
              <span aria-hidden="true" className="mr-1 inline-block size-2 rounded-full bg-rose-500" />
              Long (2 h+): {int(c.long_break)}
            </li>
          </ul>
          {g.friction_indicators.length || flagged.length ? (
            <ul className="mt-3 space-y-1 text-tremor-label" aria-label="Friction indicators">
              {g.friction_indicators.map((t) => (
                <li key={t} className="text-amber-700 dark:text-amber-400">
                  ⚠ Team: {t}
                </li>
              ))}
              {flagged.slice(0, 3).map((d) => (
                <li key={d.developer} className="text-amber-700 dark:text-amber-400">
                  ⚠ <UserText text={d.developer} />: {d.friction_indicators.join("; ")}
                </li>
              ))}
              {flagged.length > 3 ? (
                <li className="text-tremor-content">
                  …and {flagged.length - 3} more developers (see the Developers page)
                </li>
              ) : null}
            </ul>
          ) : (
            <p className="mt-3 text-tremor-label text-emerald-700 dark:text-emerald-400">
              No friction indicators.
            </p>
          )}
        </>
      ) : (
        <EmptyState title="No gaps yet" hint="Gaps appear once a developer has two sessions in the range." />
      )}
    </WidgetCard>
  );
}
