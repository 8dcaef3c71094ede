import { humanize, int, pct, ratio } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { type DashboardScope, loadEstimation } from "@/lib/server/dashboards";
import { DataTable } from "./data-table";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** Estimation accuracy by task type or by developer (initial and final estimate vs actual time). */
export async function EstimationWidget({ scope, by }: { scope: DashboardScope; by: "task" | "developer" }) {
  const e = await loadEstimation(scope, true);
  const rows = by === "task" ? e.byTaskType : e.byDeveloper;
  return (
    <WidgetCard
      title={by === "task" ? "Estimation accuracy by task type" : "Estimation accuracy by developer"}
      description="Median estimate ÷ actual time over completed sessions (2× = done in half the estimated time)"
      testId={`estimation-by-${by}`}
    >
      {rows.length ? (
        <DataTable
          caption="Estimation accuracy"
          rows={rows}
          rowKey={(r) => r.key}
          columns={[
            {
              key: "k",
              header: by === "task" ? "Task type" : "Developer",
              cell: (r) => (by === "task" ? humanize(r.key) : <UserText text={r.key} />),
            },
            { key: "n", header: "Sessions", align: "right", cell: (r) => int(r.sessions_considered) },
            {
              key: "i",
              header: "Initial ÷ actual",
              align: "right",
              cell: (r) => ratio(r.initial_to_actual.median),
            },
            {
              key: "f",
              header: "Final ÷ actual",
              align: "right",
              cell: (r) => ratio(r.final_to_actual.median),
            },
            {
              key: "m",
              header: "Initial vs final",
              align: "right",
              cell: (r) => (r.initial_vs_final_mape_pct === null ? "—" : pct(r.initial_vs_final_mape_pct, 0)),
            },
          ]}
        />
      ) : (
        <EmptyState title="No completed sessions with a duration" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
