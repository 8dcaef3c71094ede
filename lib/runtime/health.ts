/**
 * The body of the public `/api/health` probe, from the ingest worker's status. It reveals counts and
 * times only (no path, file name or error text: the probe needs no sign-in).
 */
import type { IngestWorkerStatus } from "@/lib/ingest/watch";

/** What `/api/health` answers. */
export interface HealthReport {
  /**
   * `starting` until the first pass finished (HTTP 503); then `ok`, or `degraded` while passes fail or
   * files are recorded with errors — still HTTP 200, because the portal keeps serving the last good data
   * and a load balancer must not take it out of service for one broken file on the share.
   */
  status: "starting" | "ok" | "degraded";
  httpStatus: 200 | 503;
  passes: number;
  rootPresent: boolean;
  watching: boolean;
  ingest: {
    /** ISO time (UTC) of the last pass that completed, null before the first. */
    lastSuccessfulPass: string | null;
    failedPassesInARow: number;
    filesInError: number;
  };
}

/** Health of the portal's ingest from the worker's status. */
export function getHealthReport(s: IngestWorkerStatus): HealthReport {
  const ready = s.passes > 0;
  const degraded = s.failedPassesInARow > 0 || s.filesInError > 0;
  return {
    status: !ready ? "starting" : degraded ? "degraded" : "ok",
    httpStatus: ready ? 200 : 503,
    passes: s.passes,
    rootPresent: s.rootPresent,
    watching: s.watching,
    ingest: {
      lastSuccessfulPass: s.lastSuccessMs === null ? null : new Date(s.lastSuccessMs).toISOString(),
      failedPassesInARow: s.failedPassesInARow,
      filesInError: s.filesInError,
    },
  };
}
