/**
 * Gaps between consecutive sessions and the friction indicators derived from them (spec §3.5).
 */
import type { Session } from "../contract/session-schema.js";
import { type ParsedTimestamp, parseTimestamp } from "../contract/timestamps.js";
import { pyFormatFixed, pyFormatPercent, pyRound } from "./rounding.js";

/** Gap classes by length: quick < 5 min ≤ normal < 30 ≤ extended < 120 ≤ long_break. */
export type GapClassification = "quick" | "normal" | "extended" | "long_break";

/** Upstream's gap thresholds in minutes (half-open: 5.0 is normal, 30.0 extended, 120.0 long_break). */
export const GAP_THRESHOLDS_MINUTES = { quick: 5, normal: 30, extended: 120 } as const;

/** Upstream's friction thresholds. */
export const FRICTION_THRESHOLDS = { longBreakRatio: 0.3, avgGapMinutes: 60, trendMultiplier: 1.5 } as const;

/** The pause between one session's end and the next session's start. */
export interface SessionGap {
  from_session: string;
  to_session: string;
  /** Python `isoformat()` of the earlier session's end (offset as stored; naive stays naive). */
  from_end: string;
  /** Python `isoformat()` of the later session's start. */
  to_start: string;
  /** Minutes, rounded half-even to 1 dp. */
  duration_minutes: number;
  classification: GapClassification;
}

/** Result of {@link calculateSessionGaps}, upstream's dict shape. */
export interface SessionGapsResult {
  gaps: SessionGap[];
  summary: {
    total_gaps: number;
    /** Mean of the rounded gap durations, minutes, rounded to 1 dp; 0 when there are no gaps. */
    average_gap_minutes: number;
    by_classification: Record<GapClassification, number>;
  };
  /** Human-readable warnings, in upstream's order and wording. */
  friction_indicators: string[];
}

/** The session fields the gap analysis needs. */
export type GapSession = Pick<Session, "id" | "start_time" | "end_time">;

/** Classifies a gap of `minutes` (unrounded). */
export function classifyGap(minutes: number): GapClassification {
  if (minutes < GAP_THRESHOLDS_MINUTES.quick) return "quick";
  if (minutes < GAP_THRESHOLDS_MINUTES.normal) return "normal";
  if (minutes < GAP_THRESHOLDS_MINUTES.extended) return "extended";
  return "long_break";
}

function mean(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

/**
 * Gaps between consecutive sessions ordered by start time, over every session given (upstream runs it
 * on all sessions of the data folder, human_review and active ones included).
 *
 * Sessions whose start does not parse are left out; a session without a (parseable) end opens no gap;
 * overlapping pairs (negative gap) are skipped. Naive times are read as UTC, so mixing naive and aware
 * timestamps works (upstream raises TypeError there and its report fails). Equal start times keep
 * their input order (stable sort, as Python's).
 */
export function calculateSessionGaps(sessions: readonly GapSession[]): SessionGapsResult {
  const timeline: { id: string; start: ParsedTimestamp; end: ParsedTimestamp | null }[] = [];
  for (const s of sessions) {
    const start = parseTimestamp(s.start_time);
    if (start) timeline.push({ id: s.id, start, end: parseTimestamp(s.end_time) });
  }
  timeline.sort((a, b) => a.start.epochMicros - b.start.epochMicros);

  const gaps: SessionGap[] = [];
  for (let i = 0; i + 1 < timeline.length; i++) {
    const cur = timeline[i];
    const next = timeline[i + 1];
    if (!cur?.end || !next) continue;
    const minutes = (next.start.epochMicros - cur.end.epochMicros) / 1_000_000 / 60;
    if (minutes < 0) continue;
    gaps.push({
      from_session: cur.id,
      to_session: next.id,
      from_end: cur.end.iso,
      to_start: next.start.iso,
      duration_minutes: pyRound(minutes, 1),
      classification: classifyGap(minutes),
    });
  }

  const byClass: Record<GapClassification, number> = { quick: 0, normal: 0, extended: 0, long_break: 0 };
  for (const g of gaps) byClass[g.classification] += 1;
  const durations = gaps.map((g) => g.duration_minutes);
  const average = durations.length ? pyRound(mean(durations), 1) : 0;

  const indicators: string[] = [];
  if (gaps.length > 0) {
    const ratio = byClass.long_break / gaps.length;
    if (ratio > FRICTION_THRESHOLDS.longBreakRatio) {
      indicators.push(`High long-break ratio (${pyFormatPercent(ratio, 0)}) - potential tool friction`);
    }
    if (average > FRICTION_THRESHOLDS.avgGapMinutes) {
      indicators.push(`High average gap (${pyFormatFixed(average, 0)}min) - users may be avoiding tool`);
    }
    if (gaps.length >= 3) {
      const half = Math.floor(durations.length / 2);
      const first = mean(durations.slice(0, half));
      const second = mean(durations.slice(half));
      if (second > first * FRICTION_THRESHOLDS.trendMultiplier) {
        indicators.push("Gaps increasing over time - possible adoption decline");
      }
    }
  }
  return {
    gaps,
    summary: { total_gaps: gaps.length, average_gap_minutes: average, by_classification: byClass },
    friction_indicators: indicators,
  };
}
