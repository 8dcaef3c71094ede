import { int, pct } from "@/app/_components/format";
import { WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";
import { FigureGrid } from "./fact";

/** Token, cache and context figures of the session. */
export function SessionTokens({ d }: { d: SessionDetail }) {
  return (
    <WidgetCard
      title="Tokens"
      description={`Over ${int(d.tokens.token_stats.turns)} turns`}
      testId="session-tokens"
    >
      {/* Figures as data, like the ROI card's: alike by design. */}
      <FigureGrid
        figures={[
          ["Tokens in", int(d.tokens.token_stats.total_in)],
          ["Tokens out", int(d.tokens.token_stats.total_out)],
          ["Cache hit rate", pct(d.tokens.cache_stats.hit_rate_pct)],
          ["Context peak", pct(d.tokens.context_stats.peak_utilization_pct)],
        ]}
      />
    </WidgetCard>
  );
}
