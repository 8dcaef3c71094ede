import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ALL_MESS, makeTeamFolder } from "./make-team-folder";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function digest(root: string, files: string[]): string {
  const h = createHash("sha1");
  for (const f of [...files].sort()) h.update(f).update(readFileSync(path.join(root, f)));
  return h.digest("hex");
}

describe("make-team-folder", () => {
  it("is deterministic for a seed and spreads sessions over the 90 days before now", () => {
    const a = mkdtempSync(path.join(tmpdir(), "gen-a-"));
    const b = mkdtempSync(path.join(tmpdir(), "gen-b-"));
    dirs.push(a, b, `${a}/t.external`, `${b}/t.external`);
    const opts = {
      seed: 11,
      developers: 3,
      sessionsPerDeveloper: 30,
      now: "2026-06-01T00:00:00Z",
      mess: ALL_MESS,
    };
    const ma = makeTeamFolder({ ...opts, root: path.join(a, "t") });
    const mb = makeTeamFolder({ ...opts, root: path.join(b, "t") });
    expect(digest(ma.root, ma.files)).toBe(digest(mb.root, mb.files));
    const starts = ma.developers.flatMap((d) =>
      Object.values(d.sessions).map((s) => Date.parse(String(s.start_time))),
    );
    const now = Date.parse("2026-06-01T00:00:00Z");
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(now - 90 * 86_400_000);
    expect(Math.max(...starts)).toBeLessThan(now);
    // Both layouts: flat developer folders and per-project folders.
    expect(ma.files).toContain("alice/sessions.json");
    expect(ma.files.some((f) => /^bob\/[^/]+\/sessions\.json$/.test(f))).toBe(true);
  });
});
