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
  failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
const playwright = join(dir, "playwright.json");
if (existsSync(playwright)) {
  found++;
  const s = JSON.parse(readFileSync(playwright, "utf8")).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  skipped += s.skipped ?? 0;
}
if (found === 0) {
  console.log("no test report found");
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
