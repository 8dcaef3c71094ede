import { CostCell } from "@/app/_components/widgets/spend-group-table";
import { int } from "@/lib/format";
import type { SpendFigures, SpendMatching } from "@/lib/queries/get-spend";

/** The three ways usage relates to the recorded sessions, with why the unmatched part is unmatched. */
const ROWS: { key: keyof SpendMatching; label: string; why: string }[] = [
  {
    key: "matched",
    label: "During a session",
    why: "overlaps a tracked session of the same developer and project",
  },
  {
    key: "otherProject",
    label: "During another project's session",
    why: "the agent's working folder is named differently from the tracker's project",
  },
  { key: "noSession", label: "Outside any session", why: "the agent ran while no session was tracked" },
];

function share(part: SpendFigures, all: number): string {
  return all > 0 ? ` (${Math.round((part.requests / all) * 100)} % of requests)` : "";
}

/** Measured usage joined to the sessions: matched, another project's session, no session. */
export function SpendMatchingList({ matching }: { matching: SpendMatching }) {
  const all = ROWS.reduce((n, r) => n + matching[r.key].requests, 0);
  return (
    <dl className="grid gap-2 text-tremor-default sm:grid-cols-[max-content_1fr]">
      {ROWS.map((r) => (
        <div key={r.key} className="contents" data-testid={`spend-matching-${r.key}`}>
          <dt className="font-medium text-tremor-content-strong">{r.label}</dt>
          <dd className="text-tremor-content">
            <CostCell {...matching[r.key]} /> · {int(matching[r.key].requests)} requests
            {share(matching[r.key], all)} — {r.why}
          </dd>
        </div>
      ))}
    </dl>
  );
}
