import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeveloperName } from "@/app/_components/developer-name";
import { humanize } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/page-header";
import { EstimateVsActual } from "@/app/_components/session-detail/estimate-vs-actual";
import { InteractionTimeline } from "@/app/_components/session-detail/interaction-timeline";
import { SessionCodeMetrics } from "@/app/_components/session-detail/session-code-metrics";
import { SessionCommits } from "@/app/_components/session-detail/session-commits";
import { SessionFacts } from "@/app/_components/session-detail/session-facts";
import { SessionFullName } from "@/app/_components/session-detail/session-full-name";
import { SessionIssues } from "@/app/_components/session-detail/session-issues";
import { SessionNotes } from "@/app/_components/session-detail/session-notes";
import { SessionRoi } from "@/app/_components/session-detail/session-roi";
import { SessionSourceFiles } from "@/app/_components/session-detail/session-source-files";
import { SessionTokens } from "@/app/_components/session-detail/session-tokens";
import { SessionUsage } from "@/app/_components/session-detail/session-usage";
import { UserText } from "@/app/_components/user-text";
import { OutcomeBadge } from "@/app/_components/widgets/outcome-badge";
import { displayText } from "@/lib/display-text";
import { isPortalError } from "@/lib/errors";
import { loadAssumptions, loadSessionDetail } from "@/lib/server/dashboards";

type Props = { params: Promise<{ id: string }> };

async function load(idText: string) {
  const id = Number(idText);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  try {
    return await loadSessionDetail(id);
  } catch (e) {
    if (isPortalError(e, "not_found")) notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const d = await load((await params).id);
  return { title: displayText(d.session.session_name || d.session.id, 80) };
}

/** One session: estimate vs actual, ROI, timeline with ratings, issues, code metrics, tokens, notes. */
export default async function SessionPage({ params }: Props) {
  const d = await load((await params).id);
  const s = d.session;
  const a = await loadAssumptions();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex gap-2 text-tremor-label">
        <Link href="/sessions" className="text-tremor-brand hover:underline">
          Sessions
        </Link>
        <span aria-hidden="true" className="text-tremor-content-subtle">
          /
        </span>
        <Link
          href={`/developers/${encodeURIComponent(d.developer)}`}
          className="text-tremor-brand hover:underline"
        >
          <DeveloperName folder={d.developer} />
        </Link>
      </nav>
      <PageHeader
        title={<UserText text={s.session_name || s.id} />}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <OutcomeBadge
              outcome={s.outcome}
              status={s.status}
              liveness={d.liveness?.state}
              lastActivityMs={d.liveness?.lastActivityMs}
            />
            <span>{humanize(s.task_type)}</span>·<UserText text={s.model_name} />·
            {s.project ? <UserText text={s.project} /> : <span>no project</span>}
          </span>
        }
      />
      <div className="flex flex-col gap-4">
        <SessionFullName d={d} />
        <SessionFacts d={d} />
        <div className="grid gap-4 lg:grid-cols-2">
          <EstimateVsActual d={d} />
          <SessionRoi d={d} assumptions={a} />
        </div>
        <InteractionTimeline d={d} />
        <div className="grid gap-4 lg:grid-cols-2">
          <SessionIssues d={d} />
          <SessionTokens d={d} />
        </div>
        <SessionUsage d={d} />
        <SessionCodeMetrics d={d} />
        <SessionCommits d={d} />
        <div className="grid gap-4 lg:grid-cols-2">
          <SessionNotes d={d} />
          <SessionSourceFiles d={d} />
        </div>
      </div>
    </>
  );
}
