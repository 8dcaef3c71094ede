/**
 * Server widgets of the Overview and developer pages. Each loads its slice of the read model (memoised
 * per request) and renders a Tremor chart leaf plus a screen-reader table of the same numbers.
 */
import { Badge, CategoryBar } from "@tremor/react";
import Link from "next/link";
import { AssumptionsPopover } from "@/app/_components/assumptions-popover";
import { Areas, Bars, Donut } from "@/app/_components/charts/charts";
import { fixed, humanize, int, pct, shortDate, usd } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { displayText } from "@/lib/display-text";
import { filtersToQuery } from "@/lib/filters";
import {
  type DashboardScope,
  loadAssumptions,
  loadEstimation,
  loadIssues,
  loadOutcomes,
  loadReport,
  loadRequests,
  loadTaskSummary,
  loadTrend,
} from "@/lib/server/dashboards";
import { DataTable } from "./data-table";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** Visually hidden table with a chart's numbers (screen readers, copy-paste). */
function SrTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>
            {r.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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

/** ROI as upstream computes it, beside outcome-weighted ROI and estimation accuracy. */
export async function RoiWidget({ scope }: { scope: DashboardScope }) {
  const r = await loadReport(scope);
  const e = (await loadEstimation(scope)).overall;
  const a = await loadAssumptions();
  const c = r.roi.cost_metrics;
  const o = r.outcomeRoi;
  const ratio = (v: number | null) => (v === null ? "—" : `${fixed(v, 2)}×`);
  return (
    <WidgetCard
      title="Return on investment"
      description="Upstream's ROI beside an outcome-weighted ROI and how good the estimates were"
      actions={<AssumptionsPopover assumptions={a} align="right" />}
      testId="widget-roi"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-tremor-default bg-tremor-background-muted p-3">
          <p className="text-tremor-label font-medium text-tremor-content">Upstream ROI</p>
          <p
            className="text-xl font-semibold tabular-nums text-tremor-content-strong"
            data-testid="roi-upstream"
          >
            {pct(c.roi_percentage)}
          </p>
          <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 text-tremor-label tabular-nums">
            <dt className="text-tremor-content">Human baseline</dt>
            <dd className="text-right text-tremor-content-strong">{usd(c.human_baseline_cost)}</dd>
            <dt className="text-tremor-content">AI subscription</dt>
            <dd className="text-right text-tremor-content-strong">{usd(c.ai_subscription_cost)}</dd>
            <dt className="text-tremor-content">Oversight</dt>
            <dd className="text-right text-tremor-content-strong">{usd(c.oversight_cost)}</dd>
            <dt className="text-tremor-content">Cost saved</dt>
            <dd className="text-right font-medium text-tremor-content-strong">{usd(c.cost_saved)}</dd>
          </dl>
        </div>
        <div className="rounded-tremor-default bg-tremor-background-muted p-3">
          <p className="text-tremor-label font-medium text-tremor-content">Outcome-weighted ROI</p>
          <p
            className="text-xl font-semibold tabular-nums text-tremor-content-strong"
            data-testid="roi-outcome"
          >
            {pct(o.roi_percentage)}
          </p>
          <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 text-tremor-label tabular-nums">
            <dt className="text-tremor-content">Value delivered</dt>
            <dd className="text-right text-tremor-content-strong">{usd(o.human_value_cost)}</dd>
            <dt className="text-tremor-content">AI cost</dt>
            <dd className="text-right text-tremor-content-strong">{usd(o.total_ai_cost)}</dd>
            <dt className="text-tremor-content">Cost saved</dt>
            <dd className="text-right font-medium text-tremor-content-strong">{usd(o.cost_saved)}</dd>
            <dt className="text-tremor-content">Success / partial / failed</dt>
            <dd className="text-right text-tremor-content-strong">
              {o.by_outcome.success} / {o.by_outcome.partial} / {o.by_outcome.failed}
            </dd>
          </dl>
        </div>
      </div>
      <p className="mt-3 text-tremor-label text-tremor-content" data-testid="roi-explainer">
        Upstream's ROI counts every completed session's estimated human time as value, whatever the outcome.
        The outcome-weighted ROI counts a failed session's cost and no value, a partial one at half its value,
        and a success (or a session without an outcome) in full.
      </p>
      <div className="mt-4 border-t border-tremor-border pt-3">
        <p className="text-tremor-label font-medium text-tremor-content">
          Estimation accuracy ({int(e.sessions_considered)} completed sessions with a duration)
        </p>
        <dl
          className="mt-1 grid grid-cols-3 gap-2 text-tremor-label tabular-nums"
          data-testid="estimation-accuracy"
        >
          <div>
            <dt className="text-tremor-content">Initial ÷ actual (median)</dt>
            <dd className="text-tremor-default font-semibold text-tremor-content-strong">
              {ratio(e.initial_to_actual.median)}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-content">Final ÷ actual (median)</dt>
            <dd className="text-tremor-default font-semibold text-tremor-content-strong">
              {ratio(e.final_to_actual.median)}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-content">Initial vs final (MAPE)</dt>
            <dd className="text-tremor-default font-semibold text-tremor-content-strong">
              {e.initial_vs_final_mape_pct === null ? "—" : pct(e.initial_vs_final_mape_pct, 0)}
            </dd>
          </div>
        </dl>
        <p className="mt-1 text-tremor-label text-tremor-content-subtle">
          A ratio of 2× means the work took half the time a human estimated.
        </p>
      </div>
    </WidgetCard>
  );
}

/** Figures by task type. */
export async function TaskTypeWidget({ scope }: { scope: DashboardScope }) {
  const rows = await loadTaskSummary(scope);
  const data = rows.map((r) => ({
    task: humanize(r.key),
    "Hours saved": r.roi.time_metrics.time_saved_hours,
    Sessions: r.sessions,
  }));
  return (
    <WidgetCard
      title="By task type"
      description="Sessions and hours saved (human review is excluded from ROI, as upstream)"
      testId="widget-task-types"
    >
      {rows.length ? (
        <>
          <Bars
            data={data}
            index="task"
            categories={["Sessions", "Hours saved"]}
            colors={["blue", "emerald"]}
            format="fixed1"
            label="Sessions and hours saved by task type"
            className="h-60"
          />
          <SrTable
            caption="By task type"
            head={["Task type", "Sessions", "Hours saved", "ROI %"]}
            rows={rows.map((r) => [
              displayText(r.key),
              r.sessions,
              r.roi.time_metrics.time_saved_hours,
              r.roi.cost_metrics.roi_percentage,
            ])}
          />
        </>
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}

const OUTCOME_COLORS: Record<string, string> = {
  Success: "emerald",
  Partial: "amber",
  Failed: "rose",
  Active: "blue",
  "No outcome": "gray",
};

/** Sessions by outcome. */
export async function OutcomesWidget({ scope }: { scope: DashboardScope }) {
  const rows = await loadOutcomes(scope);
  const merged = new Map<string, number>();
  for (const r of rows) {
    const name = r.outcome ? humanize(r.outcome) : r.status === "active" ? "Active" : "No outcome";
    merged.set(name, (merged.get(name) ?? 0) + r.sessions);
  }
  const data = [...merged].map(([name, sessions]) => ({ name, sessions }));
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
          />
          <ul className="w-full space-y-1 text-tremor-default">
            {data.map((d) => (
              <li key={d.name} className="flex justify-between gap-4 tabular-nums">
                <span className="text-tremor-content">{d.name}</span>
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

/** Issues by severity and type. */
export async function IssuesWidget({
  scope,
  linkToIssues = true,
}: {
  scope: DashboardScope;
  linkToIssues?: boolean;
}) {
  const i = await loadIssues(scope);
  const sev = ["critical", "high", "medium", "low"]
    .map((s) => ({ s, n: i.summary.by_severity[s] ?? 0 }))
    .concat(
      Object.entries(i.summary.by_severity)
        .filter(([s]) => !["critical", "high", "medium", "low"].includes(s))
        .map(([s, n]) => ({ s, n })),
    );
  const colors: Record<string, "rose" | "orange" | "amber" | "gray"> = {
    critical: "rose",
    high: "orange",
    medium: "amber",
    low: "gray",
  };
  const types = Object.entries(i.summary.by_type).sort((a, b) => b[1] - a[1]);
  return (
    <WidgetCard
      title="Issues"
      description={`${int(i.summary.total)} flagged, ${int(i.open)} unresolved`}
      actions={
        linkToIssues ? (
          <Link
            href={`/issues${filtersToQuery(scope.filters)}`}
            className="text-tremor-label font-medium text-tremor-brand hover:underline"
          >
            All issues →
          </Link>
        ) : null
      }
      testId="widget-issues"
    >
      {i.summary.total ? (
        <>
          <div className="flex flex-wrap gap-2">
            <span className="sr-only">By severity:</span>
            {sev.map(({ s, n }) => (
              <Badge key={s} color={colors[s] ?? "gray"}>
                {humanize(s)}: {int(n)}
              </Badge>
            ))}
          </div>
          <Bars
            data={types.map(([t, n]) => ({ type: humanize(t), Issues: n }))}
            index="type"
            categories={["Issues"]}
            colors={["rose"]}
            layout="vertical"
            yAxisWidth={110}
            label="Issues by type"
            className="mt-3 h-44"
          />
          <SrTable caption="Issues by type" head={["Type", "Issues"]} rows={types} />
        </>
      ) : (
        <EmptyState
          title="No issues flagged"
          hint="Nothing was flagged in this range — or widen the filters."
        />
      )}
    </WidgetCard>
  );
}

/** Token, cache and context figures (upstream's token panel). */
export async function TokensWidget({ scope }: { scope: DashboardScope }) {
  const t = (await loadReport(scope)).tokens;
  const s = t.token_stats;
  return (
    <WidgetCard
      title="Tokens & cache"
      description={`Over ${int(s.turns)} interactions`}
      testId="widget-tokens"
    >
      {s.turns ? (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-tremor-default tabular-nums">
          <div>
            <dt className="text-tremor-label text-tremor-content">Cache hit rate</dt>
            <dd className="text-xl font-semibold text-tremor-content-strong">
              {pct(t.cache_stats.hit_rate_pct)}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-label text-tremor-content">Context peak</dt>
            <dd className="text-xl font-semibold text-tremor-content-strong">
              {pct(t.context_stats.peak_utilization_pct)}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-label text-tremor-content">Tokens in</dt>
            <dd className="text-tremor-content-strong">
              {int(s.total_in)}{" "}
              <span className="text-tremor-label text-tremor-content">
                ({int(s.avg_in_per_turn)} avg, {int(s.peak_in)} peak)
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-tremor-label text-tremor-content">Tokens out</dt>
            <dd className="text-tremor-content-strong">
              {int(s.total_out)}{" "}
              <span className="text-tremor-label text-tremor-content">
                ({int(s.avg_out_per_turn)} avg, {int(s.peak_out)} peak)
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-tremor-label text-tremor-content">Cached tokens</dt>
            <dd className="text-tremor-content-strong">{int(t.cache_stats.total_cached)}</dd>
          </div>
          <div>
            <dt className="text-tremor-label text-tremor-content">New tokens</dt>
            <dd className="text-tremor-content-strong">{int(t.cache_stats.total_new)}</dd>
          </div>
        </dl>
      ) : (
        <EmptyState title="No interactions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}

/** `requests.json` stats (never shown by upstream's dashboard). */
export async function RequestsWidget({ scope }: { scope: DashboardScope }) {
  const r = await loadRequests(scope);
  const models = Object.entries(r.by_model).slice(0, 6);
  return (
    <WidgetCard
      title="Requests"
      description="From requests.json. Task type and outcome filters do not apply (requests are not tied to sessions)."
      testId="widget-requests"
    >
      {r.total_requests ? (
        <>
          <dl className="grid grid-cols-3 gap-3 text-tremor-default tabular-nums">
            <div>
              <dt className="text-tremor-label text-tremor-content">Requests</dt>
              <dd className="text-xl font-semibold text-tremor-content-strong">{int(r.total_requests)}</dd>
            </div>
            <div>
              <dt className="text-tremor-label text-tremor-content">Avg tokens in / out</dt>
              <dd className="text-tremor-content-strong">
                {fixed(r.avg_tokens_in, 1)} / {fixed(r.avg_tokens_out, 1)}
              </dd>
            </div>
            <div>
              <dt className="text-tremor-label text-tremor-content">Avg cache hit</dt>
              <dd className="text-tremor-content-strong">{pct(r.avg_cache_hit_rate * 100, 1)}</dd>
            </div>
          </dl>
          <ul className="mt-3 space-y-1 text-tremor-label">
            {models.map(([m, n]) => (
              <li key={m} className="flex justify-between gap-3">
                <UserText text={m} className="truncate text-tremor-content" />
                <span className="tabular-nums text-tremor-content-strong">{int(n)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-tremor-label text-tremor-content-subtle">
            By type:{" "}
            {Object.entries(r.by_type)
              .map(([t, n]) => `${t} ${int(n)}`)
              .join(" · ")}
          </p>
        </>
      ) : (
        <EmptyState
          title="No requests logged"
          hint="Requests appear when agents call log_request; widen the range or check the Sources page."
        />
      )}
    </WidgetCard>
  );
}

/** Estimation accuracy by task type or by developer (initial and final estimate vs actual time). */
export async function EstimationWidget({ scope, by }: { scope: DashboardScope; by: "task" | "developer" }) {
  const e = await loadEstimation(scope, true);
  const rows = by === "task" ? e.byTaskType : e.byDeveloper;
  const ratio = (v: number | null) => (v === null ? "—" : `${fixed(v, 2)}×`);
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
