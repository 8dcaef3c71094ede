/**
 * /api/health's report from a real ingest worker on a real folder and DB: ok, degraded by a broken file,
 * degraded by passes that throw (the DB closed under the worker), and back.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { type IngestWorker, startIngestWorker } from "@/lib/ingest/watch";
import { makeSandbox } from "@/test-support/ingest";
import { getHealthReport } from "./health";

let sb: ReturnType<typeof makeSandbox>;
let worker: IngestWorker | null = null;
beforeEach(() => {
  sb = makeSandbox();
  mkdirSync(path.join(sb.root, "dev"), { recursive: true });
  writeFileSync(
    path.join(sb.root, "dev", "sessions.json"),
    JSON.stringify({
      s1: { id: "s1", session_name: "x", task_type: "debugging", start_time: "2026-05-01T10:00:00+00:00" },
    }),
  );
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  sb.cleanup();
});

describe("health report", () => {
  it("ok, then degraded with a broken file, then degraded while passes throw; never a 5xx once ready", async () => {
    worker = startIngestWorker({
      root: sb.root,
      db: sb.store,
      settleMs: 0,
      rescanMs: 600_000,
      log: () => {},
    });
    await worker.ready;
    const ok = getHealthReport(worker.status());
    expect(ok).toMatchObject({ status: "ok", httpStatus: 200 });
    expect(ok.ingest.filesInError).toBe(0);
    expect(ok.ingest.lastSuccessfulPass).not.toBeNull();

    mkdirSync(path.join(sb.root, "eve"));
    writeFileSync(path.join(sb.root, "eve", "sessions.json"), '{"s2": {"id": ');
    await worker.rescan();
    const broken = getHealthReport(worker.status());
    expect(broken).toMatchObject({ status: "degraded", httpStatus: 200 });
    expect(broken.ingest.filesInError).toBe(1);
    expect(JSON.stringify(broken)).not.toMatch(/eve|sessions\.json/);

    // Passes that throw (an unusable DB) are reported, with the last good pass kept.
    closeDb(sb.db);
    await expect(worker.rescan()).rejects.toThrow();
    const failing = getHealthReport(worker.status());
    expect(failing).toMatchObject({ status: "degraded", httpStatus: 200 });
    expect(failing.ingest.failedPassesInARow).toBe(1);
    expect(failing.ingest.lastSuccessfulPass).toBe(broken.ingest.lastSuccessfulPass);
  });
});
