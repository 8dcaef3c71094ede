/**
 * Expected dashboard figures for the e2e fixture, computed independently of the portal: the generator is
 * run again (same seed and `now`) into a temp folder and its truth goes through the contract. Team ROI
 * comes from the one oracle shared with the vitest suite, `test-support/team-roi.ts`.
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
import { DEMO_MESS, type DeveloperTruth, makeTeamFolder } from "../scripts/make-team-folder";
import { FIXTURE_GENERATOR, FIXTURE_NOW } from "./fixture-folder";

/** One developer's normalised truth. */
export interface DevTruth {
  dev: string;
  sessions: Session[];
  interactions: Interaction[];
}

/** The generator's raw truth per developer (records as written, before any parsing), regenerated. */
export function fixtureDevelopers(): DeveloperTruth[] {
  const dir = mkdtempSync(path.join(tmpdir(), "e2e-truth-"));
  try {
    return makeTeamFolder({ root: path.join(dir, "team"), ...FIXTURE_GENERATOR, mess: DEMO_MESS }).developers;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The fixture's truth per developer (regenerated; nothing is read from the server under test). */
export function fixtureTruth(): DevTruth[] {
  return fixtureDevelopers().map((d) => ({
    dev: d.name,
    sessions: parseSessionsFile(d.sessions).records,
    interactions: parseInteractionsFile(d.interactions).records,
  }));
}

/** Keeps sessions starting in `[fromMs, toMs)` (and their interactions). */
export function between(t: DevTruth[], fromMs: number, toMs: number): DevTruth[] {
  return t.map((d) => {
    const sessions = d.sessions.filter((s) => {
      const ms = timestampToEpochMs(s.start_time);
      return ms !== null && ms >= fromMs && ms < toMs;
    });
    const ids = new Set(sessions.map((s) => s.id));
    return { dev: d.dev, sessions, interactions: d.interactions.filter((i) => ids.has(i.session_id)) };
  });
}

/** Keeps sessions starting in the last `days` before the fixture's `now` (and their interactions). */
export function lastDays(t: DevTruth[], days: number): DevTruth[] {
  const to = Date.parse(FIXTURE_NOW);
  return between(t, to - days * 86_400_000, to);
}

/** Number of sessions in a truth (the KPI "sessions" figure). */
export function sessionCount(t: readonly DevTruth[]): number {
  return t.reduce((a, d) => a + d.sessions.length, 0);
}
