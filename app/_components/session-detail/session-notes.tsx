import { UserText } from "@/app/_components/user-text";
import { EmptyState, WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";

/** The session's context and end notes. */
export function SessionNotes({ d }: { d: SessionDetail }) {
  const s = d.session;
  return (
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
  );
}
