// Prints "N passed, N failed, N skipped" from the JSON reports the test runners wrote.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
let found = 0;

const vitest = join(dir, "vitest.json");
if (existsSync(vitest)) {
  found++;
  const r = JSON.parse(readFileSync(vitest, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A test file that failed to load ran no test: count it once as a failure.
  for (const file of r.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) failed++;
  }
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
// The e2e suite runs once per engine (e2e/run-engines.ts), each run writing playwright-<engine>.json.
for (const engine of ["sqlite", "postgres"]) {
  const playwright = join(dir, `playwright-${engine}.json`);
  if (!existsSync(playwright)) {
    if (existsSync(vitest)) {
      console.log(`(no Playwright report for ${engine}: the e2e suite did not run on it)`);
      failed++;
    }
    continue;
  }
  found++;
  const report = JSON.parse(readFileSync(playwright, "utf8"));
  const s = report.stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  skipped += s.skipped ?? 0;
  // A run-level error (the web server did not start, a spec failed to load) ran no test: one failure each.
  failed += (report.errors ?? []).length;
  console.log(`e2e on ${engine}: ${s.expected} passed, ${s.unexpected} failed, ${s.skipped ?? 0} skipped`);
}
if (found === 0) {
  console.log("no test report found");
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
