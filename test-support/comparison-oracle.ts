/**
 * Oracle of the "for whom" comparison rows and the adoption figures, written as plain arithmetic over a
 * folder's records (the contract's parsed sessions, interactions and issues) — never through the
 * portal's SQL or its formatting helpers. Outcome weights (success 1, partial ½, failed 0, anything else
 * 1) and the estimate chain (`final || initial || human_time || 0`) are upstream's rules, restated here.
 * Test support: never imported by production code.
 */
import {
  type Interaction,
  type Issue,
  type Session,
  timestampToEpochMs,
} from "ai-session-tracker-mcp/contract";

/** One developer's records. */
export interface OracleDeveloper {
  dev: string;
  sessions: readonly Session[];
  interactions: readonly Interaction[];
  issues?: readonly Issue[];
}

/** The figures of one comparison row, unrounded (the fields mirror the portal's row on purpose: same questions, own answers). */
export interface OracleRow {
  key: string;
  sessions: number;
  activeDays: number;
  activeWeeks: number;
  valueHours: number;
  hoursSaved: number;
  hoursSavedPerActiveWeek: number | null;
  successRatePct: number | null;
  /** Mean of the integer part of every rating; 0 with none. */
  effectiveness: number;
  issuesPerSession: number | null;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** 1970-01-05 00:00 UTC was a Monday. */
const MONDAY = 4 * DAY;

const estimate = (s: Session) =>
  s.final_estimate_minutes || s.initial_estimate_minutes || s.human_time_estimate_minutes || 0;

function durationMinutes(s: Session): number {
  const a = timestampToEpochMs(s.start_time);
  const b = timestampToEpochMs(s.end_time);
  return a === null || b === null ? 0 : (b - a) / 60_000;
}

const weight = (o: string | null) => (o === "partial" ? 0.5 : o === "failed" ? 0 : 1);

/** The comparison row of a set of sessions with the interactions and issues that belong to them. */
export function oracleRow(
  key: string,
  sessions: readonly Session[],
  interactions: readonly Interaction[],
  issues: readonly Issue[],
): OracleRow {
  const days = new Set<number>();
  const weeks = new Set<number>();
  for (const s of sessions) {
    const ms = timestampToEpochMs(s.start_time);
    if (ms === null) continue;
    days.add(Math.floor(ms / DAY));
    weeks.add(Math.floor((ms - MONDAY) / WEEK));
  }
  const counted = sessions.filter((s) => s.status === "completed" && s.task_type !== "human_review");
  let value = 0;
  let saved = 0;
  for (const s of counted) {
    value += (weight(s.outcome) * estimate(s)) / 60;
    saved += (estimate(s) - durationMinutes(s)) / 60;
  }
  const ratings = interactions.map((i) => Math.trunc(i.effectiveness_rating));
  return {
    key,
    sessions: sessions.length,
    activeDays: days.size,
    activeWeeks: weeks.size,
    valueHours: value,
    hoursSaved: saved,
    hoursSavedPerActiveWeek: weeks.size ? saved / weeks.size : null,
    successRatePct: counted.length
      ? (counted.filter((s) => s.outcome === "success").length / counted.length) * 100
      : null,
    effectiveness: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : 0,
    issuesPerSession: sessions.length ? issues.length / sessions.length : null,
  };
}

/** One row per developer over all their records (range "all time", no other filter). */
export function oracleByDeveloper(devs: readonly OracleDeveloper[]): OracleRow[] {
  return devs
    .filter((d) => d.sessions.length > 0)
    .map((d) => oracleRow(d.dev, d.sessions, d.interactions, d.issues ?? []));
}

/**
 * One row per value of a session field (project, model, task type) over every developer's sessions;
 * interactions and issues follow their session (same developer, same session id).
 */
export function oracleBySessionField(
  devs: readonly OracleDeveloper[],
  field: "project" | "model_name" | "task_type",
  projectOf: (dev: string, s: Session) => string = (_d, s) => s.project,
): OracleRow[] {
  const groups = new Map<string, { sessions: Session[]; interactions: Interaction[]; issues: Issue[] }>();
  for (const d of devs) {
    const keyOf = new Map<string, string>();
    for (const s of d.sessions) {
      const key = field === "project" ? projectOf(d.dev, s) : s[field];
      keyOf.set(s.id, key);
      const g = groups.get(key) ?? { sessions: [], interactions: [], issues: [] };
      g.sessions.push(s);
      groups.set(key, g);
    }
    for (const i of d.interactions) {
      const k = keyOf.get(i.session_id);
      if (k !== undefined) groups.get(k)?.interactions.push(i);
    }
    for (const i of d.issues ?? []) {
      const k = keyOf.get(i.session_id);
      if (k !== undefined) groups.get(k)?.issues.push(i);
    }
  }
  return [...groups].map(([k, g]) => oracleRow(k, g.sessions, g.interactions, g.issues));
}

/** Adoption figures of the sessions starting in `[fromMs, toMs)` at `nowMs`. */
export function oracleAdoption(
  devs: readonly OracleDeveloper[],
  fromMs: number,
  toMs: number,
  nowMs: number,
): {
  active: string[];
  silent: string[];
  activeDays: Record<string, number>;
  daysSinceLast: Record<string, number | null>;
  /** Developers with a session on each UTC day (ISO day → count), days with none left out. */
  perDay: Record<string, number>;
} {
  const activeDays: Record<string, number> = {};
  const daysSinceLast: Record<string, number | null> = {};
  const perDaySets = new Map<string, Set<string>>();
  const active: string[] = [];
  const silent: string[] = [];
  for (const d of devs) {
    const days = new Set<number>();
    let n = 0;
    let last: number | null = null;
    for (const s of d.sessions) {
      const ms = timestampToEpochMs(s.start_time);
      if (ms === null) continue;
      if (ms <= nowMs && (last === null || ms > last)) last = ms;
      if (ms < fromMs || ms >= toMs) continue;
      n++;
      const day = Math.floor(ms / DAY);
      days.add(day);
      const iso = new Date(day * DAY).toISOString().slice(0, 10);
      const set = perDaySets.get(iso) ?? new Set<string>();
      set.add(d.dev);
      perDaySets.set(iso, set);
    }
    activeDays[d.dev] = days.size;
    daysSinceLast[d.dev] = last === null ? null : Math.floor((nowMs - last) / DAY);
    (n ? active : silent).push(d.dev);
  }
  const perDay: Record<string, number> = {};
  for (const [day, set] of perDaySets) perDay[day] = set.size;
  return { active: active.sort(), silent: silent.sort(), activeDays, daysSinceLast, perDay };
}
