import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DimensionDetail } from "@/app/_components/widgets/dimension-detail";
import { displayText } from "@/lib/display-text";
import { NO_PROJECT } from "@/lib/filters";
import { decodePathParam } from "@/lib/path-param";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { comparisonSortFrom, scopeFromSearchParams } from "@/lib/server/request-scope";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The project the URL names (`/projects/%2Fnone` = no project, stored as ""); 404 when no session has it. */
async function projectOf(params: Props["params"]): Promise<{ value: string; segment: string }> {
  const segment = (await params).name;
  const decoded = decodePathParam(segment);
  if (decoded === null) notFound();
  const value = decoded === NO_PROJECT ? "" : decoded;
  const options = await loadFilterOptions();
  if (!options.projects.includes(value)) notFound();
  return { value, segment };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { value } = await projectOf(params);
  return { title: value === "" ? "No project" : displayText(value, 80) };
}

/** One project's dashboard: the Overview's report for the project, by developer and by task type. */
export default async function ProjectPage({ params, searchParams }: Props) {
  const { value, segment } = await projectOf(params);
  const sp = await searchParams;
  const scope = scopeFromSearchParams(sp, { project: value });
  return (
    <DimensionDetail
      kind="project"
      value={value}
      segment={segment}
      scope={scope}
      sort={comparisonSortFrom(sp)}
      options={await loadFilterOptions(scope)}
    />
  );
}
