import { costPerUnit } from "ai-session-tracker-mcp/stats";
import { ExportCsvLink } from "@/app/_components/widgets/export-csv-link";
import { SpendCacheTable } from "@/app/_components/widgets/spend-cache-table";
import { SpendCostPerUnit } from "@/app/_components/widgets/spend-cost-per-unit";
import { SpendGroupTable } from "@/app/_components/widgets/spend-group-table";
import { SpendLinesTable } from "@/app/_components/widgets/spend-lines-table";
import { SpendMatchingList } from "@/app/_components/widgets/spend-matching-list";
import { SpendTopSessions } from "@/app/_components/widgets/spend-top-sessions";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "@/app/_components/widgets/widget-card";
import { int, usd } from "@/lib/format";
import { type DashboardScope, loadRoiMethod, loadSpend } from "@/lib/server/dashboards";

/** The group tables, in page order. */
const GROUPS = [
  { name: "developer", header: "Developer", rows: "byDeveloper" },
  { name: "project", header: "Project", rows: "byProject" },
  { name: "model", header: "Model", rows: "byModel" },
  { name: "day", header: "Day (UTC)", rows: "byDay" },
] as const;

/** The Spend page's cards: total, cost per unit, session join, top sessions, group and finance tables. */
export async function SpendWidgets({ scope }: { scope: DashboardScope }) {
  const spend = await loadSpend(scope);
  if (spend.lines.length === 0) {
    return (
      <WidgetCard title="Measured AI spend" testId="spend-total">
        <EmptyState
          title="No measured usage in this range"
          hint={`${WIDEN_FILTERS_HINT} Usage comes from the recorder's usage.json (ai-session-tracker usage, run at each session end).`}
        />
      </WidgetCard>
    );
  }
  const { total } = spend;
  const method = await loadRoiMethod(scope);
  const perUnit = costPerUnit({
    costUsd: total.costUsd,
    sessions: method.sessions,
    successfulSessions: method.byOutcome.success,
    valueHours: method.expected.hoursSaved,
  });
  return (
    <>
      <WidgetCard
        title="Measured AI spend"
        description="Token usage from the agents' own logs, priced per model at the list price in force on each day."
        testId="spend-total"
      >
        <p className="text-tremor-metric font-semibold" data-testid="spend-total-usd">
          {total.costUsd === null ? "unpriced" : usd(total.costUsd)}
        </p>
        <p className="text-tremor-default text-tremor-content">
          {int(total.requests)} requests.
          {spend.unpricedModels.length > 0 ? (
            <span data-testid="spend-unpriced">
              {" "}
              {int(total.unpricedRequests)} requests of {spend.unpricedModels.join(", ")} have no price and
              are not in this total (add a price in Settings).
            </span>
          ) : null}
        </p>
      </WidgetCard>
      <WidgetCard
        title="Cost per unit of work"
        description="The measured spend above over the range's counted sessions, its successful ones and the ROI method's hours saved."
        testId="spend-per-unit"
      >
        <SpendCostPerUnit figures={perUnit} />
      </WidgetCard>
      <WidgetCard
        title="Joined to the recorded sessions"
        description="Usage overlapping a tracked session of the same developer and project in time, and what is left over."
        testId="spend-matching"
      >
        <SpendMatchingList matching={spend.matching} />
      </WidgetCard>
      <WidgetCard
        title="Most expensive sessions"
        description="Each usage record goes to the session of the same developer and project it overlaps longest in time."
        testId="spend-sessions"
      >
        <SpendTopSessions rows={spend.topSessions} />
      </WidgetCard>
      {GROUPS.map((g) => (
        <WidgetCard key={g.name} title={`Per ${g.name}`} testId={`spend-by-${g.name}`}>
          <SpendGroupTable
            caption={`Measured spend per ${g.name}`}
            nameHeader={g.header}
            rows={spend[g.rows]}
            testId={`spend-${g.name}s`}
          />
          {g.name === "model" ? <SpendCacheTable rows={spend.cache} /> : null}
        </WidgetCard>
      ))}
      <WidgetCard
        title="For finance: month × developer × project × model"
        testId="spend-finance"
        actions={<ExportCsvLink resource="spend" filters={scope.filters} />}
      >
        <SpendLinesTable lines={spend.lines} />
      </WidgetCard>
    </>
  );
}
