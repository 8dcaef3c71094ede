/**
 * Compare mode's second range, as it lives in the URL beside the main range:
 * `compare=2026-09-01..2026-09-30` (two UTC calendar days, both included; "before" a rollout, the main
 * range being "after"). Parsed by zod; a malformed, impossible or backwards range is an error the page
 * shows inline (and the API answers 400), never an exception.
 */
import { z } from "zod";
import { calendarDayMs, type TimeWindow } from "@/lib/filters";

const DAY_MS = 86_400_000;

/** A valid compare range: its days and the half-open UTC window they cover. */
export interface CompareRange {
  from: string;
  to: string;
  window: TimeWindow;
}

/** The outcome of parsing the `compare` param: a range, or a message saying what to fix. */
export type CompareParse = { ok: true; range: CompareRange } | { ok: false; error: string };

const compareSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/, "Write the compare range as YYYY-MM-DD..YYYY-MM-DD.")
  .transform((s, ctx) => {
    const [from = "", to = ""] = s.split("..");
    const fromMs = calendarDayMs(from);
    const toMs = calendarDayMs(to);
    if (fromMs === null || toMs === null) {
      ctx.addIssue({ code: "custom", message: `${fromMs === null ? from : to} is not a calendar day.` });
      return z.NEVER;
    }
    if (fromMs > toMs) {
      ctx.addIssue({ code: "custom", message: `The compare range ends (${to}) before it starts (${from}).` });
      return z.NEVER;
    }
    return { from, to, window: { fromMs, toMs: toMs + DAY_MS } };
  });

/** Parses the raw `compare` value; null when absent. */
export function parseCompareRange(raw: string | undefined): CompareParse | null {
  if (raw === undefined) return null;
  const r = compareSchema.safeParse(raw);
  return r.success
    ? { ok: true, range: r.data }
    : { ok: false, error: r.error.issues[0]?.message ?? "Invalid range." };
}
