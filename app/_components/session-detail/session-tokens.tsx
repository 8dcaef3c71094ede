import { int, pct } from "@/app/_components/format";
import { WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";
import { Fact } from "./fact";

/** Token, cache and context figures of the session. */
export function SessionTokens({ d }: { d: SessionDetail }) {
  return (
    <WidgetCard
      title="Tokens"
      description={`Over ${int(d.tokens.token_stats.turns)} turns`}
      testId="session-tokens"
    >
      <dl className="grid grid-cols-2 gap-3 tabular-nums">
        <Fact label="Tokens in">{int(d.tokens.token_stats.total_in)}</Fact>
        <Fact label="Tokens out">{int(d.tokens.token_stats.total_out)}</Fact>
        <Fact label="Cache hit rate">{pct(d.tokens.cache_stats.hit_rate_pct)}</Fact>
        <Fact label="Context peak">{pct(d.tokens.context_stats.peak_utilization_pct)}</Fact>
      </dl>
    </WidgetCard>
  );
}
