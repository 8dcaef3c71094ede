/**
 * The one team-ROI oracle of the vitest and e2e suites, written from upstream's formulas rather than the
 * portal's SQL: ROI over the union of the developers' sessions and interactions, with the oversight gaps
 * taken on each developer's own timeline and added (upstream interleaves everyone's sessions into one
 * timeline, which would invent gaps between colleagues). For one developer it equals upstream's
 * `calculateRoiMetrics` of that folder (lib/queries/dashboards.test.ts checks the portal against both).
 * Test support: never imported by production code.
 */
import type { Interaction, Session } from "ai-session-tracker-mcp/contract";
import {
  calculateRoiFromTotals,
  calculateSessionGaps,
  estimateMinutes,
  isProductive,
  type RoiMetrics,
  sessionDurationMinutes,
} from "ai-session-tracker-mcp/stats";

/** One developer's normalised records (sessions and interactions, as the contract parses them). */
export interface DeveloperRecords {
  sessions: readonly Session[];
  interactions: readonly Interaction[];
}

/** Team ROI the dashboards promise for these developers' records (unrounded inputs, upstream rounding). */
export function teamRoi(devs: readonly DeveloperRecords[]): RoiMetrics {
  const sessions = devs.flatMap((d) => d.sessions);
  const interactions = devs.flatMap((d) => d.interactions);
  let oversight = 0;
  for (const d of devs) {
    for (const g of calculateSessionGaps(d.sessions).gaps) {
      if (g.classification === "quick" || g.classification === "normal") oversight += g.duration_minutes;
    }
  }
  const pc = sessions.filter((s) => isProductive(s) && s.status === "completed");
  return calculateRoiFromTotals({
    completedSessions: pc.length,
    aiMinutes: pc.reduce((a, s) => a + sessionDurationMinutes(s), 0),
    humanMinutes: pc.reduce((a, s) => a + estimateMinutes(s), 0),
    oversightGapMinutes: oversight,
    totalInteractions: interactions.length,
    ratingIntSum: interactions.reduce((a, i) => a + Math.trunc(i.effectiveness_rating), 0),
  });
}
