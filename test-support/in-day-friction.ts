/**
 * Oracle of the in-day friction figures, written from the rule's words rather than the portal's SQL:
 * each developer's sessions sorted by start; a pause counts when the earlier session's end and the next
 * start fall on the same UTC calendar date and the pause is under the absence limit; long pauses are those of
 * at least the long limit; a group is flagged with enough gaps and a share far enough above the team's.
 * Test support: never imported by production code.
 */
import { type Session, timestampToEpochMs } from "ai-session-tracker-mcp/contract";

/** The rule's numbers, passed in so the oracle does not read the package's constants. */
export interface OracleRule {
  maxGapMinutes: number;
  longGapMinutes: number;
  marginPt: number;
  minGaps: number;
}

/** Counts and flag of one group as the oracle sees them. */
export interface OracleFinding {
  key: string;
  gaps: number;
  long: number;
  sharePct: number;
  deltaPt: number;
  flagged: boolean;
}

const pct1 = (long: number, gaps: number) => (gaps === 0 ? 0 : Math.round((1000 * long) / gaps) / 10);

/** Team counts and per-developer / per-model findings for these developers' sessions. */
export function inDayFrictionOracle(
  devs: readonly { dev: string; sessions: readonly Session[] }[],
  rule: OracleRule,
): {
  team: { gaps: number; long: number; sharePct: number };
  developer: OracleFinding[];
  model: OracleFinding[];
} {
  const perDev = new Map<string, { gaps: number; long: number }>();
  const perModel = new Map<string, { gaps: number; long: number }>();
  let gaps = 0;
  let long = 0;
  for (const d of devs) {
    const timeline = d.sessions
      .map((s) => ({ s, start: timestampToEpochMs(s.start_time) }))
      .filter((x): x is { s: Session; start: number } => x.start !== null)
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < timeline.length; i++) {
      const prev = timeline[i - 1];
      const next = timeline[i];
      if (!prev || !next || !prev.s.end_time) continue;
      const prevEnd = timestampToEpochMs(prev.s.end_time);
      if (prevEnd === null) continue;
      const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      if (utcDate(prevEnd) !== utcDate(next.start)) continue;
      const minutes = (next.start - prevEnd) / 60_000;
      if (minutes < 0 || minutes >= rule.maxGapMinutes) continue;
      const isLong = minutes >= rule.longGapMinutes ? 1 : 0;
      gaps += 1;
      long += isLong;
      for (const [m, key] of [
        [perDev, d.dev],
        [perModel, next.s.model_name],
      ] as const) {
        const c = m.get(key) ?? { gaps: 0, long: 0 };
        c.gaps += 1;
        c.long += isLong;
        m.set(key, c);
      }
    }
  }
  const teamShare = pct1(long, gaps);
  const findings = (m: Map<string, { gaps: number; long: number }>) =>
    [...m].map(([key, c]) => {
      const share = pct1(c.long, c.gaps);
      const deltaPt = Math.round((share - teamShare) * 10) / 10;
      return {
        key,
        ...c,
        sharePct: share,
        deltaPt,
        flagged: c.gaps >= rule.minGaps && deltaPt >= rule.marginPt,
      };
    });
  return {
    team: { gaps, long, sharePct: teamShare },
    developer: findings(perDev),
    model: findings(perModel),
  };
}
