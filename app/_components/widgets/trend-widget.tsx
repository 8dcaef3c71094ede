import { Bars } from "@/app/_components/charts/charts";
import { shortDate } from "@/app/_components/format";
import type { BucketPoint } from "@/lib/queries/get-trend";
import type { TrendBucket } from "@/lib/queries/trend-buckets";
import { type DashboardScope, loadTrendSeries } from "@/lib/server/dashboards";
import { SrTable } from "./sr-table";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";
import { WithheldNote } from "./withheld-note";

const PER: Record<TrendBucket, { noun: string; title: string; note: string }> = {
  day: { noun: "day", title: "Daily trend", note: "days (UTC)" },
  week: { noun: "week", title: "Weekly trend", note: "weeks starting Monday (UTC)" },
  month: { noun: "month", title: "Monthly trend", note: "calendar months (UTC)" },
};

/**
 * A bucket's axis label; a partial one is starred so its lower bar never reads as a collapse, a withheld
 * one (member privacy: too few other people in it) is marked so its empty bar never reads as no work.
 */
const label = (p: BucketPoint & { withheld: boolean }) =>
  `${shortDate(p.startMs)}${p.partial ? "*" : ""}${p.withheld ? " (withheld)" : ""}`;

/**
 * Hours saved and sessions per bucket, the bucket size chosen by the range's length (day / week /
 * month). Buckets the range covers only in part are drawn in a separate, lighter series and starred.
 */
export async function TrendWidget({ scope }: { scope: DashboardScope }) {
  const { bucket, points, withheld } = await loadTrendSeries(scope);
  const per = PER[bucket];
  const any = points.some((p) => p.sessions > 0);
  const partial = points.filter((p) => p.partial);
  const saved = `Hours saved per ${per.noun}`;
  const savedPartial = `Hours saved (partial ${per.noun})`;
  const sessions = `Sessions per ${per.noun}`;
  const sessionsPartial = `Sessions (partial ${per.noun})`;
  const data = points.map((p) => ({
    bucket: label(p),
    [saved]: p.partial ? 0 : p.timeSavedHours,
    [savedPartial]: p.partial ? p.timeSavedHours : 0,
    [sessions]: p.partial ? 0 : p.sessions,
    [sessionsPartial]: p.partial ? p.sessions : 0,
  }));
  return (
    <WidgetCard
      title={per.title}
      description={`Hours saved and sessions per ${per.note}; the bucket size follows the range's length`}
      testId="widget-trend"
    >
      <WithheldNote withheld={withheld} noun={[per.noun, `${per.noun}s`]} />
      {any ? (
        <>
          {/* Two charts of one shape on purpose: hours and sessions have different scales. */}
          <Bars
            data={data}
            index="bucket"
            categories={[saved, savedPartial]}
            colors={["emerald", "gray"]}
            stack
            format="fixed1"
            label={`${saved}; partial ${per.noun}s starred`}
            className="h-44"
          />
          <Bars
            data={data}
            index="bucket"
            categories={[sessions, sessionsPartial]}
            colors={["blue", "gray"]}
            stack
            label={`${sessions}; partial ${per.noun}s starred`}
            className="mt-4 h-32"
          />
          {partial.length ? (
            <p className="mt-2 text-tremor-label text-tremor-content" data-testid="trend-partial-note">
              * Partial {per.noun}
              {partial.length > 1 ? "s" : ""}:{" "}
              {partial
                .map((p) => `${shortDate(p.startMs)} (${Math.round(p.coverage * 100)} % in range)`)
                .join(", ")}
              — lower by design, not a drop.
            </p>
          ) : null}
          <SrTable
            caption={per.title}
            head={[
              per.noun === "day" ? "Day" : `${per.noun[0]?.toUpperCase()}${per.noun.slice(1)} starting`,
              "Sessions",
              "Hours saved",
              "Partial",
            ]}
            rows={points.map((p) => [
              shortDate(p.startMs),
              p.sessions,
              p.timeSavedHours,
              p.partial ? `yes, ${Math.round(p.coverage * 100)} %` : "no",
            ])}
          />
        </>
      ) : (
        <EmptyState title="No sessions in this range" hint={WIDEN_FILTERS_HINT} />
      )}
    </WidgetCard>
  );
}
