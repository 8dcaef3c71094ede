/**
 * Expected dashboard figures for the e2e fixture, computed independently of the portal: the generator is
 * run again (same seed and `now`) into a temp folder, its truth goes through the contract and the stats
 * package — upstream's ROI per developer, and team ROI over the union with gaps per developer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type Interaction,
  parseInteractionsFile,
  parseSessionsFile,
  type Session,
  timestampToEpochMs,
} from "ai-session-tracker-mcp/contract";
import {
  calculateRoiFromTotals,
  calculateRoiMetrics,
  calculateSessionGaps,
  estimateMinutes,
  isProductive,
  type RoiMetrics,
  sessionDurationMinutes,
} from "ai-session-tracker-mcp/stats";
import { DEMO_MESS, makeTeamFolder } from "../scripts/make-team-folder";
import {
  FIXTURE_DEVELOPERS,
  FIXTURE_INTERACTIONS_PER_SESSION,
  FIXTURE_NOW,
  FIXTURE_SEED,
  FIXTURE_SESSIONS_PER_DEVELOPER,
} from "./fixture-folder";

/** One developer's normalised truth. */
export interface DevTruth {
  dev: string;
  sessions: Session[];
  interactions: Interaction[];
}

/** The fixture's truth per developer (regenerated; nothing is read from the server under test). */
export function fixtureTruth(): DevTruth[] {
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-truth-"));
  try {
    const m = makeTeamFolder({
      root: path.join(dir, "team"),
      seed: FIXTURE_SEED,
      developers: FIXTURE_DEVELOPERS,
      sessionsPerDeveloper: FIXTURE_SESSIONS_PER_DEVELOPER,
      interactionsPerSession: FIXTURE_INTERACTIONS_PER_SESSION,
      now: FIXTURE_NOW,
      mess: DEMO_MESS,
    });
    return m.developers.map((d) => ({
      dev: d.name,
      sessions: parseSessionsFile(d.sessions).records,
      interactions: parseInteractionsFile(d.interactions).records,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Keeps sessions starting in the last `days` before the fixture's `now` (and their interactions). */
export function lastDays(t: DevTruth[], days: number): DevTruth[] {
  const to = Date.parse(FIXTURE_NOW);
  const from = to - days * 86_400_000;
  return t.map((d) => {
    const sessions = d.sessions.filter((s) => {
      const ms = timestampToEpochMs(s.start_time);
      return ms !== null && ms >= from && ms < to;
    });
    const ids = new Set(sessions.map((s) => s.id));
    return { dev: d.dev, sessions, interactions: d.interactions.filter((i) => ids.has(i.session_id)) };
  });
}

/** Team ROI: upstream's formulas over the union, gaps taken per developer and added. */
export function teamRoi(t: DevTruth[]): { roi: RoiMetrics; sessions: number } {
  const sessions = t.flatMap((d) => d.sessions);
  const interactions = t.flatMap((d) => d.interactions);
  if (t.length === 1 && t[0])
    return { roi: calculateRoiMetrics(t[0].sessions, t[0].interactions), sessions: sessions.length };
  let oversight = 0;
  for (const d of t) {
    for (const g of calculateSessionGaps(d.sessions).gaps) {
      if (g.classification === "quick" || g.classification === "normal") oversight += g.duration_minutes;
    }
  }
  const pc = sessions.filter((s) => isProductive(s) && s.status === "completed");
  const roi = calculateRoiFromTotals({
    completedSessions: pc.length,
    aiMinutes: pc.reduce((a, s) => a + sessionDurationMinutes(s), 0),
    humanMinutes: pc.reduce((a, s) => a + estimateMinutes(s), 0),
    oversightGapMinutes: oversight,
    totalInteractions: interactions.length,
    ratingIntSum: interactions.reduce((a, i) => a + Math.trunc(i.effectiveness_rating), 0),
  });
  return { roi, sessions: sessions.length };
}
