/**
 * Cross-process exclusive lock for one data folder.
 *
 * Design
 * - The lock is the file `<dir>/.tracker.lock`, holding JSON `{pid, hostname, startedAt, procStart, token}`.
 *   It is created atomically *with* its content: written to `<lock>.<token>.tmp`, then `link()`ed to the
 *   lock name (fails with EEXIST when held), so nobody ever reads a half-written lock. Filesystems
 *   without hard links fall back to `open(O_CREAT|O_EXCL)` + write.
 * - A waiter retries with jittered exponential backoff (2 ms → 25 ms) until `timeoutMs`, then throws
 *   `TrackerError("lock_timeout")` naming the holder.
 * - Stale locks (holder `kill -9`ed): on the same host the holder is dead when `kill(pid, 0)` says
 *   ESRCH, or when its pid was reused (Linux: the process start time in /proc/<pid>/stat differs
 *   from `procStart`). A lock from another host (network share) is stale when its mtime is older
 *   than `foreignStaleMs`; holders refresh the mtime every few seconds as a heartbeat.
 * - Stealing is safe when several waiters find the same stale lock: to remove the lock whose token is
 *   T, a waiter must first create `<lock>.steal-T-0` exclusively, then re-read the lock and unlink it
 *   only if it still carries T. Tokens are never reused, so once T is gone no steal file for T can
 *   ever remove anything again: losers simply go back to waiting. If a stealer dies holding
 *   `steal-T-k` (a microsecond window), the next one moves on to `steal-T-(k+1)`.
 * - Release unlinks the lock only if it still carries our token (if it was wrongly judged stale and
 *   taken over, we say so on stderr instead of deleting someone else's lock).
 */

import {
  linkSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname as osHostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { TrackerError } from "../errors.js";
import { errnoCode, ioError, ioUnlessMissing, randomHex, removeQuietly } from "./fs-util.js";

/** File name of the folder lock. */
export const LOCK_FILE = ".tracker.lock";

/** What a lock file says about its holder. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** Linux process start time (clock ticks since boot) to detect pid reuse; absent elsewhere. */
  procStart?: string;
  token: string;
}

/** A lock this process holds. */
export interface HeldLock {
  readonly path: string;
  readonly token: string;
  /** Removes the lock file (only if it is still ours). Idempotent. */
  release(): void;
}

/** Tuning of {@link acquireFolderLock}. */
export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs: number;
  /** A lock from another host is stale when its mtime is older than this (ms). Default 30 s. */
  foreignStaleMs?: number;
  /** Called after a stale lock was removed. */
  onStaleLockRemoved?: (holder: LockHolder | undefined, lockPath: string) => void;
  /** Where diagnostics go (default: stderr; stdout is the MCP protocol). */
  log?: (line: string) => void;
}

const stderrLog = (line: string) => {
  process.stderr.write(`${line}\n`);
};

// The lock protocol's timings, one named constant each (alike by design).
const HEARTBEAT_MS = 5_000;
const DEFAULT_FOREIGN_STALE_MS = 30_000;
/** An unreadable lock (power loss before its content reached disk) is stale after this long. */
const UNREADABLE_STALE_MS = 5_000;
/** Leftover `.tmp` files of the lock protocol older than this are garbage. */
const LEFTOVER_MS = 60_000;
const MAX_STEAL_LEVELS = 64;
// Transactions last milliseconds: a short cap keeps the lock from sitting idle while waiters sleep.
const MAX_BACKOFF_MS = 25;

/** Tokens of locks held by this process, so a lock with our own pid but an unknown token is stale. */
const heldTokens = new Set<string>();

let ownProcStart: string | undefined | null = null;
function ownProcessStart(): string | undefined {
  if (ownProcStart === null) ownProcStart = procStartOf(process.pid);
  return ownProcStart;
}

/** Field 22 of /proc/<pid>/stat (process start time); undefined where /proc is unavailable. */
function procStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // comm (field 2) may contain spaces and parentheses, so count fields after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return rest[19];
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) !== "ESRCH"; // EPERM: alive, owned by another user
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (
      typeof v === "object" &&
      v !== null &&
      "pid" in v &&
      typeof v.pid === "number" &&
      "hostname" in v &&
      typeof v.hostname === "string" &&
      "token" in v &&
      typeof v.token === "string" &&
      /^[0-9a-f]+$/.test(v.token)
    ) {
      return {
        pid: v.pid,
        hostname: v.hostname,
        token: v.token,
        startedAt: "startedAt" in v && typeof v.startedAt === "string" ? v.startedAt : "unknown time",
        ...("procStart" in v && typeof v.procStart === "string" ? { procStart: v.procStart } : {}),
      };
    }
  } catch {
    // fall through: unreadable
  }
  return undefined;
}

/** The lock (or steal) file as found on disk; `id` identifies this very instance of it. */
interface Observed {
  holder: LockHolder | undefined;
  id: string;
  mtimeMs: number;
}

function observe(path: string): Observed | undefined {
  const found = ioUnlessMissing("read the lock file", path, () => {
    const { mtimeMs, ino } = statSync(path);
    return { mtimeMs, ino, text: readFileSync(path, "utf8") };
  });
  if (!found) return undefined;
  const { mtimeMs, ino, text } = found;
  const holder = parseHolder(text);
  return { holder, id: holder ? holder.token : `ino${ino}m${Math.trunc(mtimeMs)}`, mtimeMs };
}

function isStale(o: Observed, foreignStaleMs: number): boolean {
  const age = Date.now() - o.mtimeMs;
  const h = o.holder;
  if (!h) return age > UNREADABLE_STALE_MS;
  if (h.hostname !== osHostname()) return age > foreignStaleMs;
  if (h.pid === process.pid) return !heldTokens.has(h.token);
  if (!pidAlive(h.pid)) return true;
  if (h.procStart !== undefined) {
    const current = procStartOf(h.pid);
    if (current !== undefined && current !== h.procStart) return true;
  }
  return false;
}

/**
 * Creates `path` exclusively with `content`; false when it already exists. Uses write-temp + link so the
 * file never exists half-written.
 */
function createExclusive(path: string, content: string, token: string): boolean {
  const tmp = `${path}.${token}.tmp`;
  try {
    writeFileSync(tmp, content, { flag: "w" });
  } catch (e) {
    throw ioError("create", tmp, e);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = errnoCode(e);
    if (code === "EEXIST") return false;
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS") {
      try {
        writeFileSync(path, content, { flag: "wx" });
        return true;
      } catch (e2) {
        if (errnoCode(e2) === "EEXIST") return false;
        throw ioError("create", path, e2);
      }
    }
    throw ioError("create", path, e);
  } finally {
    removeQuietly(tmp);
  }
}

function describe(h: LockHolder | undefined): string {
  return h
    ? `pid ${h.pid} on ${h.hostname} since ${h.startedAt}`
    : "an unknown process (unreadable lock file)";
}

/** Tries to remove the stale lock instance `stale`; returns whether the caller should retry at once. */
function tryStealing(lockPath: string, stale: Observed, opts: LockOptions, me: string): boolean {
  const foreignStaleMs = opts.foreignStaleMs ?? DEFAULT_FOREIGN_STALE_MS;
  for (let k = 0; k < MAX_STEAL_LEVELS; k++) {
    const stealPath = `${lockPath}.steal-${stale.id}-${k}`;
    if (createExclusive(stealPath, me, randomHex())) {
      try {
        const now = observe(lockPath);
        if (now && now.id === stale.id) {
          try {
            unlinkSync(lockPath);
          } catch (e) {
            if (errnoCode(e) !== "ENOENT") throw ioError("remove the stale lock", lockPath, e);
          }
          (opts.log ?? stderrLog)(
            `ai-session-tracker: removed a stale lock ${lockPath} left by ${describe(stale.holder)}`,
          );
          opts.onStaleLockRemoved?.(stale.holder, lockPath);
        }
      } finally {
        // Safe: the stale instance is gone now, so nobody can act on this steal file's name any more.
        removeQuietly(stealPath);
      }
      return true;
    }
    const other = observe(stealPath);
    if (other === undefined) continue; // its owner just finished: try this level again next round
    if (!isStale(other, foreignStaleMs)) return false; // a live process is stealing it right now
    // Its creator died mid-steal: that name is burnt, use the next level.
  }
  return false;
}

/**
 * Takes the exclusive lock of `dir`, waiting up to `opts.timeoutMs`.
 * @throws TrackerError("lock_timeout") naming the holder; TrackerError("io") when the folder is unusable.
 */
export async function acquireFolderLock(dir: string, opts: LockOptions): Promise<HeldLock> {
  const lockPath = join(dir, LOCK_FILE);
  const token = randomHex(16);
  const procStart = ownProcessStart();
  const holder: LockHolder = {
    pid: process.pid,
    hostname: osHostname(),
    startedAt: "",
    ...(procStart === undefined ? {} : { procStart }),
    token,
  };
  const foreignStaleMs = opts.foreignStaleMs ?? DEFAULT_FOREIGN_STALE_MS;
  const deadline = Date.now() + opts.timeoutMs;
  let delay = 2;
  let lastSeen: Observed | undefined;
  let seen = observe(lockPath);
  for (;;) {
    // Only try to create when the lock looks free: a waiter that merely looks dirties no directory
    // metadata, which keeps the holder's fsyncs cheap under contention.
    if (seen === undefined) {
      holder.startedAt = new Date().toISOString();
      // Registered before creation so that a concurrent same-process check never sees it as stale.
      heldTokens.add(token);
      if (createExclusive(lockPath, JSON.stringify(holder), token))
        return held(lockPath, token, opts.log ?? stderrLog);
      heldTokens.delete(token);
      seen = observe(lockPath);
      if (seen === undefined) continue; // released again between our attempt and the read
    }
    lastSeen = seen;
    if (isStale(seen, foreignStaleMs) && tryStealing(lockPath, seen, opts, JSON.stringify(holder))) {
      seen = observe(lockPath);
      continue;
    }

    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TrackerError(
        "lock_timeout",
        `Timed out after ${opts.timeoutMs} ms waiting for the tracker data lock ${lockPath}, held by ${describe(lastSeen.holder)}. ` +
          "Retry shortly; if that process hangs, stop it (a dead holder's lock is recovered automatically).",
      );
    }
    await sleep(Math.min(remaining, delay * (0.5 + Math.random())));
    delay = Math.min(MAX_BACKOFF_MS, delay * 1.5);
    seen = observe(lockPath);
  }
}

function held(path: string, token: string, log: (line: string) => void): HeldLock {
  // Heartbeat for other hosts (which cannot check our pid); unref so it never keeps the process alive.
  const timer = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // lock gone or folder unreachable: release() will report a takeover if it matters
    }
  }, HEARTBEAT_MS);
  timer.unref();
  let released = false;
  return {
    path,
    token,
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      heldTokens.delete(token);
      const now = observe(path);
      if (now?.holder?.token === token) {
        try {
          unlinkSync(path);
        } catch (e) {
          if (errnoCode(e) !== "ENOENT") throw ioError("release the lock", path, e);
        }
      } else {
        log(
          `ai-session-tracker: the lock ${path} was taken over by ${describe(now?.holder)} while this process held it`,
        );
      }
    },
  };
}

/**
 * Removes leftovers of the lock protocol (steal markers, link temp files) older than a minute. Call
 * only while holding the lock: a steal marker for any token but ours can no longer remove anything.
 */
export function cleanLockLeftovers(dir: string, ownToken: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const cutoff = Date.now() - LEFTOVER_MS;
  for (const name of names) {
    if (!name.startsWith(`${LOCK_FILE}.`) || name.includes(ownToken)) continue;
    const p = join(dir, name);
    try {
      if (statSync(p).mtimeMs < cutoff) unlinkSync(p);
    } catch {
      // raced with its owner's own clean-up: fine
    }
  }
}
