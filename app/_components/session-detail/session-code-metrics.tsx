import { fixed, humanize, int } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { DataTable } from "@/app/_components/widgets/data-table";
import { EmptyState, WidgetCard } from "@/app/_components/widgets/widget-card";
import type { SessionDetail } from "@/lib/queries/get-session-detail";

/** Functions the session changed, with complexity, doc score and effort. */
export function SessionCodeMetrics({ d }: { d: SessionDetail }) {
  return (
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
  );
}
