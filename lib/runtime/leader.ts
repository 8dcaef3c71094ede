/**
 * The ingest watcher runs on the instance that leads (lib/db/coordination.ts): started when this instance
 * becomes leader, stopped when it stops leading, started again if it leads again. On SQLite the one
 * instance leads from the start, so this is the watcher of before.
 */
import os from "node:os";
import { type Leadership, type LeadershipStatus, leadership } from "@/lib/db/coordination";
import type { Store } from "@/lib/db/store";
import type { IngestWorker } from "@/lib/ingest/watch";

/** The ingest of this instance, while it leads. */
export interface LeaderIngest {
  /** This instance's id, shown to the other instances and in /api/health. */
  readonly instanceId: string;
  /** Resolves once the first attempt has decided whether this instance leads (it may follow). */
  readonly decided: Promise<void>;
  /** The running worker while this instance leads, else null. */
  worker(): IngestWorker | null;
  leadership(): LeadershipStatus;
  /**
   * True once this instance can serve: after the first ingest pass when it leads from the start (the
   * single-instance portal waits for its data), at once when it follows (the leader's data is there). Stays
   * true through later changes of leader.
   */
  ready(): boolean;
  /** Gives up the lead and stops the worker. */
  stop(): Promise<void>;
}

/** Options of {@link ingestWhileLeading}. */
export interface LeaderIngestOptions {
  store: Store;
  /** Starts the ingest worker (called each time this instance becomes leader). */
  start: () => IngestWorker;
  /** PORTAL_INSTANCE_ID, or undefined for hostname:pid. */
  instanceId?: string;
  /** Election timings (tests shorten them); defaults in lib/db/coordination.ts. */
  checkMs?: number;
  sessionTimeoutMs?: number;
  log?: (message: string) => void;
}

/** This process's instance id: `configured`, or hostname:pid. */
export function instanceIdOf(configured: string | undefined): string {
  return configured ?? `${os.hostname()}:${process.pid}`;
}

/** Joins the `ingest` election on `store` and runs the worker while this instance leads. */
export function ingestWhileLeading(options: LeaderIngestOptions): LeaderIngest {
  const log = options.log ?? ((m: string) => process.stderr.write(`[portal] ${m}\n`));
  const instanceId = instanceIdOf(options.instanceId);
  let worker: IngestWorker | null = null;
  let wasReady = false;
  let decided = false;
  // Starts and stops are chained: a stop must finish its running pass before a later start begins one.
  let transitions: Promise<void> = Promise.resolve();

  const onChange = (leading: boolean) => {
    transitions = transitions.then(async () => {
      if (leading && !worker) {
        worker = options.start();
        worker.ready.catch((e: unknown) => log(`first ingest pass failed: ${String(e)}`));
      } else if (!leading && worker) {
        const w = worker;
        worker = null;
        // Once it led and served, the instance stays ready while another leads.
        wasReady ||= w.status().passes > 0;
        log("stopping the ingest watcher: another instance leads now");
        await w.stop().catch((e: unknown) => log(`stopping the ingest watcher failed: ${String(e)}`));
      }
    });
  };

  const election: Leadership = leadership(options.store, {
    name: "ingest",
    instanceId,
    onChange,
    checkMs: options.checkMs,
    sessionTimeoutMs: options.sessionTimeoutMs,
    log,
  });
  void election.ready.then(() => {
    decided = true;
  });

  return {
    instanceId,
    decided: election.ready,
    worker: () => worker,
    leadership: () => election.status(),
    ready: () => {
      // Leading: after the worker's first pass; following: once the first attempt decided.
      wasReady ||= worker ? worker.status().passes > 0 : decided && !election.status().leader;
      return wasReady;
    },
    stop: async () => {
      await election.stop();
      await transitions;
    },
  };
}
