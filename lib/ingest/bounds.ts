/**
 * Bounds: the portal's quarantine of records whose values no real tracker writes (a session dated 9999,
 * an estimate of 1e300, a duration of −28,020 min). The contract (`ai-session-tracker-mcp/contract`) stays
 * the compatibility contract and accepts whatever upstream accepts; this is the portal's own policy on top
 * of it: such a record would make every dashboard enumerate thousands of years of weeks or show figures
 * like `4.5e+297`, so it is skipped with a readable reason, recorded against its file like the contract's
 * skipped records. Upstream's own files (`/work/shared/fixtures/upstream/`) all pass (tested).
 *
 * The checks are numeric comparisons on values already normalised by the contract. The one conversion
 * they need, timestamp text → epoch ms, is done here once and handed to the store (which would otherwise
 * convert the same text again for its `*_ms` columns).
 */
import type { AiRequest, Interaction, Issue, Session, UsageRecord } from "ai-session-tracker-mcp/contract";
import { TOKEN_KINDS, timestampToEpochMicros, timestampToEpochMs } from "ai-session-tracker-mcp/contract";
import { durationMinutesFromMicros } from "ai-session-tracker-mcp/stats";

const DAY_MS = 86_400_000;

/** A record left out of a file, with why (stored in `source_files.skipped_json`). */
export interface SkippedRecord {
  key: string | number;
  reason: string;
}

/** Every reason this module gives starts with this text (the contract's own reasons never do). */
export const QUARANTINE_PREFIX = "out of bounds: ";

/**
 * The limits, inclusive, in the units of the stored values. Why each one:
 * - dates: the tracker did not exist before 2000; a record more than a day after the ingest time is not
 *   from a clock that is merely skewed (a day covers every time-zone mistake).
 * - session minutes: upstream auto-closes an active session after 4 h (configurable) and `end_ai_session`
 *   does not cap, so a session ended by hand after a long weekend is real; a week is far beyond any real
 *   one, and a negative duration (end before start) is a broken clock or a hand edit.
 * - estimate minutes: one task estimated at more than a year of human work is not an estimate.
 * - rating: upstream clamps to 1–5 when it stores (a float like 4.7 passes the clamp: allowed).
 * - avg effectiveness: upstream's `round(mean(ratings), 2)`, 0 when the session has none.
 * - tokens: upstream stores interaction tokens `max(0, n)`; a request's `tokens_in/out` are NOT clamped
 *   (upstream's own run stored −7), so they may be negative there. 1e9 per record is ~500× the largest
 *   context window and keeps sums over millions of records exact in a double.
 * - counts (interactions of a session, iterations of one): 1e6 is beyond any real session.
 * - cache hit rate 0–1 and context percent 0–100: what upstream clamps to.
 */
export const LIMITS = {
  earliestMs: Date.UTC(2000, 0, 1),
  futureSlackMs: DAY_MS,
  sessionMinutes: { min: 0, max: 7 * 24 * 60 },
  estimateMinutes: { min: 0, max: 365 * 24 * 60 },
  rating: { min: 1, max: 5 },
  avgEffectiveness: { min: 0, max: 5 },
  tokens: { min: 0, max: 1e9 },
  requestTokens: { min: -1e9, max: 1e9 },
  count: { min: 0, max: 1e6 },
  cacheHitRate: { min: 0, max: 1 },
  contextPct: { min: 0, max: 100 },
  /** One agent conversation's tokens of one kind in one hour (cache reads reach tens of millions). */
  usageTokens: { min: 0, max: 1e12 },
  /**
   * Characters of one record: a session's stored JSON, a held record's texts (nested values as JSON).
   * The recorder caps nothing, but a real record is kilobytes (a session with 500 commits and its code
   * metrics well under 1 MB); 8 MiB stays far below what one statement can carry on either engine
   * (PostgreSQL: a jsonb value of at most 256 MB holds a session's row with its JSON escaped inside, as
   * three-byte UTF-8). Without it one such record failed its statement and stopped the whole pass.
   */
  recordChars: 8 * 1024 * 1024,
} as const;

/** The reason a record over {@link LIMITS}.recordChars is left out. */
export function recordTooLargeReason(chars: number): string {
  return `${QUARANTINE_PREFIX}record of ${chars} characters is over the limit of ${LIMITS.recordChars}`;
}

/**
 * The characters of a held record's values (texts, nested values as JSON), which its row holds. Only
 * measured in a file whose text is over the limit: a record's texts are never longer than the file's.
 */
function recordChars(r: object): number {
  let n = 0;
  for (const key in r) {
    const v = (r as Record<string, unknown>)[key];
    if (typeof v === "string") n += v.length;
    else if (Array.isArray(v))
      for (const x of v) n += typeof x === "string" ? x.length : JSON.stringify(x).length;
    else if (typeof v === "object" && v !== null) n += JSON.stringify(v).length;
  }
  return n;
}

/** A key as stored with its reason: ids are free text, so a hostile one cannot bloat `skipped_json`. */
function clip(key: string): string {
  return key.length > 120 ? `${key.slice(0, 120)}…` : key;
}

/** Whole UTC epoch ms of a timestamp (the store's `*_ms` columns), NaN when absent or unparseable. */
function toMs(text: string | null): number {
  const ms = timestampToEpochMs(text);
  return ms === null ? Number.NaN : Math.floor(ms);
}

/** The checks of one ingest pass: the date window is fixed from the ingest time `nowMs`. */
class Checker {
  readonly latestMs: number;
  constructor(nowMs: number) {
    this.latestMs = nowMs + LIMITS.futureSlackMs;
  }

  /** Reason for a date outside the window, or null (NaN = absent/unparseable: not this module's call). */
  date(field: string, text: string | null, ms: number): string | null {
    if (ms < LIMITS.earliestMs) return `${field} ${text} is before 2000-01-01`;
    if (ms > this.latestMs) return `${field} ${text} is more than a day after the ingest time`;
    return null;
  }
}

/** Reason for a number outside `[min, max]` (or not finite), or null. */
function range(field: string, value: number, limit: { min: number; max: number }): string | null {
  // Written so NaN fails too (the contract only produces finite numbers, but a check must not rely on it).
  if (value >= limit.min && value <= limit.max) return null;
  return `${field} ${value} is outside ${limit.min}–${limit.max}`;
}

function optRange(field: string, value: number | null, limit: { min: number; max: number }): string | null {
  return value === null ? null : range(field, value, limit);
}

/**
 * Records kept, those left out, and each kept record's epoch ms (NaN when absent) and duration in minutes
 * (the stats package's, from the same conversion), index-aligned.
 */
export interface BoundedSessions {
  records: Session[];
  startMs: Float64Array;
  endMs: Float64Array;
  durationMinutes: Float64Array;
  quarantined: SkippedRecord[];
}

/** Records kept with their timestamp's epoch ms (NaN when absent/unparseable), index-aligned. */
export interface BoundedTimed<T> {
  records: T[];
  tsMs: Float64Array;
  quarantined: SkippedRecord[];
}

/** Reason a session is out of bounds, or null. `startMs`/`endMs` are its times (NaN when absent). */
// The per-kind checks below are written out field by field on purpose (they look alike): they run once
// per record on the cold-ingest hot path (straight comparisons, no per-record table walk or allocation), and the
// kinds differ in which fields they have and which limit each field takes (request tokens may be < 0).
function sessionReason(c: Checker, s: Session, startMs: number, endMs: number): string | null {
  return (
    c.date("start_time", s.start_time, startMs) ??
    c.date("end_time", s.end_time, endMs) ??
    // NaN (either time missing) compares false: no duration to check.
    (endMs - startMs < LIMITS.sessionMinutes.min * 60_000
      ? `duration ${(endMs - startMs) / 60_000} min is negative (end_time before start_time)`
      : endMs - startMs > LIMITS.sessionMinutes.max * 60_000
        ? `duration ${Math.round((endMs - startMs) / 60_000)} min is longer than 7 days`
        : null) ??
    optRange("initial_estimate_minutes", s.initial_estimate_minutes, LIMITS.estimateMinutes) ??
    optRange("final_estimate_minutes", s.final_estimate_minutes, LIMITS.estimateMinutes) ??
    optRange("human_time_estimate_minutes", s.human_time_estimate_minutes, LIMITS.estimateMinutes) ??
    range("total_interactions", s.total_interactions, LIMITS.count) ??
    range("avg_effectiveness", s.avg_effectiveness, LIMITS.avgEffectiveness)
  );
}

function interactionReason(c: Checker, r: Interaction, ms: number): string | null {
  return (
    c.date("timestamp", r.timestamp, ms) ??
    range("effectiveness_rating", r.effectiveness_rating, LIMITS.rating) ??
    range("iteration_count", r.iteration_count, LIMITS.count) ??
    range("tokens_in", r.tokens_in, LIMITS.tokens) ??
    range("tokens_out", r.tokens_out, LIMITS.tokens) ??
    range("cached_tokens", r.cached_tokens, LIMITS.tokens) ??
    range("new_tokens", r.new_tokens, LIMITS.tokens) ??
    range("cache_hit_rate", r.cache_hit_rate, LIMITS.cacheHitRate) ??
    range("context_pct", r.context_pct, LIMITS.contextPct)
  );
}

function requestReason(c: Checker, r: AiRequest, ms: number): string | null {
  return (
    c.date("timestamp", r.timestamp, ms) ??
    range("tokens_in", r.tokens_in, LIMITS.requestTokens) ??
    range("tokens_out", r.tokens_out, LIMITS.requestTokens) ??
    range("cached_tokens", r.cached_tokens, LIMITS.tokens) ??
    range("new_tokens", r.new_tokens, LIMITS.tokens) ??
    range("cache_hit_rate", r.cache_hit_rate, LIMITS.cacheHitRate) ??
    range("context_pct", r.context_pct, LIMITS.contextPct)
  );
}

/**
 * Generic filter: computes each record's ms, asks `reason`, keeps the good ones. Allocates new arrays
 * only once a record is left out (the common case keeps the contract's array as it is).
 */
function filterTimed<T>(
  records: T[],
  nowMs: number,
  time: (r: T) => string | null,
  reason: (c: Checker, r: T, ms: number) => string | null,
  keyOf: (r: T) => string,
  textChars: number,
  msOf: (text: string | null) => number = toMs,
): BoundedTimed<T> {
  const c = new Checker(nowMs);
  const measure = textChars > LIMITS.recordChars;
  const tsMs = new Float64Array(records.length);
  const quarantined: SkippedRecord[] = [];
  let kept: T[] = records;
  let n = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as T;
    const ms = msOf(time(r));
    const why = reason(c, r, ms);
    const chars = measure && why === null ? recordChars(r as object) : 0;
    if (why !== null || chars > LIMITS.recordChars) {
      if (kept === records) kept = records.slice(0, i);
      const text = why === null ? recordTooLargeReason(chars) : QUARANTINE_PREFIX + why;
      quarantined.push({ key: clip(keyOf(r)), reason: text });
      continue;
    }
    if (kept !== records) kept.push(r);
    tsMs[n++] = ms;
  }
  return { records: kept, tsMs: n === records.length ? tsMs : tsMs.slice(0, n), quarantined };
}

/** Sessions within bounds at ingest time `nowMs` (epoch ms), with their start/end ms. */
export function boundSessions(records: Session[], nowMs: number): BoundedSessions {
  const c = new Checker(nowMs);
  const startMs = new Float64Array(records.length);
  const endMs = new Float64Array(records.length);
  const durationMinutes = new Float64Array(records.length);
  const quarantined: SkippedRecord[] = [];
  let kept: Session[] = records;
  let n = 0;
  for (let i = 0; i < records.length; i++) {
    const s = records[i] as Session;
    // Converted once here for the check, the `*_ms` columns and the duration (the store's columns).
    const startUs = timestampToEpochMicros(s.start_time);
    const endUs = timestampToEpochMicros(s.end_time);
    const a = startUs === null ? Number.NaN : Math.floor(startUs / 1000);
    const b = endUs === null ? Number.NaN : Math.floor(endUs / 1000);
    const why = sessionReason(c, s, a, b);
    if (why !== null) {
      if (kept === records) kept = records.slice(0, i);
      quarantined.push({ key: clip(s.id), reason: QUARANTINE_PREFIX + why });
      continue;
    }
    if (kept !== records) kept.push(s);
    startMs[n] = a;
    endMs[n] = b;
    durationMinutes[n] = durationMinutesFromMicros(startUs, endUs);
    n++;
  }
  const whole = n === records.length;
  return {
    records: kept,
    startMs: whole ? startMs : startMs.slice(0, n),
    endMs: whole ? endMs : endMs.slice(0, n),
    durationMinutes: whole ? durationMinutes : durationMinutes.slice(0, n),
    quarantined,
  };
}

/** Key of a left-out interaction/issue: its session and time (what a reader needs to find it). */
const heldKeyText = (r: Interaction | Issue) => `${r.session_id} @ ${r.timestamp}`;

/**
 * Interactions within bounds at ingest time `nowMs`, from a file of `textChars` characters (its records
 * are measured against {@link LIMITS}.recordChars only when the file is longer than that; likewise below).
 */
export function boundInteractions(
  records: Interaction[],
  nowMs: number,
  textChars = 0,
): BoundedTimed<Interaction> {
  return filterTimed(records, nowMs, (r) => r.timestamp, interactionReason, heldKeyText, textChars);
}

/** Issues within bounds at ingest time `nowMs` (only their timestamp is checked). */
export function boundIssues(records: Issue[], nowMs: number, textChars = 0): BoundedTimed<Issue> {
  return filterTimed(
    records,
    nowMs,
    (r) => r.timestamp,
    (c, r, ms) => c.date("timestamp", r.timestamp, ms),
    heldKeyText,
    textChars,
  );
}

/** Requests within bounds at ingest time `nowMs`. */
export function boundRequests(records: AiRequest[], nowMs: number, textChars = 0): BoundedTimed<AiRequest> {
  return filterTimed(
    records,
    nowMs,
    (r) => r.timestamp,
    requestReason,
    (r) => r.id || r.timestamp,
    textChars,
  );
}

/** Usage records (usage.json) within bounds at ingest time `nowMs`: their hour, times and token counts. */
export function boundUsage(records: UsageRecord[], nowMs: number, textChars = 0): BoundedTimed<UsageRecord> {
  return filterTimed(
    records,
    nowMs,
    (r) => r.hour,
    (c, r, ms) => {
      const when =
        c.date("hour", r.hour, ms) ?? c.date("last_timestamp", r.last_timestamp, isoMs(r.last_timestamp));
      if (when !== null) return when;
      for (const kind of TOKEN_KINDS) {
        const why = range(kind, r[kind], LIMITS.usageTokens);
        if (why !== null) return why;
      }
      return range("requests", r.requests, LIMITS.count);
    },
    (r) => `${r.conversation_id} @ ${r.hour}`,
    textChars,
    isoMs,
  );
}

/**
 * Epoch ms of a usage record's time. The contract only lets ISO-8601 times with a `Z` or an offset
 * through, which `Date.parse` reads exactly (truncating past ms, like {@link toMs}'s floor); the
 * general upstream reader behind `toMs` takes the slow path for the `Z` form (~3 µs a record).
 */
function isoMs(text: string | null): number {
  return text === null ? Number.NaN : Date.parse(text);
}
