/**
 * The ingest CLI as people run it (`npm run scan` / `npm run watch`): a real child process whose database
 * comes from the environment — DATABASE_URL on PostgreSQL, PORTAL_DB_PATH on SQLite — on the run's engine.
 * (A watcher waiting for another instance's lead: cli-watch.pg.test.ts.)
 */
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeTeamFolder } from "@/scripts/make-team-folder";
import { expectedFigures, makeStoreSandbox, type StoreSandbox, waitFor } from "@/test-support/ingest";
import { runCli, startCli, stopAllClis } from "@/test-support/ingest-cli";
import { main } from "./cli";

let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await stopAllClis();
  await sb.cleanup();
});

const cli = (args: string[]) => runCli(args, sb.portalEnv());

// Each test generates the folder it needs; the generator calls are alike in shape by design.
describe("ingest CLI", () => {
  it("scan --json writes to the environment's database and prints the pass and a per-developer summary; exit 1 when a file failed", async () => {
    const m = makeTeamFolder({
      root: sb.root,
      seed: 9,
      developers: 4,
      sessionsPerDeveloper: 12,
      mess: ["truncated"],
    });
    const run = await cli(["scan", sb.root, "--json"]);
    expect(run.code, run.stderr).toBe(1);
    const doc = JSON.parse(run.stdout) as {
      scan: { filesFailed: number };
      developers: { developer: string; sessions: number; interactions: number; roiPercentage: number }[];
    };
    expect(doc.scan.filesFailed).toBe(2);
    for (const dev of m.developers) {
      const row = doc.developers.find((d) => d.developer === dev.name);
      const exp = expectedFigures([dev]);
      expect(row).toMatchObject({
        sessions: exp.sessions,
        interactions: exp.interactions,
        roiPercentage: exp.roi.cost_metrics.roi_percentage,
      });
    }
    // The rows are in the database the environment names (the test's own), not anywhere else.
    const stored = await sb.store.get<{ n: number }>("SELECT count(*) AS n FROM sessions");
    expect(Number(stored?.n)).toBe(m.developers.reduce((n, d) => n + expectedFigures([d]).sessions, 0));
  });

  it("exits 2 on a missing root or a bad command", async () => {
    expect((await cli(["scan", path.join(sb.dir, "nope")])).code).toBe(2);
    // A bad command opens no database: in this process (a child costs seconds).
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main(["frobnicate"])).toBe(2);
  });

  it("watch leads the ingest, ingests the folder and what changes in it, and stops on SIGTERM with exit 0", async () => {
    const m = makeTeamFolder({ root: sb.root, seed: 3, developers: 2, sessionsPerDeveloper: 5 });
    const watcher = startCli(["watch", sb.root, "--settle", "100"], sb.portalEnv());
    await watcher.waitForStderr(/first pass: /, 60_000);
    const sessions = async () =>
      Number((await sb.store.get<{ n: number }>("SELECT count(*) AS n FROM sessions"))?.n);
    expect(await sessions()).toBe(m.developers.reduce((n, d) => n + expectedFigures([d]).sessions, 0));
    const more = makeTeamFolder({ root: sb.root, seed: 3, developers: 3, sessionsPerDeveloper: 5 });
    const want = more.developers.reduce((n, d) => n + expectedFigures([d]).sessions, 0);
    await waitFor(async () => (await sessions()) === want, 30_000, "the third developer's sessions");
    watcher.process.kill("SIGTERM");
    expect(await watcher.exited).toBe(0);
  });
});
