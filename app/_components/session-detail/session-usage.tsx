import { int, usd } from "@/app/_components/format";
import { WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";
import { FigureGrid } from "./fact";

/** Measured token usage and its priced cost joined to the session (issue 13), with the matching rule. */
export function SessionUsage({ d }: { d: SessionDetail }) {
  const u = d.usage;
  const cost = u.costUsd === null ? (u.requests > 0 ? "unpriced" : "—") : usd(u.costUsd);
  return (
    <WidgetCard
      title="Measured usage"
      description={`${int(u.records)} usage records from the agents' logs: ${u.rule}`}
      testId="session-usage"
    >
      <FigureGrid
        figures={[
          ["Measured cost", cost],
          ["Requests", int(u.requests)],
          ["Input tokens", int(u.tokens.input_tokens)],
          ["Output tokens", int(u.tokens.output_tokens)],
          ["Cache writes", int(u.tokens.cache_write_5m_tokens + u.tokens.cache_write_1h_tokens)],
          ["Cache reads", int(u.tokens.cache_read_tokens)],
        ]}
      />
      {u.unpricedRequests > 0 ? (
        <p className="text-sm" data-testid="session-usage-unpriced">
          {int(u.unpricedRequests)} requests of {u.unpricedModels.join(", ")} have no price row (not in the
          cost; add a price in Settings).
        </p>
      ) : null}
    </WidgetCard>
  );
}
