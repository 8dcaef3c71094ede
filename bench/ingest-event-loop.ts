/**
 * Event-loop block during the ingest of one big developer (issue 8 item 12): a generated folder whose
 * interactions.json is about 30 MB, ingested by scanRoot while a 1 ms timer and
 * perf_hooks.monitorEventLoopDelay measure how long the loop is stuck (a page or API read waits that long).
 *
 * `npm run bench:ingest-loop [-- --sessions 8000 --interactions 10]`
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { closeDb, openDb } from "@/lib/db/client";
import { storeOf } from "@/lib/db/sqlite-store";
import { scanRoot } from "@/lib/ingest/scan";
import { makeTeamFolder } from "@/scripts/make-team-folder";

const { values } = parseArgs({
  options: {
    sessions: { type: "string", default: "8000" },
    interactions: { type: "string", default: "10" },
  },
});

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-loop-"));
  try {
    const root = path.join(dir, "team");
    makeTeamFolder({
      root,
      seed: 8,
      developers: 1,
      sessionsPerDeveloper: Number(values.sessions),
      interactionsPerSession: Number(values.interactions),
      now: "2026-06-01T00:00:00Z",
    });
    const dev = path.join(root, "alice");
    const mb = (p: string) => (statSync(p).size / 1024 / 1024).toFixed(1);
    console.log(
      `alice: interactions.json ${mb(path.join(dev, "interactions.json"))} MB, sessions.json ${mb(path.join(dev, "sessions.json"))} MB`,
    );
    const db = openDb(path.join(dir, "portal.db"));
    // The longest gap between two ticks of a 1 ms timer is the longest a request would have waited.
    let last = performance.now();
    let maxGap = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 1);
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const t = performance.now();
    const r = await scanRoot({ db: storeOf(db), root });
    const ms = performance.now() - t;
    h.disable();
    clearInterval(tick);
    closeDb(db);
    console.log(
      `ingested ${r.filesIngested} files in ${(ms / 1000).toFixed(2)} s; max event-loop block ${maxGap.toFixed(0)} ms ` +
        `(monitorEventLoopDelay max ${(h.max / 1e6).toFixed(0)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms)`,
    );
    console.log(maxGap < 1000 ? "target (< 1000 ms): met" : "target (< 1000 ms): NOT met");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
