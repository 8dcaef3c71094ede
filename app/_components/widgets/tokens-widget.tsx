import { int, pct } from "@/app/_components/format";
import { type DashboardScope, loadReport } from "@/lib/server/dashboards";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

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
