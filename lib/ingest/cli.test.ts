/**
 * The ingest CLI as people run it (`npm run scan`): a real child process whose database comes from the
 * environment — DATABASE_URL on PostgreSQL, PORTAL_DB_PATH on SQLite — on the run's engine.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeTeamFolder } from "@/scripts/make-team-folder";
import { expectedFigures, makeStoreSandbox, type StoreSandbox } from "@/test-support/ingest";
import { main } from "./cli";

let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await sb.cleanup();
});

/** Runs `tsx lib/ingest/cli.ts ...args` against the sandbox's database; resolves with its exit and output. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/ingest/cli.ts", ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, ...sb.portalEnv() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

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
});
