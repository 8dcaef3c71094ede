import { Areas, Bars } from "@/app/_components/charts/charts";
import { shortDate } from "@/app/_components/format";
import { type DashboardScope, loadTrend } from "@/lib/server/dashboards";
import { SrTable } from "./sr-table";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** Weekly sessions and time saved. */
export async function TrendWidget({ scope }: { scope: DashboardScope }) {
  const points = await loadTrend(scope);
  const any = points.some((p) => p.sessions > 0);
  const data = points.map((p) => ({
    week: shortDate(p.weekStartMs),
    "Time saved (h)": p.timeSavedHours,
    Sessions: p.sessions,
  }));
  return (
    <WidgetCard
      title="Weekly trend"
      description="Hours saved and sessions per week (weeks start Monday, UTC)"
      testId="widget-trend"
    >
      {any ? (
        <>
          <Areas
            data={data}
            index="week"
            categories={["Time saved (h)"]}
            colors={["emerald"]}
            format="fixed1"
            label="Hours saved per week"
            className="h-44"
          />
          <Bars
            data={data}
            index="week"
            categories={["Sessions"]}
            colors={["blue"]}
            label="Sessions per week"
            className="mt-4 h-32"
          />
          <SrTable
            caption="Weekly trend"
            head={["Week", "Sessions", "Hours saved"]}
            rows={points.map((p) => [p.week, p.sessions, p.timeSavedHours])}
          />
        </>
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
