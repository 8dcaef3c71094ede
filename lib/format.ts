/**
 * Display formatting of the portal's figures, dates and times — the one style of the whole app:
 * - dates "2 Nov 2026", date-times "2 Nov 2026, 21:05 UTC" (24-hour, always UTC, the zone stated once
 *   per figure or per table header), built by hand so server and browser render the same text whatever
 *   their locale or zone;
 * - numbers with thousands separators; from 10,000 on a compact form ("12.3k", "$66.4k") where space is
 *   short, with the exact value on hover (see `CompactNumber` in app/_components/compact-number.tsx);
 * - durations "45 min", "1 h 30 min"; aggregated hours "3.4 h".
 * The figures arrive already rounded by the stats package (Python half-even); these helpers only format
 * them, with Python's formatting for the upstream values. Plain TS (no next/*): lib/filters' range labels,
 * the app (through app/_components/format.ts) and tests use it.
 */
import { pyFormatFixed, pyFormatThousands } from "ai-session-tracker-mcp/stats";
import { displayText } from "@/lib/display-text";

/** "$1,234.56" ("-$12.34" for negatives). */
export function usd(v: number): string {
  const s = pyFormatThousands(Math.abs(v), 2);
  return v < 0 ? `-$${s}` : `$${s}`;
}

/** Numbers from this size on may be shown compactly ("12.3k"). */
export const COMPACT_FROM = 10_000;

/** `|v|` ≥ 10,000 as "12.3k" / "1.2M" / "3.4B" (one decimal), else null. */
function compactBody(a: number): string | null {
  if (a < COMPACT_FROM) return null;
  // Thresholds sit where the smaller unit would round up to "1000.0".
  if (a >= 999_950_000) return `${pyFormatFixed(a / 1e9, 1)}B`;
  if (a >= 999_950) return `${pyFormatFixed(a / 1e6, 1)}M`;
  return `${pyFormatFixed(a / 1e3, 1)}k`;
}

/** Integer, compact from 10,000 on: "9,999", "12.3k", "1.2M". */
export function compact(v: number): string {
  const body = compactBody(Math.abs(v));
  if (body === null) return int(v);
  return v < 0 ? `-${body}` : body;
}

/** Money, compact from $10,000 on: "$1,234.50", "$66.4k", "-$2.5M". */
export function compactUsd(v: number): string {
  const body = compactBody(Math.abs(v));
  if (body === null) return usd(v);
  return v < 0 ? `-$${body}` : `$${body}`;
}

/** Hours, compact from 10,000 h on: "3.4 h", "9,999.9 h", "12.3k h". */
export function compactHours(v: number): string {
  const body = compactBody(Math.abs(v));
  if (body === null) return hours(v);
  return `${v < 0 ? "-" : ""}${body} h`;
}

/** "$1.2k" style for chart axes (whole dollars below $1,000). */
export function usdShort(v: number): string {
  const a = Math.abs(v);
  const sign = v < 0 ? "-" : "";
  if (a >= 1_000_000) return `${sign}$${pyFormatFixed(a / 1_000_000, 1)}M`;
  if (a >= 10_000) return `${sign}$${pyFormatFixed(a / 1000, 0)}k`;
  if (a >= 1000) return `${sign}$${pyFormatFixed(a / 1000, 1)}k`;
  return `${sign}$${pyFormatFixed(a, 0)}`;
}

/** Hours with one decimal, as upstream prints them ("3.4 h"). */
export function hours(v: number): string {
  return `${pyFormatThousands(v, 1)} h`;
}

/** Integer with thousands separators. */
export function int(v: number): string {
  return pyFormatThousands(v, 0);
}

/** Fixed decimals with separators. */
export function fixed(v: number, digits: number): string {
  return pyFormatThousands(v, digits);
}

/** Percentage 0–100 with `digits` decimals ("91.3 %"). */
export function pct(v: number, digits = 1): string {
  return `${pyFormatFixed(v, digits)} %`;
}

/** A duration in minutes as "45 min", "1 h", "1 h 30 min" (rounded to the minute). */
export function minutes(v: number): string {
  const total = Math.round(Math.abs(v));
  const sign = v < 0 && total > 0 ? "-" : "";
  if (total < 60) return `${sign}${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `${sign}${int(h)} h${m ? ` ${m} min` : ""}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const two = (n: number) => String(n).padStart(2, "0");

/** Epoch ms, an ISO instant or an ISO day ("2026-11-02", read as UTC) as a Date; null when unreadable. */
function toDate(v: number | string): Date | null {
  const d = new Date(typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2 Nov 2026" (UTC day) of epoch ms, an ISO instant or an ISO day; "—" when absent. */
export function date(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  const d = toDate(v);
  if (!d) return String(v);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Epoch ms as "2 Mar 2026, 09:00" in UTC, without the zone (for tables whose header says UTC). */
export function utcDateTime(ms: number): string {
  const d = new Date(ms);
  return `${date(ms)}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** Epoch ms or ISO text as "2 Mar 2026, 09:00 UTC"; "—" when absent. */
export function dateTime(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  const d = toDate(v);
  if (!d) return String(v);
  return `${utcDateTime(d.getTime())} UTC`;
}

/** Same text as {@link utcDateTime} for a table cell (header says UTC); "—" when absent. */
export function compactDateTime(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  const d = toDate(v);
  return d ? utcDateTime(d.getTime()) : String(v);
}

/** Time of day of epoch ms as "21:05:09 UTC". */
export function clock(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

/** A ratio as "1.25×" (2 dp); "—" when there is none. */
export function ratio(v: number | null): string {
  return v === null ? "—" : `${fixed(v, 2)}×`;
}

/** Task type / outcome identifiers as words ("code_generation" → "Code generation"). */
export function humanize(v: string | null | undefined): string {
  if (!v) return "—";
  const s = v.replace(/[_-]+/g, " ").trim();
  // Task types and the like come from the shared folder: cut and with controls made visible.
  return displayText(s.charAt(0).toUpperCase() + s.slice(1));
}

/** How long ago `ms` was at `nowMs`: "12 min ago", "5 h ago", "3 days ago"; "never" when absent. */
export function ago(ms: number | null, nowMs: number): string {
  if (ms === null) return "never";
  const m = Math.max(0, Math.round((nowMs - ms) / 60_000));
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** The same as {@link date}: the portal has one date style ("2 Nov 2026"), chart axes included. */
export const shortDate = date;
