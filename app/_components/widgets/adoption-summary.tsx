import Link from "next/link";
import { fixed, int } from "@/app/_components/format";
import { filtersToQuery } from "@/lib/filters";
import { type DashboardScope, loadAdoption } from "@/lib/server/dashboards";
import { WidgetCard } from "./widget-card";

/**
 * The Overview's compact adoption figure: how many developers with a folder recorded sessions in the
 * range, the average active developers per active day, and how many recorded nothing (link to the
 * Developers page's full adoption panel).
 */
export async function AdoptionSummary({ scope }: { scope: DashboardScope }) {
  const a = await loadAdoption(scope);
  const activeDays = a.perDay.filter((d) => d.developers > 0);
  const perDay = activeDays.length
    ? activeDays.reduce((n, d) => n + d.developers, 0) / activeDays.length
    : null;
  return (
    <WidgetCard
      title="Adoption"
      description="Developers with a folder in the shared root"
      testId="adoption-summary"
      actions={
        <Link
          href={`/developers${filtersToQuery({ ...scope.filters, developer: undefined })}#w-adoption`}
          className="text-tremor-label font-medium text-tremor-brand hover:underline"
        >
          Details →
        </Link>
      }
    >
      <dl className="grid grid-cols-3 gap-3 text-tremor-default">
        <div>
          <dt className="text-tremor-label text-tremor-content">Active</dt>
          <dd
            className="text-tremor-metric font-semibold text-tremor-content-strong"
            data-testid="adoption-active-count"
          >
            {int(a.active)} / {int(a.developers)}
          </dd>
        </div>
        <div>
          <dt className="text-tremor-label text-tremor-content">Per active day</dt>
          <dd className="text-tremor-metric font-semibold text-tremor-content-strong">
            {perDay === null ? "—" : fixed(perDay, 1)}
          </dd>
        </div>
        <div>
          <dt className="text-tremor-label text-tremor-content">Silent</dt>
          <dd
            className="text-tremor-metric font-semibold text-tremor-content-strong"
            data-testid="adoption-silent-count"
          >
            {int(a.silent.length)}
          </dd>
        </div>
      </dl>
    </WidgetCard>
  );
}
