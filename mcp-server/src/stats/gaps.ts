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

  // One pass over the gaps for the aggregates; the trend compares the first floor(n/2) gaps with the rest.
  const byClassification: Record<GapClassification, number> = {
    quick: 0,
    normal: 0,
    extended: 0,
    long_break: 0,
  };
  const half = Math.floor(gaps.length / 2);
  let roundedMinutesSum = 0;
  let firstSum = 0;
  let secondSum = 0;
  let i = 0;
  for (const g of gaps) {
    byClassification[g.classification] += 1;
    roundedMinutesSum += g.duration_minutes;
    if (i < half) firstSum += g.duration_minutes;
    else secondSum += g.duration_minutes;
    i += 1;
  }
  const halves = { firstSum, firstCount: half, secondSum, secondCount: gaps.length - half };
  return { gaps, ...summarizeGapAggregates({ byClassification, roundedMinutesSum, halves }) };
}

/** Aggregates of one timeline's gaps (one developer), for {@link summarizeGapAggregates}. */
export interface GapAggregates {
  byClassification: Record<GapClassification, number>;
  /** Σ of the gaps' rounded (1 dp) durations, minutes. */
  roundedMinutesSum: number;
  /**
   * Σ and count of the rounded durations of the first `floor(n/2)` gaps and of the rest, in start order
   * (the trend test). Omit for a union of several timelines, where "first half" means nothing.
   */
  halves?: { firstSum: number; firstCount: number; secondSum: number; secondCount: number } | undefined;
}

/**
 * The `summary` and `friction_indicators` of {@link calculateSessionGaps}, from aggregates (e.g. SQL
 * GROUP BY); `calculateSessionGaps` itself calls it, so thresholds, rounding and wording live here only.
 */
export function summarizeGapAggregates(
  g: GapAggregates,
): Pick<SessionGapsResult, "summary" | "friction_indicators"> {
  const c = g.byClassification;
  const total = c.quick + c.normal + c.extended + c.long_break;
  const average = total ? pyRound(g.roundedMinutesSum / total, 1) : 0;
  const indicators: string[] = [];
  if (total > 0) {
    const ratio = c.long_break / total;
    if (ratio > FRICTION_THRESHOLDS.longBreakRatio) {
      indicators.push(`High long-break ratio (${pyFormatPercent(ratio, 0)}) - potential tool friction`);
    }
    if (average > FRICTION_THRESHOLDS.avgGapMinutes) {
      indicators.push(`High average gap (${pyFormatFixed(average, 0)}min) - users may be avoiding tool`);
    }
    const h = g.halves;
    if (total >= 3 && h && h.firstCount > 0 && h.secondCount > 0) {
      if (h.secondSum / h.secondCount > (h.firstSum / h.firstCount) * FRICTION_THRESHOLDS.trendMultiplier) {
        indicators.push("Gaps increasing over time - possible adoption decline");
      }
    }
  }
  return {
    summary: { total_gaps: total, average_gap_minutes: average, by_classification: { ...c } },
    friction_indicators: indicators,
  };
}
