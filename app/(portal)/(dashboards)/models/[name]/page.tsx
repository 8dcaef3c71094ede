import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DimensionDetail } from "@/app/_components/widgets/dimension-detail";
import { displayText } from "@/lib/display-text";
import { decodePathParam } from "@/lib/path-param";
import { loadFilterOptions } from "@/lib/server/dashboards";
import { comparisonSortFrom, scopeFromSearchParams } from "@/lib/server/request-scope";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The model the URL names; 404 when no session ran on it (or the escape is malformed). */
async function modelOf(params: Props["params"]): Promise<{ value: string; segment: string }> {
  const segment = (await params).name;
  const value = decodePathParam(segment);
  if (value === null) notFound();
  const options = await loadFilterOptions();
  if (!options.models.includes(value)) notFound();
  return { value, segment };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: displayText((await modelOf(params)).value, 80) };
}

/** One model's dashboard: the Overview's report for the model, by developer and by task type. */
export default async function ModelPage({ params, searchParams }: Props) {
  const { value, segment } = await modelOf(params);
  const sp = await searchParams;
  const scope = scopeFromSearchParams(sp, { model: value });
  return (
    <DimensionDetail
      kind="model"
      value={value}
      segment={segment}
      scope={scope}
      sort={comparisonSortFrom(sp)}
      options={await loadFilterOptions(scope)}
    />
  );
}
