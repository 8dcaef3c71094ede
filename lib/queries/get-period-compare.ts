/**
 * Compare mode: the KPI figures of two explicit ranges side by side — "before" (the `compare` range in
 * the URL) and "after" (the main range) — and the change between them. Each side is the report of its
 * own window (the same `computeTotals` as the KPI cards); a side the data does not fully cover says so.
 */

import { parseCompareRange } from "@/lib/compare-range";
import type { TimeWindow } from "@/lib/filters";
import { clampToData, getDataSpan, queryWindow } from "./data-span";
import { coversFrom, firstRecordMs, type KpiValues, kpiValues } from "./get-kpis";
import type { FilteredInput } from "./get-report";
import { computeTotals } from "./slices";

/** One side of the comparison. */
export interface CompareSide {
  /** The window asked for (half-open, UTC); null = all time. */
  window: TimeWindow | null;
  /** False when the filtered data starts after the window's start (the side holds part of a period). */
  covered: boolean;
  values: KpiValues;
}

/** Compare-mode DTO: after − before per figure (null where either side has none). */
export type PeriodCompare =
  | {
      ok: true;
      from: string;
      to: string;
      before: CompareSide;
      after: CompareSide;
      change: { [K in keyof KpiValues]: number | null };
    }
  | { ok: false; error: string };

/** The comparison the filters' `compare` param asks for; null without one, `ok: false` when it is invalid. */
export async function getPeriodCompare(input: FilteredInput): Promise<PeriodCompare | null> {
  const parsed = parseCompareRange(input.filters.compare);
  if (!parsed) return null;
  if (!parsed.ok) return parsed;
  const first = await firstRecordMs(input);
  const side = async (asked: TimeWindow | null, query: TimeWindow | null): Promise<CompareSide> => ({
    window: asked,
    covered: asked === null || coversFrom(first, asked.fromMs),
    values: kpiValues(await computeTotals({ ...input, window: query })),
  });
  const { window } = parsed.range;
  // The before window is clamped like a custom range (same records, bounded work).
  const before = await side(window, clampToData(window, await getDataSpan(input)));
  const afterWindow = await queryWindow(input);
  const after = await side(afterWindow, afterWindow);
  const change = {} as { [K in keyof KpiValues]: number | null };
  for (const k of Object.keys(after.values) as (keyof KpiValues)[]) {
    const a = after.values[k];
    const b = before.values[k];
    change[k] = a === null || b === null ? null : Math.round((a - b) * 100) / 100;
  }
  return { ok: true, from: parsed.range.from, to: parsed.range.to, before, after, change };
}
