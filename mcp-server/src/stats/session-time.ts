/**
 * Per-session figures shared by the formulas: duration (§3.2), the estimate fallback chain (§3.4) and
 * the productive filter (§3.3).
 */
import { EXCLUDED_FROM_ROI } from "../contract/enums.js";
import type { Session } from "../contract/session-schema.js";
import { parseTimestamp } from "../contract/timestamps.js";

/** The session fields the duration needs. */
export type TimedSession = Pick<Session, "start_time" | "end_time">;

/** The session fields the estimate chain needs. */
export type EstimatedSession = Pick<
  Session,
  "final_estimate_minutes" | "initial_estimate_minutes" | "human_time_estimate_minutes"
>;

/**
 * Duration in minutes from `start_time` to `end_time` (spec §3.2). Never throws.
 * Missing, empty or unparseable start or end → 0. Not clamped (a negative duration stays negative),
 * not capped. Accepts `Z`, `+hh:mm` and naive times; a naive time is read as UTC.
 *
 * One deliberate difference from upstream: a session whose start is naive and whose end is aware (or the
 * reverse) gets its real duration with the naive side read as UTC, where upstream returns 0 after a
 * TypeError. The same UTC reading is what the gap analysis must use (spec §2.7), so both agree.
 */
export function sessionDurationMinutes(session: TimedSession): number {
  const start = parseTimestamp(session.start_time);
  const end = parseTimestamp(session.end_time);
  return durationMinutesFromMicros(start ? start.epochMicros : null, end ? end.epochMicros : null);
}

/**
 * {@link sessionDurationMinutes} from times already converted to epoch microseconds (null = missing or
 * unparseable → 0), for a caller that has converted them anyway (the portal's ingest).
 */
export function durationMinutesFromMicros(startMicros: number | null, endMicros: number | null): number {
  if (startMicros === null || endMicros === null) return 0;
  return (endMicros - startMicros) / 1_000_000 / 60;
}

/**
 * Human estimate in minutes, upstream's chain `final or initial or human_time or 0`: 0 and null both
 * fall through, so a final estimate of 0 means "use the initial one" (spec §3.4).
 */
export function estimateMinutes(session: EstimatedSession): number {
  return (
    session.final_estimate_minutes ||
    session.initial_estimate_minutes ||
    session.human_time_estimate_minutes ||
    0
  );
}

/** True when ROI counts the session's task type (all but `human_review`; a missing type counts). */
export function isProductive(session: Pick<Session, "task_type">): boolean {
  return !EXCLUDED_FROM_ROI.has(session.task_type);
}
