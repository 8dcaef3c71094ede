import type { CostPerUnit } from "ai-session-tracker-mcp/stats";
import { usd } from "@/lib/format";

const ITEMS: { key: keyof CostPerUnit; label: string }[] = [
  { key: "perSession", label: "per counted session" },
  { key: "perSuccessfulSession", label: "per successful session" },
  { key: "perValueHour", label: "per hour saved (value hour)" },
];

/** Measured cost per unit of work: session, successful session, value hour (the ROI method's). */
export function SpendCostPerUnit({ figures }: { figures: CostPerUnit }) {
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="spend-cost-per-unit">
      {ITEMS.map((i) => (
        <div key={i.key}>
          <dt className="text-tremor-label text-tremor-content">{i.label}</dt>
          <dd
            className="text-tremor-title font-semibold text-tremor-content-strong"
            data-testid={`spend-${i.key}`}
          >
            {figures[i.key] === null ? "–" : usd(figures[i.key] ?? 0)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
