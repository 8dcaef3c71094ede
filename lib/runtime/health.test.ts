/**
 * /api/health's report from a real ingest worker run by the leader module on a real folder and database of
 * the run's engine (this one instance leads; on PostgreSQL through the election): starting (503) before the first pass, ok, degraded by a broken file, degraded
 * by passes that throw (the DB closed under the worker), never a 5xx once ready; the instance block says
 * this instance leads. (Followers on PostgreSQL: lib/runtime/failover.pg.test.ts.)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startIngestWorker } from "@/lib/ingest/watch";
import { makeStoreSandbox, type StoreSandbox } from "@/test-support/ingest";
import { getHealthReport, healthInputOf } from "./health";
import { ingestWhileLeading, type LeaderIngest } from "./leader";

let sb: StoreSandbox;
let ingest: LeaderIngest | null = null;
beforeEach(async () => {
  sb = await makeStoreSandbox();
  mkdirSync(path.join(sb.root, "dev"), { recursive: true });
  writeFileSync(
    path.join(sb.root, "dev", "sessions.json"),
    JSON.stringify({
      s1: { id: "s1", session_name: "x", task_type: "debugging", start_time: "2026-05-01T10:00:00+00:00" },
    }),
  );
});
afterEach(async () => {
  await ingest?.stop();
  ingest = null;
  await sb.cleanup();
});

describe("health report", () => {
  it("starting, ok, then degraded with a broken file, then degraded while passes throw; never a 5xx once ready", async () => {
    const running = ingestWhileLeading({
      store: sb.store,
      instanceId: "portal-a",
      log: () => {},
      start: () =>
        startIngestWorker({ root: sb.root, db: sb.store, settleMs: 0, rescanMs: 600_000, log: () => {} }),
    });
    ingest = running;
    const report = () => getHealthReport(healthInputOf(running, sb.store.dialect));
    expect(report()).toMatchObject({ status: "starting", httpStatus: 503 });

    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (running.worker()?.status().passes) resolve(clearInterval(poll));
      }, 10);
    });
    const ok = report();
    expect(ok).toMatchObject({
      status: "ok",
      httpStatus: 200,
      instance: {
        id: "portal-a",
        engine: sb.store.dialect,
        leader: true,
        leaderInstance: "portal-a",
      },
    });
    expect(ok.instance.leaderSince).not.toBeNull();
    // SQLite has nothing to beat; on PostgreSQL the leader reports its own last heartbeat.
    expect(ok.instance.leaderHeartbeat === null).toBe(sb.store.dialect === "sqlite");
    expect(ok.ingest?.filesInError).toBe(0);
    expect(ok.ingest?.lastSuccessfulPass).not.toBeNull();
    const worker = running.worker();
    if (!worker) throw new Error("the leader runs no worker");

    mkdirSync(path.join(sb.root, "eve"));
    writeFileSync(path.join(sb.root, "eve", "sessions.json"), '{"s2": {"id": ');
    await worker.rescan();
    const broken = report();
    expect(broken).toMatchObject({ status: "degraded", httpStatus: 200 });
    expect(broken.ingest?.filesInError).toBe(1);
    expect(JSON.stringify(broken)).not.toMatch(/eve|sessions\.json/);

    // Passes that throw (an unusable DB) are reported, with the last good pass kept.
    await sb.store.close();
    await expect(worker.rescan()).rejects.toThrow();
    const failing = report();
    expect(failing).toMatchObject({ status: "degraded", httpStatus: 200 });
    expect(failing.ingest?.failedPassesInARow).toBe(1);
    expect(failing.ingest?.lastSuccessfulPass).toBe(broken.ingest?.lastSuccessfulPass);
  });
});
