import Link from "next/link";
import { Bars } from "@/app/_components/charts/charts";
import { DeveloperName } from "@/app/_components/developer-name";
import { int, shortDate } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { filtersToQuery } from "@/lib/filters";
import type { DeveloperAdoption } from "@/lib/queries/get-adoption";
import { type DashboardScope, loadAdoption } from "@/lib/server/dashboards";
import { type Column, DataTable } from "./data-table";
import { SrTable } from "./sr-table";
import { EmptyState, WidgetCard } from "./widget-card";

/** Active developers per period as bars, with the numbers in a screen-reader table. */
function ActiveChart({ title, index, points }: { title: string; index: string; points: [string, number][] }) {
  return (
    <div>
      <h3 className="mb-1 text-tremor-label font-medium text-tremor-content">{title}</h3>
      <Bars
        data={points.map(([k, n]) => ({ [index]: k, Developers: n }))}
        index={index}
        categories={["Developers"]}
        label={`${title} (UTC; weeks from Monday)`}
        className="h-44"
        yAxisWidth={32}
      />
      <SrTable caption={title} head={[index, "Developers"]} rows={points} />
    </div>
  );
}

/** "3 days" / "1 day" / "today". */
function daysAgo(d: number | null): string {
  if (d === null) return "never";
  if (d === 0) return "today";
  return `${int(d)} ${d === 1 ? "day" : "days"} ago`;
}

/**
 * Adoption on the Developers page: active developers per day and per week (charts with their numbers in
 * a screen-reader table), then every developer with a folder — active days and sessions in the range,
 * days since their last session — and who recorded nothing in the range.
 */
export async function AdoptionWidget({ scope }: { scope: DashboardScope }) {
  const a = await loadAdoption(scope);
  const q = filtersToQuery({ ...scope.filters, developer: undefined });
  const columns: Column<DeveloperAdoption>[] = [
    {
      key: "developer",
      header: "Developer",
      cell: (r) => (
        <Link
          href={`/developers/${encodeURIComponent(r.developer)}${q}`}
          className="font-medium text-tremor-brand hover:underline"
        >
          <DeveloperName folder={r.developer} />
        </Link>
      ),
    },
    { key: "days", header: "Active days", align: "right", cell: (r) => int(r.activeDays) },
    { key: "sessions", header: "Sessions", align: "right", cell: (r) => int(r.sessions) },
    {
      key: "last",
      header: "Last session",
      align: "right",
      cell: (r) => <span data-days-since={r.daysSinceLast ?? ""}>{daysAgo(r.daysSinceLast)}</span>,
    },
  ];
  return (
    <WidgetCard
      title="Adoption"
      description="Who records sessions, how often, and who has gone quiet (UTC days and weeks)"
      testId="widget-adoption"
    >
      {a.developers === 0 ? (
        <EmptyState
          title="No developer folder yet"
          hint="Folders appear here once the ingest finds tracker files."
        />
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-tremor-default text-tremor-content-strong" data-testid="adoption-active">
            <span className="font-semibold">{int(a.active)}</span> of {int(a.developers)} developers recorded
            sessions in this range.
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <ActiveChart
              title="Active developers per day"
              index="Day"
              points={a.perDay.map((d) => [shortDate(d.day), d.developers])}
            />
            <ActiveChart
              title="Active developers per week"
              index="Week of"
              points={a.perWeek.map((w) => [shortDate(w.week), w.developers])}
            />
          </div>
          <DataTable
            caption="Active days and last session per developer"
            columns={columns}
            rows={a.byDeveloper}
            rowKey={(r) => r.developer}
            testId="adoption-table"
          />
          <div data-testid="adoption-silent">
            <h3 className="text-tremor-label font-medium text-tremor-content">
              Folder present, nothing recorded in this range ({int(a.silent.length)})
            </h3>
            {a.silent.length ? (
              <ul className="mt-1 flex flex-wrap gap-2 text-tremor-default">
                {a.silent.map((d) => (
                  <li key={d} className="rounded-tremor-small border border-tremor-border px-2 py-0.5">
                    <UserText text={d} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-tremor-label text-tremor-content">
                Everyone recorded at least one session.
              </p>
            )}
          </div>
        </div>
      )}
    </WidgetCard>
  );
}
