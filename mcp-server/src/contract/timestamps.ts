/**
 * ISO-8601 timestamps as the upstream tracker writes and reads them (spec §2.3, §2.7, §3.2).
 *
 * Upstream parses with Python's `datetime.fromisoformat` after replacing `Z` by `+00:00`. Records hold
 * aware UTC times (`2026-11-22T01:49:39.130691+00:00`, microseconds omitted when 0), older or hand-made
 * ones may be naive (`2026-03-02T09:00:00`) or use `Z`. JS `Date.parse` would read a naive time in the
 * process's local zone, so this module parses by hand and treats a naive time as UTC.
 */

/** A parsed timestamp. */
export interface ParsedTimestamp {
  /** Microseconds since the Unix epoch, UTC (a naive time is taken as UTC). Integer. */
  readonly epochMicros: number;
  /** True when the text carried no UTC offset. */
  readonly naive: boolean;
  /** Python `datetime.isoformat()` of the parsed value (offset kept as written, `Z` shown as `+00:00`). */
  readonly iso: string;
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?(?:(Z)|([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;

const pad2 = (n: number): string => String(n).padStart(2, "0");

/**
 * Parses an ISO-8601 timestamp the way upstream's `fromisoformat(s.replace("Z", "+00:00"))` does.
 * Returns null for anything unparseable (never throws). Fractions beyond microseconds are truncated.
 */
export function parseTimestamp(text: string | null | undefined): ParsedTimestamp | null {
  if (typeof text !== "string" || text === "") return null;
  // Reports parse the same few thousand timestamps on every call; results are immutable, so share them.
  const cached = parsedCache.get(text);
  if (cached !== undefined) return cached;
  if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.clear();
  const parsed = parseUncached(text);
  parsedCache.set(text, parsed);
  return parsed;
}

const PARSED_CACHE_LIMIT = 200_000;
const parsedCache = new Map<string, ParsedTimestamp | null>();

/** The fields of a valid timestamp (what every reader needs; the `iso` text is built only on demand). */
interface TimestampFields {
  epochMicros: number;
  naive: boolean;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  /** Offset as written: sign and hours/minutes/seconds (all 0 for naive and `Z`). */
  sign: 1 | -1;
  oh: number;
  om: number;
  os: number;
}

function parseFields(text: string): TimestampFields | null {
  const m = ISO_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const micros = m[7] === undefined ? 0 : Number(m[7].slice(0, 6).padEnd(6, "0"));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallMs);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null; // e.g. 2026-02-30
  if (year < 100) return null; // Date.UTC maps 0..99 to 1900+; upstream never writes such years

  const naive = m[8] === undefined && m[9] === undefined;
  const sign = m[9] === "-" ? -1 : 1;
  const oh = Number(m[10] ?? 0);
  const om = Number(m[11] ?? 0);
  const os = Number(m[12] ?? 0);
  if (oh > 23 || om > 59 || os > 59) return null;
  const offsetSeconds = sign * (oh * 3600 + om * 60 + os);
  const epochMicros = (wallMs / 1000 - offsetSeconds) * 1_000_000 + micros;
  return { epochMicros, naive, year, month, day, hour, minute, second, micros, sign, oh, om, os };
}

function parseUncached(text: string): ParsedTimestamp | null {
  const f = parseFields(text);
  if (!f) return null;
  const offsetText = f.naive
    ? ""
    : `${f.sign < 0 ? "-" : "+"}${pad2(f.oh)}:${pad2(f.om)}${f.os ? `:${pad2(f.os)}` : ""}`;
  const time = `${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}${f.micros ? `.${String(f.micros).padStart(6, "0")}` : ""}`;
  const iso = `${String(f.year).padStart(4, "0")}-${pad2(f.month)}-${pad2(f.day)}T${time}${offsetText}`;
  return Object.freeze({ epochMicros: f.epochMicros, naive: f.naive, iso });
}

/**
 * Milliseconds since the Unix epoch (UTC) for an upstream timestamp, or null when unparseable.
 * A naive timestamp is read as UTC.
 */
export function timestampToEpochMs(text: string | null | undefined): number | null {
  const micros = timestampToEpochMicros(text);
  return micros === null ? null : micros / 1000;
}

/**
 * Microseconds since the Unix epoch (UTC) for an upstream timestamp, or null when unparseable: the
 * `epochMicros` of {@link parseTimestamp}, uncached and without the iso text (an ingest converts a
 * million distinct timestamps once each). A naive timestamp is read as UTC.
 */
export function timestampToEpochMicros(text: string | null | undefined): number | null {
  if (typeof text !== "string" || text === "") return null;
  const fast = canonicalUtcMicros(text);
  if (fast !== null) return fast;
  const f = parseFields(text);
  return f ? f.epochMicros : null;
}

/** Value of the `n` ASCII digits of `s` at `at`, or -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Epoch microseconds of the form the current writer uses, `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`, read
 * without the regular expression; null for any other form (the general parser then decides).
 */
function canonicalUtcMicros(s: string): number | null {
  const n = s.length;
  if (n !== 25 && n !== 32) return null;
  if (s[4] !== "-" || s[7] !== "-" || s[10] !== "T" || s[13] !== ":" || s[16] !== ":") return null;
  if (!s.endsWith("+00:00") || (n === 32 && s[19] !== ".")) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const micros = n === 32 ? digits(s, 20, 6) : 0;
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return null;
  if (micros < 0) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wallMs).getUTCDate() !== day) return null; // e.g. 2026-02-30
  return wallMs * 1000 + micros;
}
