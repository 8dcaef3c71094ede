/**
 * The folder journal `<dir>/.tracker-journal`: one small JSON document, always present, that serves two
 * purposes.
 *
 * 1. Commit generations. `gens[file]` is bumped (before the data changes) by every commit that touches
 *    `file`; together with `epoch` it tells another process that its cached copy is stale even in the
 *    rare case where a stat would not (inode number reused by a rename, same size, same coarse mtime).
 * 2. Crash recovery. A commit that writes in place, or that renames more than one file, first writes
 *    its intent under `pending` and fsyncs it: every in-place write's offset, the bytes it replaces
 *    (the closing `\n]` of an array; the tail of `sessions.json` from the first changed session),
 *    the resulting length and a hash of the new bytes; every temp file awaiting its rename. Then it does the work, then clears `pending`. Finding `pending` set (under the lock)
 *    means a writer died mid-commit:
 *    - some temp file already renamed → the commit point was passed (in-place writes are fsynced before the
 *      first rename) → roll forward: finish the remaining renames;
 *    - no renames, every in-place write complete (exact length and hash) → roll forward (nothing to do);
 *    - otherwise → roll back: truncate each file to its offset and write back the original bytes, drop
 *      the temp files.
 *    Either way every file is valid JSON again and the transaction is all-or-nothing. A journal that
 *    does not parse was cut while being written, which only happens before any data was touched or
 *    after all of it was done, so it is reset (with a new epoch so every cache reloads).
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
} from "node:fs";
import { join } from "node:path";
import {
  errnoCode,
  fsyncDir,
  io,
  ioError,
  ioUnlessMissing,
  randomHex,
  removeQuietly,
  writeAllSync,
} from "./fs-util.js";

/** File name of the folder journal. */
export const JOURNAL_FILE = ".tracker-journal";

/** One in-place write of a pending commit: an array append or a sessions tail rewrite. */
export interface PendingPatch {
  /** File name inside the folder. */
  file: string;
  offset: number;
  /** Bytes at [offset, old length) that the write replaced (latin1; "\n]" for an append). */
  original: string;
  newLength: number;
  /** sha256 hex of the bytes written at [offset, newLength). */
  sha256: string;
}

/** One temp file of a pending commit, to be renamed over `file`. */
export interface PendingRename {
  file: string;
  /** Temp file name inside the folder. */
  temp: string;
}

/** The journal document. */
export interface Journal {
  v: 1;
  /** Random; changes whenever the generations are reset. */
  epoch: string;
  gens: Record<string, number>;
  pending?: { patches: PendingPatch[]; renames: PendingRename[] };
}

/** A fresh journal with a new epoch and zero generations. */
export function freshJournal(): Journal {
  return { v: 1, epoch: randomHex(), gens: {} };
}

/** sha256 hex of `buf`. */
export function sha256(buf: Uint8Array): string {
  return createHash("sha256").update(buf).digest("hex");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Files a journal may name: the four data files (a forged journal must not truncate anything else). */
const DATA_FILES = new Set(["sessions.json", "interactions.json", "issues.json", "requests.json"]);
const safeTemp = (file: string, temp: string) =>
  /^[0-9a-f]+$/.test(temp.slice(`${file}.tmp-`.length)) && temp.startsWith(`${file}.tmp-`);

function parseJournal(text: string): Journal | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v.v !== 1 || typeof v.epoch !== "string" || !isRecord(v.gens)) return undefined;
  const gens: Record<string, number> = {};
  for (const [k, g] of Object.entries(v.gens)) if (typeof g === "number") gens[k] = g;
  const j: Journal = { v: 1, epoch: v.epoch, gens };
  const p = v.pending;
  if (isRecord(p) && Array.isArray(p.patches) && Array.isArray(p.renames)) {
    // Patches and renames each check their own fields, written out (alike in shape by design).
    const patches: PendingPatch[] = [];
    for (const a of p.patches) {
      if (
        !isRecord(a) ||
        typeof a.file !== "string" ||
        !DATA_FILES.has(a.file) ||
        typeof a.offset !== "number" ||
        a.offset < 0 ||
        typeof a.original !== "string" ||
        typeof a.newLength !== "number" ||
        typeof a.sha256 !== "string"
      ) {
        return undefined;
      }
      patches.push({
        file: a.file,
        offset: a.offset,
        original: a.original,
        newLength: a.newLength,
        sha256: a.sha256,
      });
    }
    const renames: PendingRename[] = [];
    for (const r of p.renames) {
      if (
        !isRecord(r) ||
        typeof r.file !== "string" ||
        !DATA_FILES.has(r.file) ||
        typeof r.temp !== "string" ||
        !safeTemp(r.file, r.temp)
      ) {
        return undefined;
      }
      renames.push({ file: r.file, temp: r.temp });
    }
    j.pending = { patches, renames };
  }
  return j;
}

/** Reads the journal; `undefined` when it is missing or unreadable (see the module header). */
export function readJournal(dir: string): Journal | undefined {
  const path = join(dir, JOURNAL_FILE);
  const text = ioUnlessMissing("read", path, () => readFileSync(path, "utf8"));
  return text === undefined ? undefined : parseJournal(text);
}

/**
 * Overwrites the journal in place (it always exists after open, so no folder fsync is needed);
 * `durable` fsyncs it, which a pending intent must be before any data is touched.
 */
export function writeJournal(dir: string, j: Journal, durable: boolean): void {
  const path = join(dir, JOURNAL_FILE);
  const buf = Buffer.from(`${JSON.stringify(j)}\n`, "utf8");
  let created = false;
  let fd: number;
  try {
    fd = openSync(path, "r+");
  } catch (e) {
    if (errnoCode(e) !== "ENOENT") throw ioError("open", path, e);
    fd = io("create", path, () => openSync(path, "w+"));
    created = true;
  }
  try {
    writeAllSync(fd, buf, 0);
    ftruncateSync(fd, buf.length);
    if (durable) fsyncSync(fd);
  } catch (e) {
    throw ioError("write", path, e);
  } finally {
    closeSync(fd);
  }
  if (created && durable) fsyncDir(dir);
}

function readRange(
  path: string,
  start: number,
  end: number,
): { bytes: Buffer; fileSize: number } | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const fileSize = fstatSync(fd).size;
    if (fileSize < end) return undefined;
    const buf = Buffer.alloc(end - start);
    let done = 0;
    while (done < buf.length) {
      const n = readSync(fd, buf, done, buf.length - done, start + done);
      if (n === 0) return undefined;
      done += n;
    }
    return { bytes: buf, fileSize };
  } finally {
    closeSync(fd);
  }
}

/** How a pending commit was resolved. */
export type RecoveryOutcome = "rolled_forward" | "rolled_back";

/**
 * Resolves a pending commit left by a dead writer (see the module header). Call only while holding
 * the folder lock. Returns the files whose bytes may have changed.
 */
export function recoverPending(
  dir: string,
  pending: NonNullable<Journal["pending"]>,
): { outcome: RecoveryOutcome; files: string[] } {
  const renameStarted = pending.renames.some((r) => !existsSync(join(dir, r.temp)));
  const forward =
    pending.renames.length > 0
      ? renameStarted
      : pending.patches.every((a) => {
          const bytes = readRange(join(dir, a.file), a.offset, a.newLength);
          return bytes !== undefined && bytes.fileSize === a.newLength && sha256(bytes.bytes) === a.sha256;
        });
  const files = new Set<string>();
  if (forward) {
    for (const r of pending.renames) {
      const temp = join(dir, r.temp);
      if (existsSync(temp)) {
        io("rename into place", join(dir, r.file), () => renameSync(temp, join(dir, r.file)));
        files.add(r.file);
      }
    }
    fsyncDir(dir);
  } else {
    for (const a of pending.patches) {
      const path = join(dir, a.file);
      let fd: number;
      try {
        fd = openSync(path, "r+");
      } catch (e) {
        if (errnoCode(e) === "ENOENT") continue;
        throw ioError("open", path, e);
      }
      try {
        if (fstatSync(fd).size < a.offset) continue; // not ours to repair; the loader will judge it
        ftruncateSync(fd, a.offset);
        writeAllSync(fd, Buffer.from(a.original, "latin1"), a.offset);
        fsyncSync(fd);
        files.add(a.file);
      } catch (e) {
        throw ioError("roll back an interrupted append in", path, e);
      } finally {
        closeSync(fd);
      }
    }
    for (const r of pending.renames) removeQuietly(join(dir, r.temp));
  }
  return { outcome: forward ? "rolled_forward" : "rolled_back", files: [...files] };
}
