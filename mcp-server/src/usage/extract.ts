/**
 * `extractUsage`: the agents' logs → `usage.json` in the tracker folder, incrementally and idempotently.
 *
 * 1. List the log files (no lock held) and read what each gained since the state last saw it.
 * 2. Under the tracker folder's lock (the one every tool call takes), re-read the state, take over the
 *    entries no other extractor changed meanwhile (one that did wins: it read the same lines), write
 *    the state, then rebuild usage.json from it. The lock is held for milliseconds, never while
 *    transcripts are read, so a tool call is never kept waiting by a long first extraction.
 */
import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { USAGE_FILE_NAME, type UsageRecord } from "../contract/usage-schema.js";
import { findPrice } from "../stats/pricing.js";
import { DEFAULT_PRICE_ROWS } from "../stats/pricing-defaults.js";
import { acquireFolderLock } from "../storage/lock.js";
import { DEFAULT_LOCK_TIMEOUT_MS } from "../storage/tracker-store.js";
import { listLogFiles } from "./log-files.js";
import { readLogFile } from "./read-log-file.js";
import { mergeRecords, type RecordMap } from "./records.js";
import {
  type FileState,
  fileKey,
  newFileState,
  readUsageState,
  scopeLabel,
  type UsageState,
  writeUsageState,
} from "./state.js";
import { writeUsageFile } from "./usage-file.js";

/** Options of {@link extractUsage}. */
export interface ExtractUsageOptions {
  /** The tracker folder (already resolved, like the other files'). */
  outputDir: string;
  /** Only conversations whose working folder is this folder or below; null = every conversation. */
  projectDir: string | null;
  env?: NodeJS.ProcessEnv;
  home?: string;
  lockTimeoutMs?: number;
  log?: (line: string) => void;
}

/** What a run did. */
export interface UsageExtraction {
  usageFile: string;
  /** Log files found / read because they changed (new, grown, gone). */
  filesFound: number;
  filesRead: number;
  /** Requests counted by this run (0 on a re-run with nothing new). */
  requestsAdded: number;
  /** Lines skipped because they were not JSON (cut off, garbage). */
  badLines: number;
  /** This machine's records in usage.json after the run. */
  records: number;
  /** Models of those records, and those without a price row at their time (never priced at $0). */
  models: string[];
  unpricedModels: string[];
  /** Files that could not be read (path: reason); the rest of the run goes on. */
  errors: string[];
  changed: boolean;
}

const requestsOf = (s: FileState | undefined) => (s?.records ?? []).reduce((n, r) => n + r.requests, 0);
const sameCursor = (a: FileState | undefined, b: FileState | undefined) =>
  a === undefined || b === undefined
    ? a === b
    : a.offset === b.offset &&
      a.size === b.size &&
      a.mtime_ms === b.mtime_ms &&
      a.gone === b.gone &&
      a.in_scope === b.in_scope;

function projectDirs(dir: string | null): string[] | null {
  if (dir === null) return null;
  try {
    const real = realpathSync(dir);
    return real === dir ? [dir] : [dir, real];
  } catch {
    return [dir];
  }
}

/** Reads the changed log files into new state entries (no lock; `snapshot` is not modified). */
async function readChanged(options: ExtractUsageOptions, snapshot: UsageState) {
  const scope = scopeLabel(options.projectDir);
  const files = await listLogFiles({
    env: options.env ?? process.env,
    home: options.home ?? homedir(),
    projectDir: options.projectDir,
  });
  const seen = new Set(Object.values(snapshot.files).flatMap((f) => f.seen));
  const ctx = { projectDirs: projectDirs(options.projectDir), seen };
  const updated = new Map<string, FileState>();
  const errors: string[] = [];
  let badLines = 0;
  const listed = new Set<string>();
  for (const file of files) {
    const key = fileKey(file.path);
    listed.add(key);
    const before = snapshot.files[key];
    if (before?.in_scope === false) {
      if (before.scope === scope) continue; // another project's conversation: never read further
    } else if (before && !before.gone && before.size === file.size && before.mtime_ms === file.mtimeMs)
      continue;
    // A file that shrank was rewritten: its contribution is read again from the start.
    const fresh = !before || before.in_scope === false || file.size < before.offset;
    const entry: FileState = fresh ? newFileState(file.agent, scope) : structuredClone(before);
    if (fresh && before) for (const k of before.seen) seen.delete(k);
    try {
      badLines += (await readLogFile(file, entry, ctx)).badLines;
    } catch (e) {
      errors.push(`${file.path}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    entry.size = file.size;
    entry.mtime_ms = file.mtimeMs;
    entry.gone = false;
    updated.set(key, entry);
  }
  for (const [key, before] of Object.entries(snapshot.files)) {
    // Gone (Claude Code deletes transcripts after 30 days): keep what it contributed, forget the rest.
    if (!listed.has(key) && !before.gone) updated.set(key, { ...before, gone: true, recent: [], seen: [] });
  }
  return { files, updated, errors, badLines };
}

/**
 * Extracts the agents' token usage into `<outputDir>/usage.json`. Never throws for a bad log file or
 * line (skipped and counted); throws TrackerError("lock_timeout" | "io") when the folder is unusable.
 */
export async function extractUsage(options: ExtractUsageOptions): Promise<UsageExtraction> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dir = options.outputDir;
  const snapshot = readUsageState(dir, log);
  const { files, updated, errors, badLines } = await readChanged(options, snapshot);

  const lock = await acquireFolderLock(dir, {
    timeoutMs: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    log,
  });
  let requestsAdded = 0;
  let own: RecordMap;
  let changed = false;
  try {
    const current = readUsageState(dir, log);
    for (const [key, after] of updated) {
      const now = current.files[key];
      if (!sameCursor(now, snapshot.files[key])) continue; // another extractor read these lines first
      requestsAdded += requestsOf(after) - requestsOf(now);
      current.files[key] = after;
    }
    if (updated.size > 0) {
      writeUsageState(dir, current);
      changed = true;
    }
    own = new Map();
    for (const file of Object.values(current.files)) mergeRecords(own, file.records);
    changed = writeUsageFile(dir, own, log) || changed;
  } finally {
    lock.release();
  }
  const records: UsageRecord[] = [...own.values()];
  const models = [...new Set(records.map((r) => r.model))].sort();
  const unpriced = new Set(
    records.filter((r) => findPrice(DEFAULT_PRICE_ROWS, r.model, r.hour) === null).map((r) => r.model),
  );
  return {
    usageFile: join(dir, USAGE_FILE_NAME),
    filesFound: files.length,
    filesRead: updated.size,
    requestsAdded,
    badLines,
    records: records.length,
    models,
    unpricedModels: [...unpriced].sort(),
    errors,
    changed,
  };
}
