import type { Assumptions } from "ai-session-tracker-mcp/stats";
import { AssumptionsPopover } from "@/app/_components/assumptions-popover";
import { pct, usd } from "@/app/_components/format";
import { WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";
import { FigureGrid } from "./fact";

/** This session's ROI under the assumptions in force (0 when it is not counted). */
export function SessionRoi({ d, assumptions: a }: { d: SessionDetail; assumptions: Assumptions }) {
  const s = d.session;
  return (
    <WidgetCard
      title="ROI of this session"
      actions={<AssumptionsPopover assumptions={a} align="right" />}
      testId="session-roi"
    >
      {/* Figures as data, like the token card's: alike by design. */}
      <FigureGrid
        figures={[
          ["Human baseline", usd(d.roi.cost_metrics.human_baseline_cost)],
          ["AI cost", usd(d.roi.cost_metrics.total_ai_cost)],
          ["Cost saved", usd(d.roi.cost_metrics.cost_saved)],
          ["ROI", pct(d.roi.cost_metrics.roi_percentage)],
        ]}
      />
      {d.roi.time_metrics.completed_sessions === 0 ? (
        <p className="mt-2 text-tremor-label text-tremor-content">
          Not counted in ROI ({s.status !== "completed" ? "not completed" : "human review is excluded"}
          ).
        </p>
      ) : null}
    </WidgetCard>
  );
}
