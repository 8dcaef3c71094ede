import { Badge } from "@tremor/react";
import { dateTime, int, pct } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { EmptyState, WidgetCard } from "@/app/_components/widgets/widget-card";
import { displayText } from "@/lib/display-text";
import type { SessionDetail } from "@/lib/queries/get-session-detail";
import { Stars } from "./stars";

/** A text the developer's recorder kept on their machine (AI_TRACKER_PROMPTS): say so, with its length. */
function Withheld({ what, chars }: { what: string; chars: number }) {
  return (
    <p className="mt-1 text-tremor-default italic text-tremor-content" data-testid="withheld-text">
      {what} withheld ({int(chars)} character{chars === 1 ? "" : "s"})
    </p>
  );
}

/** Every interaction in order, with its rating, iterations, tokens, prompt, summary and tools. */
export function InteractionTimeline({ d }: { d: SessionDetail }) {
  return (
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
                    {int(i.tokens_in)} in / {int(i.tokens_out)} out · cache {pct(i.cache_hit_rate * 100, 0)}
                  </span>
                ) : null}
              </div>
              {i.promptWithheldChars === undefined ? (
                <p className="mt-1 text-tremor-default font-medium whitespace-pre-wrap break-words text-tremor-content-strong">
                  <UserText text={i.prompt} max={null} />
                </p>
              ) : (
                <Withheld what="Prompt" chars={i.promptWithheldChars} />
              )}
              {i.summaryWithheldChars !== undefined ? (
                <Withheld what="Response summary" chars={i.summaryWithheldChars} />
              ) : i.response_summary ? (
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
  );
}
