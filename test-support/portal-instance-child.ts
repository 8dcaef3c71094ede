/**
 * A child process of the failover test (lib/runtime/failover.pg.test.ts): one portal instance running the
 * real start-up (lib/runtime/ingest.ts: store from DATABASE_URL, first users, ingest events, the
 * leader-run watcher) on the folder PORTAL_DATA_ROOT, without the web server. It prints, as JSON lines on
 * stdout, its /api/health report every 200 ms and every ingest event its subscribers hear (what its SSE
 * viewers would be sent), until it is killed.
 */
import { subscribeIngestChanges } from "../lib/runtime/events";
import { getHealthReport, healthInputOf } from "../lib/runtime/health";
import { startPortalRuntime } from "../lib/runtime/ingest";

const say = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ at: Date.now(), ...line })}\n`);

const runtime = await startPortalRuntime({
  makeDemoFolder: async () => {
    throw new Error("the failover test sets PORTAL_DATA_ROOT");
  },
});
subscribeIngestChanges((event) => say({ kind: "event", ...event }));
const report = () =>
  say({ kind: "health", ...getHealthReport(healthInputOf(runtime.ingest, runtime.engine)) });
report();
setInterval(report, 200);
