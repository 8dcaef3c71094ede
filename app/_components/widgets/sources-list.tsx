import { Card } from "@tremor/react";
import { dateTime, int } from "@/app/_components/format";
import { loadSourcesStatus } from "@/lib/server/dashboards";
import { SourceCard } from "./source-card";
import { EmptyState, WidgetCard } from "./widget-card";

/** The sync status of every source folder, with the totals and the last ingest pass above them. */
export async function SourcesList({ nowMs }: { nowMs: number }) {
  const st = await loadSourcesStatus(nowMs);
  const t = st.totals;
  return (
    <div className="flex flex-col gap-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="sources-totals">
        {[
          ["Source folders", int(t.sources)],
          ["Stale", int(t.stale)],
          ["Unreadable files", int(t.filesWithErrors)],
          ["Conflict copies merged", int(t.mergedCopies)],
        ].map(([label, v]) => (
          <Card key={label} className="p-4">
            <p className="text-tremor-label text-tremor-content">{label}</p>
            <p className="text-2xl font-semibold tabular-nums text-tremor-content-strong">{v}</p>
          </Card>
        ))}
      </div>
      {st.lastRun ? (
        <p className="text-tremor-label text-tremor-content">
          Last ingest pass that changed something: {dateTime(st.lastRun.finishedMs)} —{" "}
          {int(st.lastRun.filesIngested)} files ingested, {int(st.lastRun.filesFailed)} failed,{" "}
          {int(st.lastRun.filesRemoved)} removed.
        </p>
      ) : null}
      {st.sources.length ? (
        st.sources.map((s) => <SourceCard key={s.id} s={s} nowMs={nowMs} staleDays={st.staleDays} />)
      ) : (
        <WidgetCard title="No source folders yet">
          <EmptyState
            title="The shared folder holds no tracker files"
            hint="Point PORTAL_DATA_ROOT at the team's synced folder; each developer's tracker writes into <root>/<developer>/."
          />
        </WidgetCard>
      )}
    </div>
  );
}
