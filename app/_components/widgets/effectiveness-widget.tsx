import { Bars } from "@/app/_components/charts/charts";
import { fixed, int } from "@/app/_components/format";
import { type DashboardScope, loadReport } from "@/lib/server/dashboards";
import { SrTable } from "./sr-table";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** Effectiveness distribution 5★ → 1★. */
export async function EffectivenessWidget({ scope }: { scope: DashboardScope }) {
  const r = await loadReport(scope);
  const d = r.effectiveness.distribution;
  const data = ([5, 4, 3, 2, 1] as const).map((k) => ({
    rating: `${"★".repeat(k)}${"☆".repeat(5 - k)}`,
    Interactions: d[k],
  }));
  return (
    <WidgetCard
      title="Effectiveness"
      description={`Average ${fixed(r.roi.productivity_metrics.average_effectiveness, 2)} / 5 over ${int(r.effectiveness.count)} interactions`}
      testId="widget-effectiveness"
    >
      {r.effectiveness.count ? (
        <>
          {/* Chart props spelled out per chart, the logic is in the leaf (see README): alike by design. */}
          <Bars
            data={data}
            index="rating"
            categories={["Interactions"]}
            colors={["amber"]}
            layout="vertical"
            yAxisWidth={72}
            label="Interactions per rating"
            className="h-48"
          />
          <SrTable
            caption="Effectiveness distribution"
            head={["Rating", "Interactions"]}
            rows={data.map((x) => [x.rating, x.Interactions])}
          />
        </>
      ) : (
        <EmptyState title="No rated interactions" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
