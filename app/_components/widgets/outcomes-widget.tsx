import Link from "next/link";
import { Donut } from "@/app/_components/charts/charts";
import { humanize, int, pct } from "@/app/_components/format";
import { filtersToQuery, type OutcomeFilter } from "@/lib/filters";
import { type DashboardScope, loadOutcomes } from "@/lib/server/dashboards";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

const OUTCOME_COLORS: Record<string, string> = {
  Success: "emerald",
  Partial: "amber",
  Failed: "rose",
  Active: "blue",
  Abandoned: "violet",
  "No outcome": "gray",
};

/** Sessions by outcome. */
export async function OutcomesWidget({ scope }: { scope: DashboardScope }) {
  const rows = await loadOutcomes(scope);
  const merged = new Map<string, number>();
  for (const r of rows) {
    // "abandoned": active with no activity for longer than the max session duration (get-outcomes.ts).
    const name = r.outcome
      ? humanize(r.outcome)
      : r.status === "active"
        ? "Active"
        : r.status === "abandoned"
          ? "Abandoned"
          : "No outcome";
    merged.set(name, (merged.get(name) ?? 0) + r.sessions);
  }
  const data = [...merged].map(([name, sessions]) => ({ name, sessions }));
  // A slice (or its list entry) opens the sessions with that outcome; active and unrated sessions both
  // have none.
  const filterOf: Record<string, OutcomeFilter> = {
    Success: "success",
    Partial: "partial",
    Failed: "failed",
    Active: "none",
    "No outcome": "none",
  };
  const links = Object.fromEntries(
    data.map((d) => [d.name, `/sessions${filtersToQuery(scope.filters, { outcome: filterOf[d.name] })}`]),
  );
  const total = data.reduce((a, d) => a + d.sessions, 0);
  return (
    <WidgetCard title="Outcomes" description="Sessions by outcome" testId="widget-outcomes">
      {total ? (
        <div className="flex flex-col items-center gap-4 sm:flex-row">
          <Donut
            data={data}
            category="sessions"
            index="name"
            colors={data.map((d) => OUTCOME_COLORS[d.name] ?? "gray")}
            label="Sessions by outcome"
            links={links}
          />
          <ul className="w-full space-y-1 text-tremor-default">
            {data.map((d) => (
              <li key={d.name} className="flex justify-between gap-4 tabular-nums">
                <Link href={links[d.name] ?? "/sessions"} className="text-tremor-brand hover:underline">
                  {d.name}
                </Link>
                <span className="text-tremor-content-strong">
                  {int(d.sessions)}{" "}
                  <span className="text-tremor-content-subtle">({pct((d.sessions / total) * 100, 0)})</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
