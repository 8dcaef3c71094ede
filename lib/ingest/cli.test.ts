import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/lib/db/client";
import { makeTeamFolder } from "@/scripts/make-team-folder";
import { expectedFigures, makeSandbox } from "@/test-support/ingest";
import { main } from "./cli";

let sb: ReturnType<typeof makeSandbox>;
beforeEach(() => {
  sb = makeSandbox();
  closeDb(sb.db); // the CLI opens its own connection
});
afterEach(() => {
  vi.restoreAllMocks();
  sb.cleanup();
});

// Each test generates the folder it needs; the generator calls are alike in shape by design.
describe("ingest CLI", () => {
  it("scan --json prints the pass and a per-developer summary; exit 1 when a file failed", async () => {
    const m = makeTeamFolder({
      root: sb.root,
      seed: 9,
      developers: 4,
      sessionsPerDeveloper: 12,
      mess: ["truncated"],
    });
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const code = await main(["scan", sb.root, "--json", "--db", path.join(sb.dir, "cli.db")]);
    expect(code).toBe(1);
    const doc = JSON.parse(out) as {
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
  });

  it("exits 2 on a missing root or a bad command", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await main(["scan", path.join(sb.dir, "nope"), "--db", path.join(sb.dir, "cli.db")])).toBe(2);
    expect(await main(["frobnicate"])).toBe(2);
  });
});
