/**
 * Test support stays out of production: no file the portal ships (app/, lib/, scripts/, the root's
 * proxy/instrumentation/config) may import test-support/, by alias or by relative path. Tests next to the
 * code (`*.test.ts`) may. biome.json says the same to the editor (noRestrictedImports); this is the check
 * that fails the run.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const SUPPORT = path.join(REPO, "test-support");
const PRODUCTION_DIRS = ["app", "lib", "scripts"];
const PRODUCTION_ROOT_FILES = ["proxy.ts", "instrumentation.ts", "next.config.ts"];
const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const TEST = /\.test\.(?:ts|tsx)$/;
// Static imports and re-exports, side-effect imports, dynamic import() and require().
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

function productionFiles(): string[] {
  const out: string[] = PRODUCTION_ROOT_FILES.map((f) => path.join(REPO, f));
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules") walk(p);
      } else if (SOURCE.test(e.name) && !TEST.test(e.name)) out.push(p);
    }
  };
  for (const d of PRODUCTION_DIRS) walk(path.join(REPO, d));
  return out;
}

/** The import specifiers of `source` (in `file`) that land in test-support/. */
function testSupportImports(file: string, source: string): string[] {
  const hits: string[] = [];
  for (const m of source.matchAll(SPECIFIER)) {
    const spec = m[1] ?? "";
    let target: string | null = null;
    if (spec.startsWith("@/")) target = path.join(REPO, spec.slice(2));
    else if (spec.startsWith(".")) target = path.resolve(path.dirname(file), spec);
    if (target && (target === SUPPORT || target.startsWith(`${SUPPORT}${path.sep}`))) hits.push(spec);
  }
  return hits;
}

describe("test-support boundary", () => {
  it("finds imports of test-support in every form (the check itself works)", () => {
    const file = path.join(REPO, "lib/queries/some-query.ts");
    const source = [
      'import { makeTestEnv } from "@/test-support/queries";',
      'export { teamRoi } from "../../test-support/team-roi";',
      'import "../../test-support/utc";',
      'const m = await import("@/test-support/ingest");',
      'const r = require("../../test-support");',
      'import { openDb } from "@/lib/db/client";',
      'import { x } from "./test-support-like";',
    ].join("\n");
    expect(testSupportImports(file, source)).toEqual([
      "@/test-support/queries",
      "../../test-support/team-roi",
      "../../test-support/utc",
      "@/test-support/ingest",
      "../../test-support",
    ]);
  });

  it("no production file imports test-support", () => {
    const files = productionFiles();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) =>
      testSupportImports(f, readFileSync(f, "utf8")).map((s) => `${path.relative(REPO, f)} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
