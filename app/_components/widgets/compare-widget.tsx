import { date } from "@/app/_components/format";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { type DashboardFilters, describeRange, FILTER_KEYS } from "@/lib/filters";
import { type DashboardScope, loadPeriodCompare } from "@/lib/server/dashboards";
import { KPI_FIGURES } from "./kpi-figures";
import { WidgetCard } from "./widget-card";

/** The figures compare mode sets side by side, in table order (labels and formats from KPI_FIGURES). */
const ROWS = (
  [
    "sessions",
    "completed",
    "aiHours",
    "timeSavedHours",
    "costSaved",
    "roiPct",
    "avgEffectiveness",
    "successRatePct",
  ] as const
).map((key) => ({ key, ...KPI_FIGURES[key] }));

const signed = (d: number, f: (d: number) => string) => (d > 0 ? `+${f(d)}` : d < 0 ? `−${f(-d)}` : f(0));

/** The compare form: the current filters as hidden fields and the before range as one text field. */
function CompareForm({ filters, value }: { filters: DashboardFilters; value?: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2" data-testid="compare-form">
      {FILTER_KEYS.filter((k) => k !== "compare").map((k) =>
        filters[k] === undefined ? null : <input key={k} type="hidden" name={k} value={filters[k]} />,
      )}
      <label className="flex flex-col gap-1 text-tremor-label text-tremor-content">
        Before range (YYYY-MM-DD..YYYY-MM-DD)
        <input
          name="compare"
          defaultValue={value}
          placeholder="2026-09-01..2026-09-30"
          className="w-60 rounded-tremor-default border border-tremor-border bg-tremor-background px-2 py-1.5 text-tremor-default text-tremor-content-strong"
        />
      </label>
      <button
        type="submit"
        className="rounded-tremor-default border border-tremor-border px-3 py-1.5 text-tremor-default hover:bg-tremor-background-subtle"
      >
        Compare
      </button>
    </form>
  );
}

/**
 * Compare mode: the KPIs of the `compare` range ("before", e.g. before a rollout) beside the main range
 * ("after") with the change; the form sets the range in the URL. A malformed or backwards range is an
 * inline error, the page still renders.
 */
export async function CompareWidget({ scope }: { scope: DashboardScope }) {
  const c = await loadPeriodCompare(scope);
  const { filters } = scope;
  if (!c) {
    return (
      <details
        className="rounded-tremor-default border border-tremor-border p-3"
        data-testid="compare-closed"
      >
        <summary className="cursor-pointer text-tremor-default text-tremor-content-strong">
          Compare with another range (before / after)
        </summary>
        <div className="mt-3">
          <CompareForm filters={filters} />
        </div>
      </details>
    );
  }
  return (
    <WidgetCard
      title="Compare ranges"
      description={
        c.ok ? `Before ${date(c.from)} – ${date(c.to)} · after ${describeRange(filters)}` : "Compare mode"
      }
      testId="widget-compare"
    >
      {c.ok ? (
        <ScrollRegion label="Before and after">
          <table className="w-full text-tremor-default tabular-nums">
            <caption className="sr-only">
              Before ({date(c.from)} – {date(c.to)}) and after ({describeRange(filters)}), with the change
            </caption>
            <thead>
              <tr className="text-left text-tremor-label text-tremor-content">
                {["Figure", "Before", "After", "Change"].map((h, i) => (
                  <th
                    key={h}
                    scope="col"
                    className={`py-1 font-medium ${i ? "text-right" : ""} ${i < 3 ? "pr-3" : ""}`}
                  >
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((r) => {
                const b = c.before.values[r.key];
                const a = c.after.values[r.key];
                const d = c.change[r.key];
                return (
                  <tr key={r.key} className="border-t border-tremor-border" data-testid={`compare-${r.key}`}>
                    <th scope="row" className="py-1 pr-3 text-left font-normal text-tremor-content">
                      {r.label}
                    </th>
                    <td className="py-1 pr-3 text-right" data-testid="before">
                      {b === null ? "—" : r.text(b)}
                    </td>
                    <td className="py-1 pr-3 text-right" data-testid="after">
                      {a === null ? "—" : r.text(a)}
                    </td>
                    <td className="py-1 text-right" data-testid="change">
                      {d === null ? "—" : signed(d, r.change)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {!c.before.covered || !c.after.covered ? (
            <p
              className="mt-2 text-tremor-label text-amber-700 dark:text-amber-400"
              data-testid="compare-partial"
            >
              ⚠ The data starts inside the {!c.before.covered ? "before" : "after"} range: it holds only part
              of that period.
            </p>
          ) : null}
        </ScrollRegion>
      ) : (
        <p
          role="alert"
          className="mb-3 text-tremor-default text-rose-700 dark:text-rose-400"
          data-testid="compare-error"
        >
          {c.error}
        </p>
      )}
      <div className="mt-3">
        <CompareForm filters={filters} value={filters.compare} />
      </div>
    </WidgetCard>
  );
}
