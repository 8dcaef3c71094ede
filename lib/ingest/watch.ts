/**
 * Watch: a long-running ingest worker over the shared root. chokidar (no globs: the root is watched and
 * non-tracker paths are filtered by `ignored`) with `awaitWriteFinish`, optional polling for SMB/NFS
 * shares, a periodic safety rescan, and a root-presence check so an unmounted share or a re-created root
 * is picked up again. Every event triggers the same incremental {@link scanRoot} pass (serialised), so
 * renames, deletions and files vanishing mid-pass need no special cases: the pass sees the tree as it is.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { type FSWatcher, watch } from "chokidar";
import type { Store } from "@/lib/db/store";
import { SKIP_DIRS } from "./discover";
import { classifyFileName, isSystemFileName } from "./file-names";
import { type ScanResult, scanRoot } from "./scan";
import { ingestStoreFor } from "./store";

/** Options of {@link startIngestWorker}. */
export interface IngestWorkerOptions {
  root: string;
  db: Store;
  /** awaitWriteFinish stability threshold in ms (default 2000; 0 turns it off). */
  settleMs?: number;
  /** Poll instead of OS events (network shares where events never arrive). */
  poll?: boolean;
  /** Polling interval in ms (default 2000). */
  pollIntervalMs?: number;
  /** Safety full rescan interval in ms (default 5 min). */
  rescanMs?: number;
  /** How often a missing root is looked for again, in ms (default 2000). */
  rootCheckMs?: number;
  /** Files larger than this are refused. */
  maxFileBytes?: number;
  /** Folders outside the root that links may lead into (PORTAL_INGEST_EXTRA_ROOTS). */
  extraRoots?: readonly string[];
  /** Called after every pass that changed, removed or failed something (live page refresh). */
  onChange?: (result: ScanResult) => void;
  /** Diagnostics (default: stderr). Never throws into the worker. */
  log?: (message: string) => void;
}

/** Live state of the worker (for a status endpoint). */
export interface IngestWorkerStatus {
  root: string;
  rootPresent: boolean;
  watching: boolean;
  scanning: boolean;
  lastScanMs: number | null;
  lastChangeMs: number | null;
  lastError: string | null;
  passes: number;
  /** Epoch ms when the last pass that did not throw finished (null before the first). */
  lastSuccessMs: number | null;
  /** Passes in a row that threw (an unusable DB, a bug); 0 after a good pass. */
  failedPassesInARow: number;
  /** Tracker files recorded with an error after the last good pass (bad JSON, refused, unreadable). */
  filesInError: number;
}

/** Handle of a running worker. */
export interface IngestWorker {
  /** Resolves after the first pass and once the watcher is ready (or the root was found missing). */
  ready: Promise<ScanResult>;
  /** Runs a pass now (queued behind a running one). */
  rescan(): Promise<ScanResult>;
  status(): IngestWorkerStatus;
  /** Stops timers and the watcher, then waits for a running pass. */
  stop(): Promise<void>;
}

/**
 * chokidar `ignored`: only folders and tracker file names pass (nothing else is ever stat'ed twice or read).
 * No name passes as both: a folder with a tracker file's name is ignored. chokidar keeps one entry per
 * name, so a name it knew as a folder and that silently became a file again (`sessions.json` replaced by
 * a folder, then restored in one go) would raise no event for later writes until the safety rescan;
 * ignoring the folder form keeps the name unknown while it is a folder, so its return is an `add`.
 */
export function makeIgnored(
  root: string,
): (p: string, stats?: { isFile(): boolean; isDirectory(): boolean }) => boolean {
  const absRoot = path.resolve(root);
  return (p, stats) => {
    if (path.resolve(p) === absRoot) return false;
    const name = path.basename(p);
    if (isSystemFileName(name)) return true;
    if (stats?.isDirectory()) return SKIP_DIRS.has(name.toLowerCase()) || classifyFileName(name) !== null;
    if (stats?.isFile()) return classifyFileName(name) === null;
    // No stats yet: chokidar asks again with stats; only skip what is certainly not ours.
    return SKIP_DIRS.has(name.toLowerCase());
  };
}

/**
 * Starts the ingest worker for `root` on `db` (call once per process: instrumentation.ts, `npm run watch`).
 * A change on disk is in the DB within `settleMs` + ~1 s.
 */
export function startIngestWorker(options: IngestWorkerOptions): IngestWorker {
  const root = path.resolve(options.root);
  const settleMs = options.settleMs ?? 2000;
  const rescanMs = options.rescanMs ?? 300_000;
  const rootCheckMs = options.rootCheckMs ?? 2000;
  const log = options.log ?? ((m: string) => process.stderr.write(`[ingest] ${m}\n`));
  const store = ingestStoreFor(options.db);
  const state: IngestWorkerStatus = {
    root,
    rootPresent: false,
    watching: false,
    scanning: false,
    lastScanMs: null,
    lastChangeMs: null,
    lastError: null,
    passes: 0,
    lastSuccessMs: null,
    failedPassesInARow: 0,
    filesInError: 0,
  };
  let watcher: FSWatcher | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let debounce: NodeJS.Timeout | null = null;

  const runPass = async (trigger: "watch" | "rescan" | "scan"): Promise<ScanResult> => {
    state.scanning = true;
    try {
      let result: ScanResult;
      try {
        result = await scanRoot({
          db: options.db,
          root,
          trigger,
          store,
          maxFileBytes: options.maxFileBytes,
          extraRoots: options.extraRoots,
        });
      } catch (e) {
        // Counted for /api/health (degraded), then logged by the caller.
        state.failedPassesInARow++;
        throw e;
      }
      state.passes++;
      state.failedPassesInARow = 0;
      state.lastSuccessMs = result.finishedMs;
      state.filesInError = await store.countFilesInError();
      watchLinkTargets(result);
      state.lastScanMs = result.finishedMs;
      state.rootPresent = result.rootError === null;
      state.lastError = result.rootError;
      if (result.filesIngested + result.filesRemoved + result.filesFailed > 0) {
        state.lastChangeMs = result.finishedMs;
        try {
          options.onChange?.(result);
        } catch (e) {
          log(`onChange failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      return result;
    } finally {
      state.scanning = false;
    }
  };

  /**
   * Serialises passes: a request during a pass schedules exactly one more pass after it, and resolves
   * with that later pass's result (it must see changes made after the running pass started).
   */
  let waiting: { resolve: (r: ScanResult) => void; reject: (e: unknown) => void }[] = [];
  const requestPass = (trigger: "watch" | "rescan" | "scan"): Promise<ScanResult> => {
    const p = new Promise<ScanResult>((resolve, reject) => waiting.push({ resolve, reject }));
    if (running) return p;
    running = (async () => {
      while (waiting.length > 0 && !stopped) {
        const batch = waiting;
        waiting = [];
        try {
          const result = await runPass(trigger);
          for (const w of batch) w.resolve(result);
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
      }
      for (const w of waiting.splice(0)) w.reject(new Error("ingest worker stopped"));
    })().finally(() => {
      running = null;
    });
    return p;
  };

  const watchedTargets = new Set<string>();
  const watchLinkTargets = (result: ScanResult) => {
    if (!watcher) return;
    for (const link of result.discover.followedLinks) {
      if (watchedTargets.has(link.realPath)) continue;
      watchedTargets.add(link.realPath);
      watcher.add(link.realPath);
    }
  };

  const onEvent = () => {
    if (stopped) return;
    if (debounce) clearTimeout(debounce);
    // Coalesce bursts (a sync client dropping many files at once) into one pass.
    debounce = setTimeout(() => {
      debounce = null;
      requestPass("watch").catch((e: unknown) =>
        log(`pass failed: ${e instanceof Error ? e.stack : String(e)}`),
      );
    }, 50);
  };

  const startWatcher = (): Promise<void> =>
    new Promise((resolve) => {
      const w = watch(root, {
        ignored: makeIgnored(root),
        ignoreInitial: true,
        // Links are resolved by discover (with loop protection); chokidar following them would walk
        // loops and up-links to its depth limit. The real targets of followed links are added below.
        followSymlinks: false,
        depth: 12,
        ignorePermissionErrors: true,
        usePolling: options.poll ?? false,
        interval: options.pollIntervalMs ?? 2000,
        binaryInterval: options.pollIntervalMs ?? 2000,
        awaitWriteFinish:
          settleMs > 0
            ? { stabilityThreshold: settleMs, pollInterval: Math.max(20, Math.min(100, settleMs / 4)) }
            : false,
      });
      watcher = w;
      state.watching = true;
      w.on("all", (event, p) => {
        // Events of a watcher already replaced (root gone and back) are stale: never close the new one.
        if (watcher !== w) return;
        if ((event === "unlinkDir" || event === "unlink") && path.resolve(p) === root) void closeWatcher();
        onEvent();
      });
      w.on("error", (e: unknown) => {
        // EACCES/EPERM on a sub-folder, ENOSPC on inotify watches: keep going, the safety rescan covers it.
        log(`watcher error: ${e instanceof Error ? e.message : String(e)}`);
      });
      w.on("ready", () => resolve());
    });

  const closeWatcher = async () => {
    const w = watcher;
    watchedTargets.clear();
    watcher = null;
    state.watching = false;
    if (w) await w.close().catch(() => undefined);
  };

  // Root presence: a missing root closes the watcher (rows stay); its return restarts it with a pass.
  const checkRoot = async () => {
    if (stopped) return;
    const present = existsSync(root);
    if (present && !watcher) {
      log(`root ${root} is present; watching`);
      await startWatcher();
      if (stopped) return closeWatcher();
      onEvent();
    } else if (!present && watcher) {
      log(`root ${root} went missing; keeping the data, waiting for it to return`);
      await closeWatcher();
      state.rootPresent = false;
    }
  };

  const rootTimer = setInterval(() => {
    checkRoot().catch((e: unknown) => log(`root check failed: ${String(e)}`));
  }, rootCheckMs);
  const rescanTimer = setInterval(() => {
    requestPass("rescan").catch((e: unknown) => log(`rescan failed: ${String(e)}`));
  }, rescanMs);
  rootTimer.unref();
  rescanTimer.unref();

  const ready = (async () => {
    if (existsSync(root)) await startWatcher();
    else log(`root ${root} does not exist yet; waiting for it`);
    return requestPass("scan");
  })();

  return {
    ready,
    rescan: () => requestPass("rescan"),
    status: () => ({ ...state }),
    stop: async () => {
      stopped = true;
      clearInterval(rootTimer);
      clearInterval(rescanTimer);
      if (debounce) clearTimeout(debounce);
      await closeWatcher();
      await ready.catch(() => undefined);
      while (running) await running;
    },
  };
}
