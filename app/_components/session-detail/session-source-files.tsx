import { Badge } from "@tremor/react";
import { UserText } from "@/app/_components/user-text";
import { WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";

/** The files holding a copy of the session; the first one won the merge. */
export function SessionSourceFiles({ d }: { d: SessionDetail }) {
  return (
    <WidgetCard
      title="Source files"
      description="Files holding a copy of this session; the first one won the merge"
    >
      <ul className="space-y-1 text-tremor-label">
        {d.files.map((f) => (
          <li key={f.relPath} className="flex items-center gap-2 font-mono break-all">
            <UserText text={f.relPath} />
            <Badge size="xs" color={f.winner ? "emerald" : "gray"}>
              {f.winner ? "used" : "merged copy"}
            </Badge>
          </li>
        ))}
      </ul>
    </WidgetCard>
  );
}
