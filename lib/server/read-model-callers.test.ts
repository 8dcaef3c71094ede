import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// lib/server/read-model.ts runs queries without an auth check: pages and their widgets must go through
// the guarded loaders of lib/server/dashboards.ts (requireUser before any query), and only `/api/v1`
// route handlers, which authenticate in apiHandler, may call it directly.
const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const importsReadModel = (file: string) =>
  /from\s+["'](@\/lib\/server\/read-model|\.{1,2}\/[^"']*read-model)["']/.test(
    readFileSync(path.join(root, file), "utf8"),
  );

describe("read-model callers", () => {
  const callers = sources(path.join(root, "app")).filter(importsReadModel);

  it("only route handlers under app/api import the unguarded read model", () => {
    expect(callers.length).toBeGreaterThan(0);
    expect(callers.filter((f) => !/^app\/api\/.*\/route\.ts$/.test(f))).toEqual([]);
  });

  it("every route handler calling it authenticates through apiHandler", () => {
    const unguarded = callers.filter(
      (f) => !readFileSync(path.join(root, f), "utf8").includes("apiHandler("),
    );
    expect(unguarded).toEqual([]);
  });

  it("nothing else in lib imports it but the page loaders", () => {
    const inLib = sources(path.join(root, "lib")).filter(
      (f) => !f.endsWith(".test.ts") && f !== "lib/server/read-model.ts" && importsReadModel(f),
    );
    // csv-export.ts is the routes' CSV branch: it reads only inside apiHandler (scope `export`).
    expect(inLib.sort()).toEqual(["lib/server/csv-export.ts", "lib/server/dashboards.ts"]);
    expect(readFileSync(path.join(root, "lib/server/csv-export.ts"), "utf8")).toContain("apiHandler(");
  });
});
