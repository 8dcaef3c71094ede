import { Badge } from "@tremor/react";
import type { FrictionFinding } from "ai-session-tracker-mcp/stats";
import Link from "next/link";
import { Sparkline } from "@/app/_components/charts/charts";
import { fixed, hours, int, pct, usd } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { displayText } from "@/lib/display-text";
import type { TrendPoint } from "@/lib/queries/get-trend";
import type { Slice } from "@/lib/queries/slices";
import { type Column, DataTable } from "./data-table";

/**
 * The report figures of each developer / project / model as one table row. `hrefOf` makes the name a
 * link (drill-down); `trend` adds a weekly-sessions sparkline (partial weeks left out, so it never ends
 * in a fake drop). `friction` (in-day friction findings of the same grouping) replaces upstream's
 * indicators, which flag nearly every row, in the Friction column.
 */
export function BreakdownTable({
  caption,
  nameHeader,
  rows,
  hrefOf,
  trend,
  friction,
  testId,
}: {
  caption: string;
  nameHeader: string;
  rows: Slice[];
  hrefOf: (key: string) => string;
  trend?: Map<string, TrendPoint[]>;
  friction?: FrictionFinding[];
  testId?: string;
}) {
  const findings = new Map(friction?.map((f) => [f.key, f]));
  const columns: Column<Slice>[] = [
    {
      key: "name",
      header: nameHeader,
      cell: (r) => (
        <Link href={hrefOf(r.key)} className="font-medium text-tremor-brand hover:underline">
          {r.key === "" ? "(none)" : <UserText text={r.key} />}
        </Link>
      ),
    },
    ...(trend
      ? [
          {
            key: "trend",
            header: "Sessions / week",
            hideOnPhone: true,
            cell: (r: Slice) => {
              const pts = (trend.get(r.key) ?? []).filter((p) => !p.partial);
              return (
                <Sparkline
                  data={pts.map((p) => p.sessions)}
                  label={`Weekly sessions of ${displayText(r.key)}: ${pts.map((p) => p.sessions).join(", ")}`}
                />
              );
            },
          },
        ]
      : []),
    { key: "sessions", header: "Sessions", align: "right", cell: (r) => int(r.sessions) },
    {
      key: "completed",
      header: "Completed",
      align: "right",
      hideOnPhone: true,
      cell: (r) => int(r.roi.time_metrics.completed_sessions),
    },
    {
      key: "ai",
      header: "AI hours",
      align: "right",
      hideOnPhone: true,
      cell: (r) => hours(r.roi.time_metrics.total_ai_hours),
    },
    {
      key: "saved",
      header: "Time saved",
      align: "right",
      cell: (r) => hours(r.roi.time_metrics.time_saved_hours),
    },
    { key: "cost", header: "Cost saved", align: "right", cell: (r) => usd(r.roi.cost_metrics.cost_saved) },
    { key: "roi", header: "ROI", align: "right", cell: (r) => pct(r.roi.cost_metrics.roi_percentage) },
    {
      key: "oroi",
      header: "Outcome ROI",
      align: "right",
      hideOnPhone: true,
      cell: (r) => pct(r.outcomeRoi.roi_percentage),
    },
    {
      key: "mult",
      header: "Productivity",
      align: "right",
      hideOnPhone: true,
      cell: (r) => `${fixed(r.roi.cost_metrics.productivity_multiplier, 1)}×`,
    },
    {
      key: "eff",
      header: "Effectiveness",
      align: "right",
      hideOnPhone: true,
      cell: (r) => fixed(r.roi.productivity_metrics.average_effectiveness, 2),
    },
    {
      key: "friction",
      header: "Friction",
      hideOnPhone: true,
      cell: (r) => {
        if (friction) {
          const f = findings.get(r.key);
          return f?.flagged ? (
            <Badge
              color="amber"
              size="xs"
              title={`${pct(f.sharePct)} of ${int(f.gaps)} in-day gaps are long vs the team's ${pct(f.teamSharePct)}`}
            >
              +{fixed(f.deltaPt, 1)} pt
            </Badge>
          ) : (
            <span className="text-tremor-content-subtle">—</span>
          );
        }
        const n = r.gaps.byDeveloper.filter((d) => d.friction_indicators.length).length;
        return n ? (
          <Badge
            color="amber"
            size="xs"
            title={r.gaps.byDeveloper
              .flatMap((d) => d.friction_indicators.map((f) => `${displayText(d.developer)}: ${f}`))
              .join("\n")}
          >
            {r.gaps.byDeveloper.length > 1 ? `${n} flagged` : "flagged"}
          </Badge>
        ) : (
          <span className="text-tremor-content-subtle">—</span>
        );
      },
    },
  ];
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.key} testId={testId} />;
}
