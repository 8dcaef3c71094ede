/**
 * Small synchronous file helpers that turn every failure into `TrackerError("io")` naming the path.
 *
 * Why synchronous: every call happens while this process holds the folder lock, so there is no
 * concurrency to gain from async I/O, the operations are short, and the transaction accessors
 * (`tx.sessions()` …) load lazily behind a synchronous API.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync,
} from "node:fs";
import { TrackerError } from "../errors.js";

/** The errno code of a Node fs error, if any. */
export function errnoCode(e: unknown): string | undefined {
  if (typeof e === "object" && e !== null && "code" in e && typeof e.code === "string") return e.code;
  return undefined;
}

/** `TrackerError("io")` for a failed `action` on `path`, keeping the cause. */
export function ioError(action: string, path: string, cause: unknown): TrackerError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new TrackerError("io", `Could not ${action} ${path}: ${reason}`, { cause });
}

/** Runs `fn`, converting any thrown error (other than a TrackerError) into an io TrackerError. */
export function io<T>(action: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TrackerError) throw e;
    throw ioError(action, path, e);
  }
}

/** Runs `fn`: `undefined` when `path` does not exist (ENOENT), an io TrackerError on any other failure. */
export function ioUnlessMissing<T>(action: string, path: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (errnoCode(e) === "ENOENT") return undefined;
    throw ioError(action, path, e);
  }
}

/** Random lowercase hex, for temp-file names and lock tokens. */
export function randomHex(bytes = 8): string {
  return randomBytes(bytes).toString("hex");
}

/** Writes all of `buf` at `position` (short writes are retried). */
export function writeAllSync(fd: number, buf: Uint8Array, position: number): void {
  let done = 0;
  while (done < buf.length) {
    done += writeSync(fd, buf, done, buf.length - done, position + done);
  }
}

/**
 * fsyncs a directory so a rename/create inside it survives power loss. Windows cannot open or fsync
 * directories; there the rename itself is as durable as it gets, so those errors are ignored.
 */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch (e) {
    if (process.platform === "win32") return;
    throw ioError("open the folder", dir, e);
  }
  try {
    fsyncSync(fd);
  } catch (e) {
    const code = errnoCode(e);
    if (!(process.platform === "win32" || code === "EINVAL" || code === "EISDIR")) {
      throw ioError("fsync the folder", dir, e);
    }
  } finally {
    closeSync(fd);
  }
}

/** A file written and fsynced under a temporary name, ready to be renamed over its target. */
export interface TempFile {
  readonly tempPath: string;
  readonly target: string;
  /** fstat of the temp file after fsync (a rename keeps inode, size and mtime). */
  readonly stats: Stats;
}

/** Temp files are `<target>.tmp-<hex>` in the same folder, so the rename never crosses devices. */
export const TEMP_INFIX = ".tmp-";

/** Writes `chunks` to a fresh temp file beside `target` and fsyncs it. Removes it again on failure. */
export function writeTempFile(target: string, chunks: readonly Uint8Array[]): TempFile {
  const tempPath = `${target}${TEMP_INFIX}${randomHex()}`;
  const fd = io("create", tempPath, () => openSync(tempPath, "wx", 0o666));
  try {
    let pos = 0;
    for (const c of chunks) {
      writeAllSync(fd, c, pos);
      pos += c.length;
    }
    fsyncSync(fd);
    const stats = fstatSync(fd);
    closeSync(fd);
    return { tempPath, target, stats };
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed, or closing failed too: the write error below is the one to report
    }
    removeQuietly(tempPath);
    throw ioError("write", tempPath, e);
  }
}

/** Renames a finished temp file over its target (atomic on POSIX; the caller fsyncs the folder). */
export function commitTempFile(t: TempFile): void {
  io("rename into place", t.target, () => renameSync(t.tempPath, t.target));
}

/** Best-effort unlink for clean-up paths where the original error matters more. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // nothing to clean up, or it cannot be removed: either way the caller has a better error to report
  }
}

/** Atomically replaces `target` with `chunks` (temp + fsync + rename + fsync folder). */
export function atomicWriteFile(target: string, dir: string, chunks: readonly Uint8Array[]): Stats {
  const t = writeTempFile(target, chunks);
  try {
    commitTempFile(t);
  } catch (e) {
    removeQuietly(t.tempPath);
    throw e;
  }
  fsyncDir(dir);
  return t.stats;
}

/** UTC time as `20261122T014939Z`, used to name files moved aside. */
export function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}
