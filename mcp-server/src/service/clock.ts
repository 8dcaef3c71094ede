/**
 * Timestamps in upstream's format: Python `datetime.now(UTC).isoformat()`, e.g.
 * `2026-11-22T01:49:39.130691+00:00` (microseconds omitted when zero).
 *
 * Interactions and issues have no id upstream; `(session_id, timestamp)` is their only natural key,
 * so timestamps issued by one process are made strictly increasing (a microsecond apart at least).
 */
let lastMicros = 0n;

/** Formats a Date (UTC) with microseconds as Python's isoformat does. */
export function formatIsoUtc(date: Date, micros = BigInt(date.getTime()) * 1000n): string {
  const base = date.toISOString().slice(0, 19);
  const frac = Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n);
  return frac === 0 ? `${base}+00:00` : `${base}.${String(frac).padStart(6, "0")}+00:00`;
}

/** A unique, increasing UTC timestamp for `now` in upstream format. */
export function uniqueTimestamp(now: Date): string {
  let micros = BigInt(now.getTime()) * 1000n;
  if (micros <= lastMicros) micros = lastMicros + 1n;
  lastMicros = micros;
  return formatIsoUtc(new Date(Number(micros / 1000n)), micros);
}

/** `YYYYmmdd_HHMMSS` in UTC, the suffix of upstream session ids. */
export function compactUtc(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** Parses an upstream timestamp (`Z`, offset or naive = UTC). Returns null when unparseable. */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value !== "string" || value === "") return null;
  const hasZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(value);
  const d = new Date(hasZone ? value : `${value}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}
