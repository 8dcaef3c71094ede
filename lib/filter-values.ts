/**
 * The filter values the browser needs too (the filter bar's custom-range check, the "no project" token),
 * kept free of zod: zod probes `new Function` when its schemas load, which the portal's CSP reports as a
 * blocked eval in the browser. `lib/filters.ts` re-exports them for the server side.
 */

/**
 * The URL value of the project filter that selects sessions with no project (stored as ""): `?project=/none`.
 * A project named by its folder can never be it (a folder name holds no "/"), and the empty string itself
 * cannot travel in a URL (an empty value means "not set").
 */
export const NO_PROJECT = "/none";

/**
 * Epoch ms of a UTC calendar day "YYYY-MM-DD", or null when the text is not one. `Date.parse` alone
 * accepts 2026-02-30 (it rolls over to 2 March): a real day prints back as itself.
 */
export function calendarDayMs(s: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== s ? null : ms;
}

/** What makes a custom range unusable as written: a value that is no calendar day, or `from` after `to`. */
export type CustomRangeProblem =
  | { kind: "not-a-date"; value: string }
  | { kind: "backwards"; from: string; to: string };

/**
 * The problem of a custom range's raw `from`/`to` (as typed into the URL or the date fields), or null.
 * The page still answers (an impossible day is dropped, a backwards pair is read the right way round, see
 * `resolveWindow` in lib/filters.ts); the filter bar names the problem next to the fields.
 */
export function customRangeProblem(raw: {
  from?: string | null;
  to?: string | null;
}): CustomRangeProblem | null {
  for (const v of [raw.from, raw.to]) {
    if (v && calendarDayMs(v) === null) return { kind: "not-a-date", value: v };
  }
  if (raw.from && raw.to && raw.from > raw.to) return { kind: "backwards", from: raw.from, to: raw.to };
  return null;
}
