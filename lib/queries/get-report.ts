/**
 * The upstream report's panels (ROI beside outcome-weighted ROI, effectiveness, gaps, tokens) for the
 * filtered sessions: one slice, as the Overview and developer pages show it.
 */
import type { Assumptions } from "ai-session-tracker-mcp/stats";
import type { Store } from "@/lib/db/store";
import type { DashboardFilters } from "@/lib/filters";
import { queryWindow } from "./data-span";
import { computeSlices, computeTotals, type Slice, type SliceGroup } from "./slices";

/** Input shared by the read-model functions that take filters. */
export interface FilteredInput {
  db: Store;
  filters: DashboardFilters;
  /** Request time (epoch ms) the date presets count back from. */
  nowMs: number;
  assumptions?: Partial<Assumptions>;
}

/** All report figures of the filtered sessions (see {@link Slice}). */
export async function getReport(input: FilteredInput): Promise<Slice> {
  return await computeTotals({ ...input, window: await queryWindow(input) });
}

/** Report figures per developer / project / model / task type for the filtered sessions. */
export async function getBreakdown(
  input: FilteredInput & { group: Exclude<SliceGroup, "none">; detail?: "full" | "sessions" },
): Promise<Slice[]> {
  return computeSlices({ ...input, window: await queryWindow(input) });
}
