/**
 * The portal's friction method (beside upstream's indicators in `gaps.ts`, which stay as they are):
 * only pauses inside a developer's working day count, and a developer / project / model is flagged only
 * when its share of long in-day pauses stands clearly above the team's own share.
 *
 * In-day gap: the pause between one session's end and the same developer's next session's start when
 * both fall on the same calendar day *as written in the records* (upstream and this recorder write the
 * developer's local time; a `Z`/`+00:00` time is a UTC day) and the pause is shorter than
 * `maxGapMinutes`. Nights, weekends (a Friday → Monday pause spans days) and multi-hour absences are
 * therefore never friction. Overlapping sessions (negative pause) open no gap, as in upstream.
 */

/** The rule's thresholds. Minutes; percentage points; a count of gaps. */
export interface InDayGapRule {
  /** A same-day pause this long or longer is an absence, not friction. */
  maxGapMinutes: number;
  /** An in-day pause this long or longer is "long" (upstream's extended + long_break start at 30 min). */
  longGapMinutes: number;
  /** A group is flagged when its long share exceeds the team's by at least this many points… */
  marginPt: number;
  /** …and it has at least this many in-day gaps (fewer cannot tell a pattern from chance). */
  minGaps: number;
}

/** Defaults: absences from 4 h, long from 30 min, flagged 15 points above the team with ≥ 10 gaps. */
export const IN_DAY_GAP_RULE: Readonly<InDayGapRule> = Object.freeze({
  maxGapMinutes: 240,
  longGapMinutes: 30,
  marginPt: 15,
  minGaps: 10,
});

/** In-day gap counts of a group (or the whole team). */
export interface InDayGapCounts {
  gaps: number;
  /** Gaps of at least `longGapMinutes`. */
  long: number;
}

/** How one group compares with the team. Percentages 0–100, 1 dp; `deltaPt` = share − team share. */
export interface FrictionFinding extends InDayGapCounts {
  key: string;
  sharePct: number;
  teamSharePct: number;
  deltaPt: number;
  flagged: boolean;
}

/**
 * The in-day gap in minutes between a session ending at `prevEndMs` on calendar day `prevEndDay` and the
 * next one starting at `startMs` on `startDay`, or null when the pair opens no in-day gap.
 */
export function inDayGapMinutes(
  prev: { endMs: number | null; endDay: string | null },
  next: { startMs: number; startDay: string },
  rule: InDayGapRule = IN_DAY_GAP_RULE,
): number | null {
  if (prev.endMs === null || prev.endDay === null || prev.endDay !== next.startDay) return null;
  const minutes = (next.startMs - prev.endMs) / 60_000;
  return minutes >= 0 && minutes < rule.maxGapMinutes ? minutes : null;
}

/** Share in percent, 1 dp; 0 for no gaps. */
function sharePct(c: InDayGapCounts): number {
  return c.gaps ? Math.round((c.long / c.gaps) * 1000) / 10 : 0;
}

/**
 * Each group against the team's baseline: flagged when it has at least `minGaps` in-day gaps and its
 * long share is at least `marginPt` points above the team's. Sorted by `deltaPt`, largest first.
 */
export function frictionAgainstBaseline(
  groups: ReadonlyArray<InDayGapCounts & { key: string }>,
  team: InDayGapCounts,
  rule: InDayGapRule = IN_DAY_GAP_RULE,
): FrictionFinding[] {
  const teamSharePct = sharePct(team);
  return groups
    .map((g) => {
      const share = sharePct(g);
      const deltaPt = Math.round((share - teamSharePct) * 10) / 10;
      return {
        key: g.key,
        gaps: g.gaps,
        long: g.long,
        sharePct: share,
        teamSharePct,
        deltaPt,
        flagged: g.gaps >= rule.minGaps && deltaPt >= rule.marginPt,
      };
    })
    .sort((a, b) => b.deltaPt - a.deltaPt || a.key.localeCompare(b.key));
}
