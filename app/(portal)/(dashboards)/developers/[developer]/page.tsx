import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { ReportPanels } from "@/app/_components/widgets/report-panels";
import { RecentSessions } from "@/app/_components/widgets/session-widgets";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { portalNow } from "@/lib/clock";
import { describeRange, filtersToQuery, parseFilters, quantizeNow } from "@/lib/filters";
import { loadFilterOptions } from "@/lib/server/dashboards";

type Props = {
  params: Promise<{ developer: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).developer) };
}

/** One developer's dashboard: the Overview's widgets with the developer fixed. */
export default async function DeveloperPage({ params, searchParams }: Props) {
  const developer = decodeURIComponent((await params).developer);
  const options = await loadFilterOptions();
  if (!options.developers.includes(developer)) notFound();
  const filters = { ...parseFilters(await searchParams), developer };
  const scope = { filters, nowMs: quantizeNow(portalNow()) };
  const { developer: _d, ...rest } = filters;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-tremor-label">
        <Link href={`/developers${filtersToQuery(rest)}`} className="text-tremor-brand hover:underline">
          ← Developers
        </Link>
      </nav>
      <PageHeader
        title={developer}
        description={`${describeRange(filters)}. These figures equal the upstream report run on ${developer}'s folder.`}
      />
      <FilterBar filters={filters} options={options} hide={["developer"]} />
      <ReportPanels scope={scope}>
        <Suspense fallback={<TableSkeleton />}>
          <RecentSessions scope={scope} />
        </Suspense>
      </ReportPanels>
    </>
  );
}
