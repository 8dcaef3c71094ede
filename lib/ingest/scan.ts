/**
 * One ingest pass over the shared root: discover → decide what changed (size + mtime) → read and parse
 * only those files (bounded read-ahead) → apply each file in its own transaction → remove vanished files.
 * Incremental and idempotent: a pass over an unchanged tree reads no content and writes no row.
 */
import { createHash } from "node:crypto";
import { isDatabaseError } from "@/lib/db/ingest-writer";
import type { Store } from "@/lib/db/store";
import { applyInSteps, yieldToEventLoop } from "./apply-steps";
import { type DiscoveredFile, type DiscoverResult, discover } from "./discover";
import { parseFileBytes } from "./parse";
import { PUSH_PREFIX } from "./push-names";
import { type ReadOutcome, readTrackerFile } from "./read-file";
import { type IngestStore, ingestStoreFor, type StoredFile } from "./store";

/** Default time one file's read may take before it is recorded as failed (30 s). */
export const DEFAULT_READ_TIMEOUT_MS = 30_000;

/** Default size above which a file is refused (256 MiB). */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The one argument of {@link scanRoot}: the database, the shared root, and the pass's options. */
export interface ScanInput extends ScanOptions {
  db: Store;
  /** The shared data root (folder of developer folders). */
  root: string;
}

/** Options of {@link scanRoot}. */
export interface ScanOptions {
  /** What started the pass (recorded on the ingest run). */
  trigger?: "scan" | "watch" | "rescan";
  /** Refuse files larger than this (bytes). */
  maxFileBytes?: number;
  /** Clock (epoch ms); tests pass a fixed one. */
  now?: () => number;
  /** Directory reads in flight during discover. */
  concurrency?: number;
  /**
   * Reads file content instead of the checked reader (read-file.ts); tests use it to prove which paths
   * were opened. Links out of the roots are still refused by discover.
   */
  readFile?: (absPath: string) => Promise<Buffer>;
  /** Folders outside the root that links may lead into (PORTAL_INGEST_EXTRA_ROOTS). */
  extraRoots?: readonly string[];
  /** Give up on one file's read after this many ms (default 30 s). */
  readTimeoutMs?: number;
  /** Called after each changed file is handled (progress bars). */
  onProgress?: (p: ScanProgress) => void;
  /** The ingest store to use (default: the one of `db`). */
  store?: IngestStore;
}

/** Progress of a pass over the files that need reading. */
export interface ScanProgress {
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  relPath: string;
}

/** What one file did in a pass. */
export interface FileOutcome {
  relPath: string;
  developer: string;
  action: "ingested" | "unchanged-content" | "failed" | "refused" | "removed" | "vanished";
  records?: number;
  skipped?: number;
  error?: string;
}

/** Summary of one pass. */
export interface ScanResult {
  root: string;
  /** Set when the root could not be read: nothing was changed or removed. */
  rootError: string | null;
  startedMs: number;
  finishedMs: number;
  filesSeen: number;
  /** Files whose size+mtime were unchanged (not opened). */
  filesUnchanged: number;
  filesIngested: number;
  filesRemoved: number;
  filesFailed: number;
  bytesRead: number;
  /** Resolved rows inserted, updated or deleted. */
  rowsChanged: number;
  /** Developers (folder names) whose data changed. */
  changedDevelopers: string[];
  /** Per-file outcomes of every file that was not skipped as unchanged. */
  files: FileOutcome[];
  discover: Pick<DiscoverResult, "failedDirs" | "failedFiles" | "skippedLinks" | "followedLinks">;
  /** Id of the ingest_runs row (null when nothing happened and nothing was recorded). */
  runId: number | null;
}

const READ_AHEAD = 2;

function isGone(relPath: string, d: DiscoverResult): boolean {
  // A pushed source (push.ts) has no file on disk: only a later push replaces it.
  if (relPath.startsWith(PUSH_PREFIX)) return false;
  // A file below a folder that could not be listed may still exist: keep its rows.
  for (const f of d.failedDirs) if (relPath.startsWith(`${f.relPath}/`)) return false;
  for (const f of d.failedFiles) if (f.relPath === relPath) return false;
  return true;
}

function errText(e: unknown): string {
  const code = e instanceof Error && "code" in e && typeof e.code === "string" ? `${e.code}: ` : "";
  return code + (e instanceof Error ? e.message : String(e));
}

function isEnoent(e: unknown): boolean {
  return e instanceof Error && "code" in e && e.code === "ENOENT";
}

/**
 * Ingests everything below `root` that changed since the last pass. Never throws for file-system or
 * data problems (they are recorded per file); throws only on programmer errors or a broken DB.
 */
export async function scanRoot(options: ScanInput): Promise<ScanResult> {
  const { db, root } = options;
  const now = options.now ?? Date.now;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const store = options.store ?? ingestStoreFor(db);
  const startedMs = now();
  const d = await discover(root, { concurrency: options.concurrency ?? 8, extraRoots: options.extraRoots });
  const result: ScanResult = {
    root: d.root,
    rootError: d.rootError,
    startedMs,
    finishedMs: startedMs,
    filesSeen: d.files.length,
    filesUnchanged: 0,
    filesIngested: 0,
    filesRemoved: 0,
    filesFailed: 0,
    bytesRead: 0,
    rowsChanged: 0,
    changedDevelopers: [],
    files: [],
    discover: {
      failedDirs: d.failedDirs,
      failedFiles: d.failedFiles,
      skippedLinks: d.skippedLinks,
      followedLinks: d.followedLinks,
    },
    runId: null,
  };
  // Root missing (share unmounted, sync client re-creating it): remove nothing, wait for it to return.
  if (!d.rootOk) {
    result.finishedMs = now();
    return result;
  }

  const stored = await store.listFiles();
  const changed: DiscoveredFile[] = [];
  for (const f of d.files) {
    const s = stored.get(f.relPath);
    if (s && s.size === f.size && s.mtimeMs === f.mtimeMs) result.filesUnchanged++;
    else changed.push(f);
  }
  const discovered = new Set(d.files.map((f) => f.relPath));
  const removed: StoredFile[] = [];
  for (const s of stored.values()) if (!discovered.has(s.relPath) && isGone(s.relPath, d)) removed.push(s);

  const changedDevs = new Set<string>();
  const bytesTotal = changed.reduce((n, f) => n + (f.size <= maxBytes ? f.size : 0), 0);
  let bytesDone = 0;

  // Read-ahead: up to READ_AHEAD reads in flight while the parse+apply of the current file runs.
  const roots = d.allowedRoots;
  const timeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const read = (p: string): Promise<ReadOutcome> =>
    options.readFile
      ? options.readFile(p).then(
          (bytes): ReadOutcome => ({ ok: true, bytes }),
          (e: unknown): ReadOutcome => ({
            ok: false,
            vanished: isEnoent(e),
            error: `cannot read: ${errText(e)}`,
          }),
        )
      : readTrackerFile(p, { roots, maxBytes, timeoutMs });
  const reads = new Map<number, Promise<ReadOutcome>>();
  const startRead = (i: number) => {
    const f = changed[i];
    if (!f || reads.has(i) || f.size > maxBytes || f.refused) return;
    reads.set(i, read(f.absPath));
  };

  // A big pass (cold ingest) writes hundreds of MB: the engine may tune itself for it.
  if (bytesTotal > 32 * 1024 * 1024) await store.bulkPass(ingestChanged);
  else await ingestChanged();

  async function ingestChanged(): Promise<void> {
    for (let i = 0; i < changed.length; i++) {
      for (let k = i; k < i + READ_AHEAD; k++) startRead(k);
      const f = changed[i] as DiscoveredFile;
      const outcome: FileOutcome = { relPath: f.relPath, developer: f.developer, action: "ingested" };
      await ingestOne(f, i, outcome);
      result.files.push(outcome);
      if (outcome.action === "failed" || outcome.action === "refused") result.filesFailed++;
      options.onProgress?.({ done: i + 1, total: changed.length, bytesDone, bytesTotal, relPath: f.relPath });
      // A macrotask turn between files: awaiting an already-finished read would not give one, and a
      // cold pass over hundreds of files must not hold page and API requests for its whole length.
      await yieldToEventLoop();
    }
  }

  async function ingestOne(f: DiscoveredFile, i: number, outcome: FileOutcome): Promise<void> {
    const nowMs = now();
    let file = stored.get(f.relPath);
    const recordError = async (error: string) => {
      outcome.error = error;
      await store.transaction(async () => {
        file ??= await store.createFile(f, f.size, f.mtimeMs, nowMs);
        await store.markError(file, f.size, f.mtimeMs, error, nowMs);
      });
    };
    if (f.refused || f.size > maxBytes) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      outcome.action = "refused";
      await recordError(
        f.refused ??
          `file is ${mb(f.size)} MiB, above the ${mb(maxBytes)} MiB limit (PORTAL_INGEST_MAX_FILE_MB); not read`,
      );
      return;
    }
    const got = await reads.get(i);
    reads.delete(i);
    if (!got?.ok) {
      if (got?.vanished) {
        // Vanished between listing and reading (a rename in flight): the next pass sees the new state.
        outcome.action = "vanished";
        return;
      }
      outcome.action = "failed";
      await recordError(got?.error ?? "cannot read");
      return;
    }
    const bytes = got.bytes;
    result.bytesRead += bytes.length;
    bytesDone += f.size;
    const hash = createHash("sha1").update(bytes).digest("hex");
    if (file && file.hash === hash) {
      // Touched (mtime) or re-synced with identical content: nothing to re-ingest.
      await store.markSeen(file, f.size, f.mtimeMs);
      outcome.action = "unchanged-content";
      return;
    }
    try {
      const parsed = parseFileBytes(f.kind, bytes, nowMs);
      if (!parsed.ok) {
        outcome.action = "failed";
        await recordError(parsed.error);
        return;
      }
      // Parsing a big file is one long synchronous step: give waiting requests their turn before the
      // first write step.
      if (bytes.length > 4 * 1024 * 1024) await yieldToEventLoop();
      const meta = { size: f.size, mtimeMs: f.mtimeMs, hash, nowMs };
      const applied = await applyInSteps(store, f, parsed.contribution, parsed.skipped, meta, async () => {
        file ??= await store.createFile(f, f.size, f.mtimeMs, nowMs);
        return file;
      });
      if (applied === null) {
        // Another writer (a CLI scan next to the worker) started on the same file meanwhile: its pass
        // completes it; nothing to record here.
        outcome.action = "vanished";
        return;
      }
      outcome.records = applied.records;
      outcome.skipped = parsed.skipped.length + (parsed.contribution.records.length - applied.records);
      result.filesIngested++;
      result.rowsChanged += applied.rowsChanged;
      changedDevs.add(f.developer);
    } catch (e) {
      // A database failure is not the file's fault: the pass stops (the next one converges). Anything
      // else is this file's problem, recorded against it, so one hostile file can never stop the ingest
      // of the others or the removal of deleted files.
      if (isDatabaseError(e)) throw e;
      process.stderr.write(
        `[ingest] ${f.relPath} could not be applied: ${e instanceof Error ? e.stack : String(e)}\n`,
      );
      outcome.action = "failed";
      await recordError(
        e instanceof RangeError
          ? "JSON nested too deeply (or too large) to store; not ingested"
          : "could not be applied (internal error, details in the server log); not ingested",
      );
    }
  }

  for (const s of removed) {
    const developer = s.developer;
    result.rowsChanged += await store.transaction(() => store.removeFile(s));
    result.filesRemoved++;
    changedDevs.add(developer);
    result.files.push({ relPath: s.relPath, developer, action: "removed" });
  }

  result.changedDevelopers = [...changedDevs].sort();
  result.finishedMs = now();
  if (result.filesIngested + result.filesRemoved + result.filesFailed > 0) {
    const run = await db.get<{ id: number }>(
      `INSERT INTO ingest_runs ("trigger", root, started_ms, finished_ms, files_seen, files_ingested,
         files_unchanged, files_removed, files_failed, bytes_read, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) RETURNING id`,
      [
        options.trigger ?? "scan",
        d.root,
        startedMs,
        result.finishedMs,
        result.filesSeen,
        result.filesIngested,
        result.filesUnchanged,
        result.filesRemoved,
        result.filesFailed,
        result.bytesRead,
      ],
    );
    result.runId = run?.id ?? null;
  }
  return result;
}
