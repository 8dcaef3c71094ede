import { fixed, int, pct } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { type DashboardScope, loadRequests } from "@/lib/server/dashboards";
import { EmptyState, WidgetCard } from "./widget-card";

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
