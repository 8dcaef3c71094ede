/**
 * Public API of the portal ingest (see README.md in this folder).
 *
 * The portal server starts the worker once per process in lib/runtime/ingest.ts (called from
 * instrumentation.ts), on the shared root or, without PORTAL_DATA_ROOT, on the demo folder:
 * ```ts
 * const root = path.resolve(env.PORTAL_DATA_ROOT ?? env.PORTAL_DEMO_ROOT);
 * startIngestWorker({ ...workerOptionsFromEnv({ ...env, PORTAL_DATA_ROOT: root }), root, db, onChange });
 * ```
 */
import type { PortalEnv } from "@/lib/env";
import type { IngestWorkerOptions } from "./watch";

export { type DiscoveredFile, type DiscoverResult, discover } from "./discover";
export { classifyFileName, isSystemFileName, TRACKER_KINDS } from "./file-names";
export {
  DEFAULT_MAX_FILE_BYTES,
  type FileOutcome,
  type ScanInput,
  type ScanOptions,
  type ScanResult,
  scanRoot,
} from "./scan";
export {
  type IngestWorker,
  type IngestWorkerOptions,
  type IngestWorkerStatus,
  startIngestWorker,
} from "./watch";

/**
 * Worker options from the parsed environment (root, settle time, polling, rescan interval, size limit,
 * extra roots links may lead into).
 * Throws when PORTAL_DATA_ROOT is unset: check it first if the portal may run without a folder.
 */
export function workerOptionsFromEnv(env: PortalEnv): Omit<IngestWorkerOptions, "db" | "onChange"> {
  if (!env.PORTAL_DATA_ROOT) throw new Error("PORTAL_DATA_ROOT is not set");
  return {
    root: env.PORTAL_DATA_ROOT,
    settleMs: env.PORTAL_INGEST_SETTLE_MS,
    poll: env.PORTAL_INGEST_POLL,
    pollIntervalMs: env.PORTAL_INGEST_POLL_MS,
    rescanMs: env.PORTAL_INGEST_RESCAN_MS,
    maxFileBytes: env.PORTAL_INGEST_MAX_FILE_MB * 1024 * 1024,
    extraRoots: env.PORTAL_INGEST_EXTRA_ROOTS,
  };
}
