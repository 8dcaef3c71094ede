/**
 * The portal's friction method (beside upstream's indicators in `gaps.ts`, which stay as they are):
 * only pauses inside a developer's working day count, and a developer / project / model is flagged only
 * when its share of long in-day pauses stands clearly above the team's own share.
 *
 * In-day gap: the pause between one session's end and the same developer's next session's start when
 * both fall on the same calendar day and the pause is shorter than `maxGapMinutes`. The day is the UTC
 * day of the parsed time: a naive time (upstream writes the developer's local time without an offset)
 * keeps the day it was written on, a `+00:00` time (this recorder) is a UTC day; only a non-zero offset
 * moves a time to its UTC day. (Reading the written text instead would cost a table lookup per session;
 * the day of the stored epoch time is read from the dashboards' covering index.) Nights, weekends (a
 * Friday → Monday pause spans days) and multi-hour absences are therefore never friction. Overlapping
 * sessions (negative pause) open no gap, as in upstream.
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
