/**
 * Reads one tracker file for the scan, refusing what a hostile writer to the share can put at a tracker
 * file's name: a link whose real path is outside the data root (and the allowed extra roots), a FIFO,
 * socket or device (swapped in after the walk saw a regular file), a file grown past the size limit, or
 * a read that never finishes (a stuck network share). Never throws; never returns file content in an
 * error text.
 */
import { close, constants, fstat, open, read, readlink, realpath, type Stats } from "node:fs";
import path from "node:path";

/** Result of {@link readTrackerFile}: the bytes, or why not (`vanished`: gone between walk and read). */
export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; error: string; vanished: boolean };

/** Limits of {@link readTrackerFile}. */
export interface ReadLimits {
  /** Real paths (realpath'd) of the folders files may live in: the data root and the extra roots. */
  roots: readonly string[];
  /** Refuse files larger than this many bytes. */
  maxBytes: number;
  /** Give up on a read that takes longer than this (ms). */
  timeoutMs: number;
}

/** Text stored for a file whose real path is outside every allowed root. */
export const OUTSIDE_ROOT_ERROR =
  "is a link to a file outside the data root (allow its folder with PORTAL_INGEST_EXTRA_ROOTS); not read";

/** True when the real path `real` is one of `roots` or below one of them. */
export function isInsideRoots(real: string, roots: readonly string[]): boolean {
  for (const root of roots) {
    if (real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) return true;
  }
  return false;
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer (forever). O_NOFOLLOW: the
// real path was just resolved, so a link at its last component now means a swap in between.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

const cb = {
  realpath: (p: string) => new Promise<string>((res, rej) => realpath(p, (e, r) => (e ? rej(e) : res(r)))),
  open: (p: string) =>
    new Promise<number>((res, rej) => open(p, OPEN_FLAGS, (e, fd) => (e ? rej(e) : res(fd)))),
  fstat: (fd: number) => new Promise<Stats>((res, rej) => fstat(fd, (e, st) => (e ? rej(e) : res(st)))),
  read: (fd: number, buf: Buffer, off: number) =>
    new Promise<number>((res, rej) =>
      read(fd, buf, off, buf.length - off, null, (e, n) => (e ? rej(e) : res(n))),
    ),
  readlink: (p: string) => new Promise<string>((res, rej) => readlink(p, (e, r) => (e ? rej(e) : res(r)))),
  close: (fd: number) => new Promise<void>((res) => close(fd, () => res())),
};

function code(e: unknown): string | undefined {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

// File-system error texts name the path and the errno, never content.
function fsErrorText(e: unknown): string {
  const c = code(e);
  if (c === "ELOOP") return "changed into a link while being read; not read";
  return `cannot read: ${c ?? (e instanceof Error ? e.message : String(e))}`;
}

/**
 * Reads `absPath` within `limits`: its real path must be inside `limits.roots`, the opened handle must be
 * a regular file (checked with fstat on the handle itself, not on the name), and the whole read must end
 * within `limits.timeoutMs`.
 */
export function readTrackerFile(absPath: string, limits: ReadLimits): Promise<ReadOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          vanished: false,
          error: `read did not finish within ${Math.round(limits.timeoutMs / 1000)} s (stuck share?); not read`,
        }),
      limits.timeoutMs,
    );
  });
  // A timed-out read keeps running in libuv's pool (it cannot be cancelled); its handle is closed when
  // it ends, so a late read never lands in a reused descriptor.
  return Promise.race([readChecked(absPath, limits), timeout]).finally(() => clearTimeout(timer));
}

async function readChecked(absPath: string, limits: ReadLimits): Promise<ReadOutcome> {
  let real: string;
  try {
    real = await cb.realpath(absPath);
  } catch (e) {
    return { ok: false, vanished: code(e) === "ENOENT", error: fsErrorText(e) };
  }
  if (!isInsideRoots(real, limits.roots)) return { ok: false, vanished: false, error: OUTSIDE_ROOT_ERROR };
  let fd: number;
  try {
    fd = await cb.open(real);
  } catch (e) {
    return { ok: false, vanished: code(e) === "ENOENT", error: fsErrorText(e) };
  }
  try {
    const st = await cb.fstat(fd);
    if (!st.isFile())
      return { ok: false, vanished: false, error: "not a regular file (a FIFO, socket or device); not read" };
    // Where the opened handle really is (Linux): catches a folder on the path swapped for a link between
    // the realpath above and the open. Elsewhere the realpath check stands alone.
    const opened = await cb.readlink(`/proc/self/fd/${fd}`).catch(() => null);
    if (opened !== null && !isInsideRoots(opened, limits.roots))
      return { ok: false, vanished: false, error: OUTSIDE_ROOT_ERROR };
    const tooBig = () => ({
      ok: false as const,
      vanished: false,
      error: `file grew above the ${(limits.maxBytes / 1024 / 1024).toFixed(1)} MiB limit (PORTAL_INGEST_MAX_FILE_MB); not read`,
    });
    if (st.size > limits.maxBytes) return tooBig();
    // One read of the whole file plus one that sees the end (a file still growing is read to its end).
    let buf = Buffer.allocUnsafe(st.size + 1);
    let used = 0;
    for (;;) {
      const n = await cb.read(fd, buf, used);
      if (n === 0) break;
      used += n;
      if (used > limits.maxBytes) return tooBig();
      if (used === buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, limits.maxBytes + 1));
        buf.copy(bigger, 0, 0, used);
        buf = bigger;
      }
    }
    return { ok: true, bytes: buf.subarray(0, used) };
  } catch (e) {
    return { ok: false, vanished: code(e) === "ENOENT", error: fsErrorText(e) };
  } finally {
    await cb.close(fd);
  }
}
