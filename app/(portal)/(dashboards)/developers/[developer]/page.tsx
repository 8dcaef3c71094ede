import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DeveloperName } from "@/app/_components/developer-name";
import { FilterBar } from "@/app/_components/filters/filter-bar";
import { PageHeader } from "@/app/_components/page-header";
import { RecentSessions } from "@/app/_components/widgets/recent-sessions";
import { ReportPanels } from "@/app/_components/widgets/report-panels";
import { TableSkeleton } from "@/app/_components/widgets/skeletons";
import { displayText } from "@/lib/display-text";
import { describeRange, filtersToQuery } from "@/lib/filters";
import { decodePathParam } from "@/lib/path-param";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { scopeFromSearchParams } from "@/lib/server/request-scope";

type Props = {
  params: Promise<{ developer: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The developer the URL names; a malformed escape names nobody (404, not a URIError's 500). */
async function developerOf(params: Props["params"]): Promise<string> {
  const developer = decodePathParam((await params).developer);
  if (developer === null) notFound();
  return developer;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: displayText(await developerOf(params), 80) };
}

/** One developer's dashboard: the Overview's widgets with the developer fixed. */
export default async function DeveloperPage({ params, searchParams }: Props) {
  const developer = await developerOf(params);
  const options = await loadFilterOptions();
  if (!options.developers.includes(developer)) notFound();
  const scope = scopeFromSearchParams(await searchParams, { developer });
  const { filters } = scope;
  const { developer: _d, ...rest } = filters;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-tremor-label">
        <Link href={`/developers${filtersToQuery(rest)}`} className="text-tremor-brand hover:underline">
          ← Developers
        </Link>
      </nav>
      <PageHeader
        title={<DeveloperName folder={developer} />}
        description={
          <>
            {describeRange(filters)}. These figures equal the upstream report run on{" "}
            <DeveloperName folder={developer} />
            &apos;s folder.
          </>
        }
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
