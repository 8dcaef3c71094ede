import { Badge, Card } from "@tremor/react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssumptionsPopover } from "@/app/_components/assumptions-popover";
import { dateTime, fixed, humanize, int, minutes, pct, usd } from "@/app/_components/format";
import { PageHeader } from "@/app/_components/page-header";
import { UserText } from "@/app/_components/user-text";
import { DataTable } from "@/app/_components/widgets/data-table";
import { OutcomeBadge } from "@/app/_components/widgets/session-widgets";
import { EmptyState, WidgetCard } from "@/app/_components/widgets/widget-card";
import { displayText, LIST_TEXT_MAX, truncateText } from "@/lib/display-text";
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

function Stars({ rating }: { rating: number }) {
  const n = Math.max(0, Math.min(5, Math.trunc(rating)));
  return (
    <span role="img" aria-label={`Rated ${rating} of 5`} className="text-amber-500">
      {"★".repeat(n)}
      <span className="text-tremor-content-subtle">{"☆".repeat(5 - n)}</span>
    </span>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-tremor-label text-tremor-content">{label}</dt>
      <dd className="text-tremor-default font-medium text-tremor-content-strong">{children}</dd>
    </div>
  );
}

/** One session: estimate vs actual, ROI, timeline with ratings, issues, code metrics, tokens, notes. */
export default async function SessionPage({ params }: Props) {
  const d = await load((await params).id);
  const s = d.session;
  const a = await loadAssumptions();
  const sevColor: Record<string, "rose" | "orange" | "amber" | "gray"> = {
    critical: "rose",
    high: "orange",
    medium: "amber",
    low: "gray",
  };
  const maxEstimate = Math.max(
    d.durationMinutes,
    s.initial_estimate_minutes ?? 0,
    s.final_estimate_minutes ?? 0,
    1,
  );
  const bar = (v: number | null, color: string, label: string) => (
    <div className="grid grid-cols-[7rem_1fr_4.5rem] items-center gap-2 text-tremor-label">
      <span className="text-tremor-content">{label}</span>
      <div className="h-3 rounded-full bg-tremor-background-subtle" aria-hidden="true">
        <div
          className={`h-3 rounded-full ${color}`}
          style={{ width: `${Math.max(0, Math.min(100, ((v ?? 0) / maxEstimate) * 100))}%` }}
        />
      </div>
      <span className="text-right tabular-nums text-tremor-content-strong">
        {v === null ? "not given" : minutes(v)}
      </span>
    </div>
  );
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
          <UserText text={d.developer} />
        </Link>
      </nav>
      <PageHeader
        title={<UserText text={s.session_name || s.id} />}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <OutcomeBadge outcome={s.outcome} status={s.status} />
            <span>{humanize(s.task_type)}</span>·<UserText text={s.model_name} />·
            {s.project ? <UserText text={s.project} /> : <span>no project</span>}
          </span>
        }
      />
      <div className="flex flex-col gap-4">
        {truncateText(s.session_name, LIST_TEXT_MAX).truncated ? (
          <WidgetCard title="Full session name" description={`${int(s.session_name.length)} characters`}>
            <p
              className="max-h-64 overflow-y-auto text-tremor-default whitespace-pre-wrap break-all text-tremor-content-strong"
              data-testid="session-full-name"
            >
              <UserText text={s.session_name} max={null} />
            </p>
          </WidgetCard>
        ) : null}
        <Card className="p-4 sm:p-5">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="session-facts">
            <Fact label="Started">{dateTime(s.start_time)}</Fact>
            <Fact label="Ended">{s.end_time ? dateTime(s.end_time) : "still active"}</Fact>
            <Fact label="Session id">
              <UserText text={s.id} className="break-all font-mono text-tremor-label" />
            </Fact>
            <Fact label="Context">{humanize(s.execution_context)}</Fact>
          </dl>
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <WidgetCard
            title="Estimate vs actual"
            description={`Estimate source: ${humanize(s.estimate_source)}`}
            testId="estimate-vs-actual"
          >
            <div className="flex flex-col gap-2">
              {bar(
                s.initial_estimate_minutes ?? s.human_time_estimate_minutes ?? 0,
                "bg-gray-400",
                "Initial estimate",
              )}
              {bar(s.final_estimate_minutes || null, "bg-blue-500", "Final estimate")}
              {bar(d.durationMinutes, "bg-emerald-500", "Actual (AI)")}
            </div>
            <p className="mt-3 text-tremor-label text-tremor-content">
              ROI uses {minutes(d.estimateMinutes)} of human time (the final estimate, else the initial one).
            </p>
          </WidgetCard>
          <WidgetCard
            title="ROI of this session"
            actions={<AssumptionsPopover assumptions={a} align="right" />}
            testId="session-roi"
          >
            <dl className="grid grid-cols-2 gap-3 tabular-nums">
              <Fact label="Human baseline">{usd(d.roi.cost_metrics.human_baseline_cost)}</Fact>
              <Fact label="AI cost">{usd(d.roi.cost_metrics.total_ai_cost)}</Fact>
              <Fact label="Cost saved">{usd(d.roi.cost_metrics.cost_saved)}</Fact>
              <Fact label="ROI">{pct(d.roi.cost_metrics.roi_percentage)}</Fact>
            </dl>
            {d.roi.time_metrics.completed_sessions === 0 ? (
              <p className="mt-2 text-tremor-label text-tremor-content">
                Not counted in ROI ({s.status !== "completed" ? "not completed" : "human review is excluded"}
                ).
              </p>
            ) : null}
          </WidgetCard>
        </div>
        <WidgetCard
          title="Interaction timeline"
          description={`${int(d.interactions.length)} interactions with their ratings`}
          testId="interaction-timeline"
        >
          {d.interactions.length ? (
            <ol className="relative space-y-4 border-l border-tremor-border pl-5">
              {d.interactions.map((i) => (
                <li key={i.key} className="relative">
                  <span
                    aria-hidden="true"
                    className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full bg-tremor-brand"
                  />
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-tremor-label text-tremor-content">
                    <time dateTime={i.timestamp}>{dateTime(i.timestamp)}</time>
                    <Stars rating={i.effectiveness_rating} />
                    <span>
                      {int(i.iteration_count)} iteration{i.iteration_count === 1 ? "" : "s"}
                    </span>
                    {i.tokens_in || i.tokens_out ? (
                      <span className="tabular-nums">
                        {int(i.tokens_in)} in / {int(i.tokens_out)} out · cache{" "}
                        {pct(i.cache_hit_rate * 100, 0)}
                      </span>
                    ) : null}
                  </div>
                  <p className="mt-1 text-tremor-default font-medium whitespace-pre-wrap break-words text-tremor-content-strong">
                    <UserText text={i.prompt} max={null} />
                  </p>
                  {i.response_summary ? (
                    <p className="mt-0.5 text-tremor-default whitespace-pre-wrap break-words text-tremor-content">
                      <UserText text={i.response_summary} max={null} />
                    </p>
                  ) : null}
                  {i.tools_used.length ? (
                    <div className="mt-1 flex flex-wrap gap-1">
                      {i.tools_used.map((t) => (
                        <Badge key={t} size="xs" color="gray">
                          {displayText(t, 60)}
                        </Badge>
                      ))}
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : (
            <EmptyState
              title="No interactions logged"
              hint="The agent did not call log_ai_interaction during this session."
            />
          )}
        </WidgetCard>
        <div className="grid gap-4 lg:grid-cols-2">
          <WidgetCard title="Issues" description={`${int(d.issues.length)} flagged`} testId="session-issues">
            {d.issues.length ? (
              <ul className="space-y-3">
                {d.issues.map((i) => (
                  <li key={i.key}>
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge size="xs" color={sevColor[i.severity] ?? "gray"}>
                        {humanize(i.severity)}
                      </Badge>
                      <span className="text-tremor-default font-medium text-tremor-content-strong">
                        {humanize(i.issueType)}
                      </span>
                      {i.resolved ? (
                        <Badge size="xs" color="emerald">
                          resolved
                        </Badge>
                      ) : null}
                    </div>
                    <p className="mt-1 text-tremor-default whitespace-pre-wrap break-words text-tremor-content">
                      <UserText text={i.description} max={null} />
                    </p>
                    {i.resolutionNotes ? (
                      <p className="mt-0.5 text-tremor-label text-tremor-content-subtle">
                        <UserText text={i.resolutionNotes} max={null} />
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState title="No issues" hint="Nothing was flagged in this session." />
            )}
          </WidgetCard>
          <WidgetCard
            title="Tokens"
            description={`Over ${int(d.tokens.token_stats.turns)} turns`}
            testId="session-tokens"
          >
            <dl className="grid grid-cols-2 gap-3 tabular-nums">
              <Fact label="Tokens in">{int(d.tokens.token_stats.total_in)}</Fact>
              <Fact label="Tokens out">{int(d.tokens.token_stats.total_out)}</Fact>
              <Fact label="Cache hit rate">{pct(d.tokens.cache_stats.hit_rate_pct)}</Fact>
              <Fact label="Context peak">{pct(d.tokens.context_stats.peak_utilization_pct)}</Fact>
            </dl>
          </WidgetCard>
        </div>
        <WidgetCard
          title="Code metrics"
          description={`${int(d.codeMetrics.summary.total_functions)} functions · ${int(d.codeMetrics.summary.total_lines_added)} lines added · avg complexity ${fixed(d.codeMetrics.summary.avg_complexity, 1)} · avg doc score ${fixed(d.codeMetrics.summary.avg_doc_score, 0)}/100`}
          testId="session-code-metrics"
        >
          {d.codeMetrics.functions.length ? (
            <DataTable
              caption="Functions changed"
              rows={d.codeMetrics.functions}
              rowKey={(f) => `${f.filePath}:${f.functionName}:${f.modificationType}`}
              columns={[
                {
                  key: "fn",
                  header: "Function",
                  cell: (f) => <UserText text={f.functionName} className="font-mono text-tremor-label" />,
                },
                {
                  key: "file",
                  header: "File",
                  hideOnPhone: true,
                  cell: (f) => <UserText text={f.filePath} className="font-mono text-tremor-label" />,
                },
                { key: "mod", header: "Change", cell: (f) => humanize(f.modificationType) },
                { key: "added", header: "Lines +", align: "right", cell: (f) => int(f.linesAdded) },
                { key: "cx", header: "Complexity", align: "right", cell: (f) => int(f.finalComplexity) },
                { key: "doc", header: "Doc score", align: "right", cell: (f) => fixed(f.qualityScore, 0) },
                {
                  key: "effort",
                  header: "Effort",
                  align: "right",
                  hideOnPhone: true,
                  cell: (f) => fixed(f.effortScore, 1),
                },
              ]}
            />
          ) : (
            <EmptyState title="No code metrics" hint="Logged when the agent calls log_code_metrics." />
          )}
        </WidgetCard>
        <div className="grid gap-4 lg:grid-cols-2">
          <WidgetCard title="Notes" testId="session-notes">
            {s.notes || s.context ? (
              <div className="space-y-2 text-tremor-default whitespace-pre-wrap break-words text-tremor-content-strong">
                {s.context ? (
                  <p>
                    <UserText text={s.context} max={null} />
                  </p>
                ) : null}
                {s.notes ? (
                  <p>
                    <UserText text={s.notes} max={null} />
                  </p>
                ) : null}
              </div>
            ) : (
              <EmptyState title="No notes" hint="Notes are written when the session ends." />
            )}
          </WidgetCard>
          <WidgetCard
            title="Source files"
            description="Files holding a copy of this session; the first one won the merge"
          >
            <ul className="space-y-1 text-tremor-label">
              {d.files.map((f) => (
                <li key={f.relPath} className="flex items-center gap-2 font-mono break-all">
                  <UserText text={f.relPath} />
                  {f.winner ? (
                    <Badge size="xs" color="emerald">
                      used
                    </Badge>
                  ) : (
                    <Badge size="xs" color="gray">
                      merged copy
                    </Badge>
                  )}
                </li>
              ))}
            </ul>
          </WidgetCard>
        </div>
      </div>
    </>
  );
}
