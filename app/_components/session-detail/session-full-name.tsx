import { int } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { WidgetCard } from "@/app/_components/widgets/widget-card";
import { LIST_TEXT_MAX, truncateText } from "@/lib/display-text";
import type { SessionDetail } from "@/lib/queries/get-session-detail";

/** The full session name when the header shows it shortened (names over the list limit). */
export function SessionFullName({ d }: { d: SessionDetail }) {
  const s = d.session;
  if (!truncateText(s.session_name, LIST_TEXT_MAX).truncated) return null;
  return (
    <WidgetCard title="Full session name" description={`${int(s.session_name.length)} characters`}>
      <p
        className="max-h-64 overflow-y-auto text-tremor-default whitespace-pre-wrap break-all text-tremor-content-strong"
        data-testid="session-full-name"
      >
        <UserText text={s.session_name} max={null} />
      </p>
    </WidgetCard>
  );
}
