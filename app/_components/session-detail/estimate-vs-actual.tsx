import { humanize, minutes } from "@/app/_components/format";
import { WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";

/** One bar of the chart: `v` minutes on a scale of `max` (null: "not given"). */
function EstimateBar({
  v,
  max,
  color,
  label,
}: {
  v: number | null;
  max: number;
  color: string;
  label: string;
}) {
  return (
    <div className="grid grid-cols-[7rem_1fr_4.5rem] items-center gap-2 text-tremor-label">
      <span className="text-tremor-content">{label}</span>
      <div className="h-3 rounded-full bg-tremor-background-subtle" aria-hidden="true">
        <div
          className={`h-3 rounded-full ${color}`}
          style={{ width: `${Math.max(0, Math.min(100, ((v ?? 0) / max) * 100))}%` }}
        />
      </div>
      <span className="text-right tabular-nums text-tremor-content-strong">
        {v === null ? "not given" : minutes(v)}
      </span>
    </div>
  );
}

/** Initial and final estimate beside the actual AI time, as bars on one scale. */
export function EstimateVsActual({ d }: { d: SessionDetail }) {
  const s = d.session;
  const max = Math.max(d.durationMinutes, s.initial_estimate_minutes ?? 0, s.final_estimate_minutes ?? 0, 1);
  return (
    <WidgetCard
      title="Estimate vs actual"
      description={`Estimate source: ${humanize(s.estimate_source)}`}
      testId="estimate-vs-actual"
    >
      <div className="flex flex-col gap-2">
        <EstimateBar
          v={s.initial_estimate_minutes ?? s.human_time_estimate_minutes ?? 0}
          max={max}
          color="bg-gray-400"
          label="Initial estimate"
        />
        <EstimateBar
          v={s.final_estimate_minutes || null}
          max={max}
          color="bg-blue-500"
          label="Final estimate"
        />
        <EstimateBar v={d.durationMinutes} max={max} color="bg-emerald-500" label="Actual (AI)" />
      </div>
      <p className="mt-3 text-tremor-label text-tremor-content">
        ROI uses {minutes(d.estimateMinutes)} of human time (the final estimate, else the initial one).
      </p>
    </WidgetCard>
  );
}
