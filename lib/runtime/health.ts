/**
 * The body of the public `/api/health` probe, from this instance's leadership and (when it leads) its
 * ingest worker's status. It reveals counts, times and instance ids only (no path, file name or error
 * text: the probe needs no sign-in).
 */
import type { LeadershipStatus } from "@/lib/db/coordination";
import type { Dialect } from "@/lib/db/store";
import type { IngestWorkerStatus } from "@/lib/ingest/watch";
import type { LeaderIngest } from "./leader";

/** What `/api/health` answers. */
export interface HealthReport {
  /**
   * `starting` until the instance can serve (HTTP 503): the leader after its first ingest pass, a
   * follower once it knows it follows (it serves the leader's data). Then `ok`, or `degraded` while this
   * instance's passes fail or files are recorded with errors — still HTTP 200, because the portal keeps
   * serving the last good data and a load balancer must not take it out of service for one broken file.
   */
  status: "starting" | "ok" | "degraded";
  httpStatus: 200 | 503;
  instance: {
    /** This instance (PORTAL_INSTANCE_ID, or hostname:pid). */
    id: string;
    /** The database engine (`sqlite` or `postgres`). */
    engine: Dialect;
    /** This instance runs the ingest watcher. */
    leader: boolean;
    /** ISO time (UTC) since when this instance leads; null while it follows. */
    leaderSince: string | null;
    /** The leading instance's id (this one's when it leads), null while none is known. */
    leaderInstance: string | null;
    /**
     * ISO time (UTC) of the leader's last heartbeat as the database saw it; null on SQLite (one instance,
     * nothing to beat) or while no leader is known.
     */
    leaderHeartbeat: string | null;
  };
  /** This instance's ingest watcher; null on a follower (the leader ingests). */
  ingest: {
    passes: number;
    rootPresent: boolean;
    watching: boolean;
    /** ISO time (UTC) of the last pass that completed, null before the first. */
    lastSuccessfulPass: string | null;
    failedPassesInARow: number;
    filesInError: number;
  } | null;
}

/** What the report is made from. */
export interface HealthInput {
  instanceId: string;
  engine: Dialect;
  leadership: LeadershipStatus;
  /** The worker's status while this instance leads, else null. */
  worker: IngestWorkerStatus | null;
  /** The instance can serve (lib/runtime/leader.ts `ready()`). */
  ready: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Health of this portal instance. */
export function getHealthReport(input: HealthInput): HealthReport {
  const s = input.worker;
  const degraded = s !== null && (s.failedPassesInARow > 0 || s.filesInError > 0);
  const l = input.leadership;
  return {
    status: !input.ready ? "starting" : degraded ? "degraded" : "ok",
    httpStatus: input.ready ? 200 : 503,
    instance: {
      id: input.instanceId,
      engine: input.engine,
      leader: l.leader,
      leaderSince: iso(l.leaderSinceMs),
      leaderInstance: l.leaderInstance,
      leaderHeartbeat: iso(l.leaderHeartbeatMs),
    },
    ingest: s && {
      passes: s.passes,
      rootPresent: s.rootPresent,
      watching: s.watching,
      lastSuccessfulPass: iso(s.lastSuccessMs),
      failedPassesInARow: s.failedPassesInARow,
      filesInError: s.filesInError,
    },
  };
}

/** The report's input from the running instance's leader-run ingest. */
export function healthInputOf(ingest: LeaderIngest, engine: Dialect): HealthInput {
  return {
    instanceId: ingest.instanceId,
    engine,
    leadership: ingest.leadership(),
    worker: ingest.worker()?.status() ?? null,
    ready: ingest.ready(),
  };
}
