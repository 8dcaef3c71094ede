import { fixed, hours, int, pct, usd } from "@/app/_components/format";
import type { KpiValues } from "@/lib/queries/get-kpis";

/** How one KPI reads: its label, its value as text, and a change in it (without the sign). */
export interface KpiFigure {
  label: string;
  text: (v: number) => string;
  change: (d: number) => string;
  /** A count, hours or money: the KPI cards show it compactly from 10,000 on. */
  compact?: "int" | "hours" | "usd";
}

/** Every KPI's label and formats, for the KPI cards and the compare mode's table (one list). */
export const KPI_FIGURES: Readonly<Record<keyof KpiValues, KpiFigure>> = {
  sessions: { label: "Sessions", text: int, change: int, compact: "int" },
  completed: { label: "Completed", text: int, change: int, compact: "int" },
  aiHours: { label: "AI hours", text: hours, change: hours, compact: "hours" },
  humanHours: { label: "Est. human hours", text: hours, change: hours, compact: "hours" },
  timeSavedHours: { label: "Time saved (upstream method)", text: hours, change: hours, compact: "hours" },
  costSaved: { label: "Cost saved (upstream method)", text: usd, change: usd, compact: "usd" },
  roiPct: { label: "ROI (upstream method)", text: (v) => pct(v), change: (d) => `${fixed(d, 1)} pt` },
  multiplier: { label: "Productivity", text: (v) => `${fixed(v, 1)}×`, change: (d) => `${fixed(d, 1)}×` },
  avgEffectiveness: {
    label: "Avg effectiveness",
    text: (v) => `${fixed(v, 2)} / 5`,
    change: (d) => fixed(d, 2),
  },
  successRatePct: { label: "Success rate", text: (v) => pct(v, 0), change: (d) => `${fixed(d, 0)} pt` },
};
