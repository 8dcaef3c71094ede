/**
 * Builds the e2e fixture: a fresh team folder from the ingest generator (seeded, fixed `now`, with mess:
 * a conflict copy, a truncated file, stray files) and an empty DB path.
 *
 * Run by the Playwright `webServer` command before `next build && next start` — not as Playwright's
 * `globalSetup`, because Playwright starts the web server before globalSetup and the watcher must see the
 * finished folder from its first pass.
 */
import { mkdirSync, rmSync } from "node:fs";
import { DEMO_MESS, makeTeamFolder } from "../scripts/make-team-folder";
import { ARTIFACTS_DIR, FIXTURE_DB, FIXTURE_GENERATOR, FIXTURE_ROOT, SCREENSHOT_DIR } from "./fixture-folder";

/** Writes the fixture folder and removes the previous run's DB. */
export default function globalSetup(): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${FIXTURE_DB}${suffix}`, { force: true });
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const manifest = makeTeamFolder({ root: FIXTURE_ROOT, ...FIXTURE_GENERATOR, mess: DEMO_MESS });
  process.stderr.write(
    `[e2e] fixture: ${manifest.files.length} files, ${manifest.developers.length} developers\n`,
  );
}

if (process.argv[1]?.endsWith("global-setup.ts")) globalSetup();
