import type { ReactNode } from "react";
import { CompactNumber } from "@/app/_components/compact-number";
import { int, pct } from "@/app/_components/format";
import { type DashboardScope, loadReport } from "@/lib/server/dashboards";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

/** One figure of the panel: label, value (large for the headline ones), and an optional detail after it. */
function Figure({
  label,
  value,
  big,
  detail,
}: {
  label: string;
  value: ReactNode;
  big?: boolean;
  detail?: string;
}) {
  return (
    <div>
      <dt className="text-tremor-label text-tremor-content">{label}</dt>
      <dd className={big ? "text-xl font-semibold text-tremor-content-strong" : "text-tremor-content-strong"}>
        {value}
        {detail ? (
          <>
            {" "}
            <span className="text-tremor-label text-tremor-content">{detail}</span>
          </>
        ) : null}
      </dd>
    </div>
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
          <Figure label="Cache hit rate" big value={pct(t.cache_stats.hit_rate_pct)} />
          <Figure label="Context peak" big value={pct(t.context_stats.peak_utilization_pct)} />
          <Figure
            label="Tokens in"
            value={<CompactNumber value={s.total_in} />}
            detail={`(${int(s.avg_in_per_turn)} avg, ${int(s.peak_in)} peak)`}
          />
          <Figure
            label="Tokens out"
            value={<CompactNumber value={s.total_out} />}
            detail={`(${int(s.avg_out_per_turn)} avg, ${int(s.peak_out)} peak)`}
          />
          <Figure label="Cached tokens" value={<CompactNumber value={t.cache_stats.total_cached} />} />
          <Figure label="New tokens" value={<CompactNumber value={t.cache_stats.total_new} />} />
        </dl>
      ) : (
        <EmptyState title="No interactions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
