/**
 * Display formatting of dashboard figures. The figures arrive already rounded by the stats package
 * (Python half-even); these helpers only format them, with Python's formatting for the upstream values.
 */
import { pyFormatFixed, pyFormatThousands } from "ai-session-tracker-mcp/stats";
import { displayText } from "@/lib/display-text";

/** "$1,234.56" ("-$12.34" for negatives). */
export function usd(v: number): string {
  const s = pyFormatThousands(Math.abs(v), 2);
  return v < 0 ? `-$${s}` : `$${s}`;
}

/** "$1.2k" style for chart axes. */
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

/** Minutes as "45 min" or "1.5 h". */
export function minutes(v: number): string {
  if (Math.abs(v) < 60) return `${pyFormatFixed(v, 0)} min`;
  return `${pyFormatFixed(v / 60, 1)} h`;
}

/** Epoch ms or ISO text as "2 Mar 2026, 09:00 UTC"; "—" when absent. */
export function dateTime(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  return `${utcDateTime(d.getTime())} UTC`;
}

/** Epoch ms as "2 Mar 2026, 09:00" in UTC, without the zone (for tables that name UTC once). */
export function utcDateTime(ms: number): string {
  return new Date(ms).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  });
}

/** A ratio as "1.25×" (2 dp); "—" when there is none. */
export function ratio(v: number | null): string {
  return v === null ? "—" : `${fixed(v, 2)}×`;
}

/** "2 Mar" (UTC) of an ISO date or epoch ms. */
export function shortDate(v: number | string): string {
  return new Date(v).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

/** Task type / outcome identifiers as words ("code_generation" → "Code generation"). */
export function humanize(v: string | null | undefined): string {
  if (!v) return "—";
  const s = v.replace(/[_-]+/g, " ").trim();
  // Task types and the like come from the shared folder: cut and with controls made visible.
  return displayText(s.charAt(0).toUpperCase() + s.slice(1));
}

/** Compact "31 May 14:23" (UTC) for table cells; the full date goes in a title. */
export function compactDateTime(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  const day = d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  const time = d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return `${day} ${time}`;
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
