import { CategoryBar } from "@tremor/react";
import type { FrictionFinding } from "ai-session-tracker-mcp/stats";
import { DeveloperName } from "@/app/_components/developer-name";
import { fixed, int, pct } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { type DashboardScope, loadFriction, loadReport } from "@/lib/server/dashboards";
import { EmptyState, WidgetCard } from "./widget-card";

const GROUP_NOUN = { developer: "Developer", project: "Project", model: "Model" } as const;

/** "66.7 % of 12 in-day gaps ≥ 30 min vs the team's 28.8 % (+37.9 pt)". */
function findingText(f: FrictionFinding, longMin: number): string {
  return `${pct(f.sharePct)} of ${int(f.gaps)} in-day gaps ≥ ${longMin} min vs the team's ${pct(f.teamSharePct)} (+${fixed(f.deltaPt, 1)} pt)`;
}

/**
 * Gaps between sessions: upstream's classes (each developer's own timeline, figures unchanged), then the
 * portal's in-day friction — only pauses inside a working day, flagged against the team's own baseline.
 * Upstream's indicators (which count nights and weekends, so flag nearly everyone) stay one click away.
 */
export async function GapsWidget({ scope }: { scope: DashboardScope }) {
  const g = (await loadReport(scope)).gaps;
  const f = await loadFriction(scope);
  const c = g.by_classification;
  const total = g.total_gaps || 1;
  const upstreamFlagged = g.byDeveloper.filter((d) => d.friction_indicators.length > 0);
  const flagged = (["developer", "project", "model"] as const).flatMap((group) =>
    f[group].filter((x) => x.flagged).map((x) => ({ group, ...x })),
  );
  const r = f.rule;
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
          <div className="mt-3 text-tremor-label" data-testid="in-day-friction">
            <p className="text-tremor-content">
              In-day friction: {int(f.team.gaps)} gaps inside a working day (same calendar day, under{" "}
              {fixed(r.maxGapMinutes / 60, 0)} h); {pct(f.team.sharePct)} of them ≥ {r.longGapMinutes} min —
              the team's baseline. Flagged: {r.marginPt} pt above it with at least {r.minGaps} gaps.
            </p>
            {flagged.length ? (
              <ul className="mt-2 space-y-1" aria-label="Friction flags">
                {flagged.map((x) => (
                  <li key={`${x.group}:${x.key}`} className="text-amber-700 dark:text-amber-400">
                    ⚠ {GROUP_NOUN[x.group]} <UserText text={x.key || "(no project)"} />:{" "}
                    {findingText(x, r.longGapMinutes)}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-emerald-700 dark:text-emerald-400">
                No developer, project or model stands out from the team's baseline.
              </p>
            )}
          </div>
          {g.friction_indicators.length || upstreamFlagged.length ? (
            <details className="mt-3 text-tremor-label">
              <summary className="cursor-pointer text-tremor-content">
                Upstream method's indicators (count nights and weekends as gaps)
              </summary>
              <ul className="mt-1 space-y-1 text-tremor-content" aria-label="Upstream friction indicators">
                {g.friction_indicators.map((t) => (
                  <li key={t}>Team: {t}</li>
                ))}
                {upstreamFlagged.map((d) => (
                  <li key={d.developer}>
                    <DeveloperName folder={d.developer} />: {d.friction_indicators.join("; ")}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : (
        <EmptyState title="No gaps yet" hint="Gaps appear once a developer has two sessions in the range." />
      )}
    </WidgetCard>
  );
}
