/**
 * `TrackerStore`: the four tracker files of one folder behind locked, all-or-nothing transactions.
 *
 * - Isolation: `transaction(fn)` holds the folder lock (./lock.ts) for the whole callback, so read-
 *   modify-write sequences (allocate an id + auto-close + insert; append + recount) cannot interleave
 *   with other processes. Transactions of one process queue per folder; a transaction started from
 *   inside another one's callback joins it (no deadlock, no savepoint).
 * - Caching: each file is checked on its first use in a transaction (stat identity + the journal's
 *   commit generation) and re-read only when another writer changed it; an array file that merely
 *   grew is read from where our copy ended.
 * - Durability and atomicity: changes are buffered in the transaction and written at the end, array
 *   files by an in-place append, never rewriting history; `sessions.json` by rewriting in place only
 *   its tail from the first changed session (almost always the last few: the active ones), or, when
 *   that tail is large or the file is not in our layout, by temp + fsync + rename + folder fsync.
 *   Unchanged sessions keep their bytes. In-place writes are guarded by the journal (./journal.ts),
 *   which makes the whole transaction all-or-nothing across files even under kill -9 or power loss.
 *   The promise resolves only after everything is fsynced; a throwing callback writes nothing.
 * - Damage: a file that is not JSON or has the wrong top-level type is renamed aside
 *   (`<name>.corrupt-<UTC stamp>`), reported, and replaced by an empty one — never overwritten.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
} from "node:fs";
import { basename, join, resolve } from "node:path";
import {
  type ArrayContent,
  appendPatch,
  buildArrayFile,
  contentAfterAppend,
  contentOfWholeFile,
  type FileIdentity,
  identityOf,
  parseArrayBuffer,
  readAppendedTail,
  sameIdentity,
  serializeElement,
} from "./array-file.js";
import {
  atomicWriteFile,
  commitTempFile,
  fsyncDir,
  io,
  ioError,
  ioUnlessMissing,
  removeQuietly,
  TEMP_INFIX,
  type TempFile,
  utcStamp,
  writeAllSync,
  writeTempFile,
} from "./fs-util.js";
import {
  freshJournal,
  type Journal,
  type PendingPatch,
  type RecoveryOutcome,
  readJournal,
  recoverPending,
  sha256,
  writeJournal,
} from "./journal.js";
import { deepFreeze, isJsonObject, type JsonObject, type JsonValue, jsonClone } from "./json.js";
import { acquireFolderLock, cleanLockLeftovers, type HeldLock, type LockHolder } from "./lock.js";
import {
  buildSessionsFile,
  parseSessionsBuffer,
  planSessionsPatch,
  type SessionEntry,
  serializeSessionEntry,
  sessionsView,
} from "./sessions-file.js";

/** File names inside the data folder (upstream's, spec §2.2). */
export const TRACKER_FILES = {
  sessions: "sessions.json",
  interactions: "interactions.json",
  issues: "issues.json",
  requests: "requests.json",
} as const;

/** The three append-only array files. */
export type ArrayFileKind = "interactions" | "issues" | "requests";
const ARRAY_KINDS: readonly ArrayFileKind[] = ["interactions", "issues", "requests"];

/** A sessions.json tail up to this size (or an eighth of the file) is rewritten in place. */
const MIN_PATCH_LIMIT = 256 * 1024;

/** Default wait for the folder lock before `TrackerError("lock_timeout")`. */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

/** A damaged file was renamed aside and replaced by an empty one. Paths are absolute. */
export interface CorruptFileMovedEvent {
  kind: "corrupt_file_moved";
  file: string;
  movedTo: string;
  reason: string;
}
/** A commit interrupted by a crash was completed or undone (files: names inside the folder). */
export interface JournalRecoveredEvent {
  kind: "journal_recovered";
  outcome: RecoveryOutcome;
  files: string[];
}
/** A lock left by a dead process was removed. */
export interface StaleLockRemovedEvent {
  kind: "stale_lock_removed";
  lockPath: string;
  holder?: LockHolder;
}
/** Everything the store reports through `onEvent`. */
export type StorageEvent = CorruptFileMovedEvent | JournalRecoveredEvent | StaleLockRemovedEvent;

/** Options of {@link TrackerStore.open}. */
export interface TrackerStoreOptions {
  /** How long a transaction waits for the folder lock (ms, default 10 000). */
  lockTimeoutMs?: number;
  /** Called synchronously for every event (also the ones `drainEvents` queues). */
  onEvent?: (event: StorageEvent) => void;
  /** Clock for the names of files moved aside (default: the system clock). */
  now?: () => Date;
  /** Where diagnostics go, one line per call (default: stderr; stdout is the MCP protocol). */
  log?: (line: string) => void;
  /**
   * @internal Tests only: called at each commit step ("intent", "write:<file>", "rename:<file>");
   * throwing (or killing the process) there simulates a crash at that point.
   */
  commitHook?: (step: string) => void;
}

/**
 * What a transaction callback can do. Records handed out are deep-frozen and shared with the cache:
 * to change one, build a new object (`{ ...raw, status: "completed" }`) and `putSession` it.
 * Reads see the transaction's own writes. Arrays returned are snapshots (never mutated later).
 */
export interface StoreTransaction {
  /** All sessions in file (insertion) order. */
  sessions(): ReadonlyMap<string, JsonObject>;
  getSession(id: string): JsonObject | undefined;
  /** Inserts (at the end) or replaces (keeping its position) the session `id`. */
  putSession(id: string, record: JsonObject): void;
  interactions(): readonly JsonObject[];
  /** The session's interactions in file order (from an index, not a scan). */
  interactionsForSession(sessionId: string): readonly JsonObject[];
  appendInteraction(record: JsonObject): void;
  issues(): readonly JsonObject[];
  issuesForSession(sessionId: string): readonly JsonObject[];
  appendIssue(record: JsonObject): void;
  requests(): readonly JsonObject[];
  appendRequest(record: JsonObject): void;
}
/** Alias of {@link StoreTransaction}. */
export type TrackerTransaction = StoreTransaction;

interface SessionsState {
  entries: Map<string, SessionEntry>;
  /** Object-valued sessions in order, built on first use (most transactions only call getSession). */
  view: Map<string, JsonObject> | undefined;
  /** undefined: the file does not exist (the next write creates it). */
  identity: FileIdentity | undefined;
  /** The file is exactly the indent-2 framing of the entries' fragments (so it can be patched). */
  exact: boolean;
  size: number;
  gen: string;
  checkedTx: number;
}

interface ArrayState {
  content: ArrayContent;
  identity: FileIdentity | undefined;
  gen: string;
  checkedTx: number;
  /** records by `session_id`, built on first use; arrays inside are replaced, never mutated. */
  index: Map<string, JsonObject[]> | undefined;
}

const EMPTY_ARRAY: ArrayContent = Object.freeze({
  values: [],
  records: [],
  layout: "empty",
  size: 2,
  sig: Buffer.alloc(0),
});

interface ActiveTx {
  key: string;
  tx: Transaction;
}
const activeTx = new AsyncLocalStorage<ActiveTx>();
/** Tail of the in-process queue, per folder (realpath), shared by every store on that folder. */
const queues = new Map<string, Promise<void>>();

function enqueue<T>(key: string, task: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const run = prev.then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

function statOrUndefined(path: string): Stats | undefined {
  return ioUnlessMissing("stat", path, () => statSync(path));
}

/** Reads a whole file through one descriptor (size from fstat, so a grown file is not half-read). */
function readWhole(path: string): { buf: Buffer; stats: Stats } | undefined {
  const fd = ioUnlessMissing("open", path, () => openSync(path, "r"));
  if (fd === undefined) return undefined;
  try {
    const stats = fstatSync(fd);
    const buf = Buffer.allocUnsafe(stats.size);
    let done = 0;
    while (done < buf.length) {
      const n = readSync(fd, buf, done, buf.length - done, done);
      if (n === 0) break;
      done += n;
    }
    return { buf: done === buf.length ? buf : buf.subarray(0, done), stats };
  } catch (e) {
    throw ioError("read", path, e);
  } finally {
    closeSync(fd);
  }
}

function indexBySession(records: readonly JsonObject[]): Map<string, JsonObject[]> {
  const index = new Map<string, JsonObject[]>();
  for (const r of records) addToIndex(index, r);
  return index;
}

function addToIndex(index: Map<string, JsonObject[]>, r: JsonObject): void {
  const sid = r.session_id;
  if (typeof sid !== "string") return;
  const list = index.get(sid);
  if (list) list.push(r);
  else index.set(sid, [r]);
}

/** Adds records to an index copy-on-write: lists already handed out never change. */
function extendIndex(index: Map<string, JsonObject[]>, added: readonly JsonValue[]): void {
  const grown = new Map<string, JsonObject[]>();
  for (const r of added) {
    if (!isJsonObject(r) || typeof r.session_id !== "string") continue;
    let list = grown.get(r.session_id);
    if (!list) {
      list = [...(index.get(r.session_id) ?? [])];
      grown.set(r.session_id, list);
    }
    list.push(r);
  }
  for (const [sid, list] of grown) index.set(sid, list);
}

/** The data folder's store. Open once per process (MCP server) or command (CLI). */
export class TrackerStore {
  /** Absolute path of the data folder. */
  readonly dir: string;
  private readonly key: string;
  private readonly lockTimeoutMs: number;
  private readonly onEvent: ((e: StorageEvent) => void) | undefined;
  private readonly now: () => Date;
  private readonly hook: (step: string) => void;
  private readonly log: (line: string) => void;
  private readonly queued: CorruptFileMovedEvent[] = [];
  private journal: Journal = freshJournal();
  private txCounter = 0;
  private sessionsState: SessionsState | undefined;
  private readonly arrays = new Map<ArrayFileKind, ArrayState>();

  private constructor(dir: string, key: string, options: TrackerStoreOptions) {
    this.dir = dir;
    this.key = key;
    this.lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    this.onEvent = options.onEvent;
    this.now = options.now ?? (() => new Date());
    this.hook = options.commitHook ?? (() => {});
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /**
   * Opens (creating if needed) the data folder: the folder, `charts/`, the four files (`{}`/`[]`)
   * and the journal; finishes or undoes a commit a crashed writer left behind.
   * @throws TrackerError("io") when the folder cannot be created or written; ("lock_timeout").
   */
  static async open(dir: string, options: TrackerStoreOptions = {}): Promise<TrackerStore> {
    const abs = resolve(dir);
    io("create the folder", abs, () => mkdirSync(join(abs, "charts"), { recursive: true }));
    const key = io("resolve", abs, () => realpathSync(abs));
    const store = new TrackerStore(abs, key, options);
    await store.locked((lock) => store.initialize(lock));
    return store;
  }

  /**
   * Runs `fn` inside a transaction holding the folder lock and commits its writes durably before
   * resolving. If `fn` throws, nothing is written and the error propagates. Called from inside
   * another transaction's callback (same folder), it joins that transaction.
   * @throws TrackerError("lock_timeout" | "io")
   */
  transaction<T>(fn: (tx: StoreTransaction) => T | Promise<T>): Promise<T> {
    const outer = activeTx.getStore();
    if (outer && outer.key === this.key && !outer.tx.finished) {
      try {
        return Promise.resolve(fn(outer.tx));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.locked(async () => {
      const tx = this.begin();
      try {
        const result = await activeTx.run({ key: this.key, tx }, () => fn(tx));
        this.commit(tx);
        return result;
      } finally {
        tx.finished = true;
      }
    });
  }

  /** Returns and clears the queued notices for the user (files moved aside as corrupt). */
  drainEvents(): CorruptFileMovedEvent[] {
    return this.queued.splice(0);
  }

  private async locked<T>(fn: (lock: HeldLock) => Promise<T> | T): Promise<T> {
    return enqueue(this.key, async () => {
      const lock = await acquireFolderLock(this.dir, {
        timeoutMs: this.lockTimeoutMs,
        log: this.log,
        onStaleLockRemoved: (holder, lockPath) =>
          this.emit({ kind: "stale_lock_removed", lockPath, ...(holder ? { holder } : {}) }),
      });
      try {
        return await fn(lock);
      } finally {
        try {
          lock.release();
        } catch (e) {
          // The transaction's outcome stands; a lock we could not delete is recovered as stale later.
          this.log(`ai-session-tracker: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    });
  }

  private emit(e: StorageEvent): void {
    if (e.kind === "corrupt_file_moved") this.queued.push(e);
    this.onEvent?.(e);
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  private initialize(lock: HeldLock): void {
    this.begin().finished = true;
    for (const [kind, name] of Object.entries(TRACKER_FILES)) {
      const p = this.path(name);
      if (!existsSync(p)) atomicWriteFile(p, this.dir, [Buffer.from(kind === "sessions" ? "{}" : "[]")]);
    }
    // Temp files only live while their writer holds the lock, and begin() already resolved any
    // pending commit, so whatever is left now is garbage from a crash.
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch {
      // listing is only for clean-up
    }
    const fileNames: string[] = Object.values(TRACKER_FILES);
    for (const n of names) {
      const at = n.indexOf(TEMP_INFIX);
      if (at > 0 && fileNames.includes(n.slice(0, at))) removeQuietly(this.path(n));
    }
    cleanLockLeftovers(this.dir, lock.token);
  }

  /** Starts a transaction: journal check and recovery. Must hold the lock. */
  private begin(): Transaction {
    this.txCounter++;
    let j = readJournal(this.dir);
    if (j === undefined) {
      // Missing or cut mid-write (before any data was touched or after all of it): start a new
      // epoch so that every process drops its caches.
      j = freshJournal();
      writeJournal(this.dir, j, true);
    } else if (j.pending) {
      const { outcome, files } = recoverPending(this.dir, j.pending);
      j.pending = undefined;
      for (const f of files) j.gens[f] = (j.gens[f] ?? 0) + 1;
      writeJournal(this.dir, j, true);
      this.log(
        `ai-session-tracker: an interrupted write in ${this.dir} was ${outcome === "rolled_back" ? "undone" : "completed"} (${files.join(", ") || "no file changed"})`,
      );
      this.emit({ kind: "journal_recovered", outcome, files });
    }
    this.journal = j;
    return new Transaction(this, this.txCounter);
  }

  private genOf(name: string): string {
    return `${this.journal.epoch}:${this.journal.gens[name] ?? 0}`;
  }

  // ---- loading -------------------------------------------------------------------------------

  /** @internal */
  loadSessions(txNo: number): SessionsState {
    const s = this.sessionsState;
    if (s && s.checkedTx === txNo) return s;
    const name = TRACKER_FILES.sessions;
    const p = this.path(name);
    const gen = this.genOf(name);
    const st = statOrUndefined(p);
    if (s && s.gen === gen && (st ? sameIdentity(identityOf(st), s.identity) : s.identity === undefined)) {
      s.checkedTx = txNo;
      return s;
    }
    let fresh: SessionsState = {
      entries: new Map(),
      view: undefined,
      identity: undefined,
      exact: false,
      size: 0,
      gen,
      checkedTx: txNo,
    };
    const read = readWhole(p);
    if (read) {
      // The previous entries let an unchanged session be reused without parsing (and keep its
      // object identity, which downstream memoisation relies on).
      const parsed = parseSessionsBuffer(read.buf, s?.entries);
      if (parsed.ok) {
        fresh = {
          entries: parsed.entries,
          view: undefined,
          identity: identityOf(read.stats),
          exact: parsed.exact,
          size: read.buf.length,
          gen,
          checkedTx: txNo,
        };
      } else {
        fresh.exact = true;
        fresh.size = 2;
        fresh.identity = identityOf(this.quarantine(name, parsed.reason, "{}"));
        fresh.gen = this.genOf(name);
      }
    }
    this.sessionsState = fresh;
    return fresh;
  }

  /** @internal */
  loadArray(kind: ArrayFileKind, txNo: number): ArrayState {
    const s = this.arrays.get(kind);
    if (s && s.checkedTx === txNo) return s;
    const name = TRACKER_FILES[kind];
    const p = this.path(name);
    const gen = this.genOf(name);
    const st = statOrUndefined(p);
    if (s && st && s.identity) {
      const id = identityOf(st);
      if (s.gen === gen && sameIdentity(id, s.identity)) {
        s.checkedTx = txNo;
        return s;
      }
      if (id.dev === s.identity.dev && id.ino === s.identity.ino && id.size > s.content.size) {
        const tail = readAppendedTail(p, s.content);
        if (tail && tail.content.size === id.size) {
          if (s.index) extendIndex(s.index, tail.added);
          s.content = tail.content;
          s.identity = id;
          s.gen = gen;
          s.checkedTx = txNo;
          return s;
        }
      }
    } else if (s && !st && !s.identity && s.gen === gen) {
      s.checkedTx = txNo;
      return s;
    }
    const fresh: ArrayState = {
      content: EMPTY_ARRAY,
      identity: undefined,
      gen,
      checkedTx: txNo,
      index: undefined,
    };
    const read = readWhole(p);
    if (read) {
      const parsed = parseArrayBuffer(read.buf, kind);
      if (parsed.ok) {
        fresh.content = parsed.content;
        fresh.identity = identityOf(read.stats);
      } else {
        fresh.identity = identityOf(this.quarantine(name, parsed.reason, "[]"));
        fresh.gen = this.genOf(name);
      }
    }
    this.arrays.set(kind, fresh);
    return fresh;
  }

  /** @internal records of `kind` for one session, from the lazily built index. */
  indexed(kind: ArrayFileKind, txNo: number, sessionId: string): readonly JsonObject[] {
    const s = this.loadArray(kind, txNo);
    if (!s.index) s.index = indexBySession(s.content.records);
    return s.index.get(sessionId) ?? [];
  }

  /** Renames a damaged file aside, starts an empty one, reports it. Must hold the lock. */
  private quarantine(name: string, reason: string, empty: string): Stats {
    const p = this.path(name);
    const base = `${p}.corrupt-${utcStamp(this.now())}`;
    let movedTo = base;
    for (let n = 2; existsSync(movedTo); n++) movedTo = `${base}-${n}`;
    io("move the damaged file aside to", movedTo, () => renameSync(p, movedTo));
    const stats = atomicWriteFile(p, this.dir, [Buffer.from(empty, "latin1")]);
    this.journal.gens[name] = (this.journal.gens[name] ?? 0) + 1;
    writeJournal(this.dir, this.journal, false);
    this.log(
      `ai-session-tracker: ${p} could not be read (${reason}); kept it as ${movedTo} and started a fresh file`,
    );
    this.emit({ kind: "corrupt_file_moved", file: p, movedTo, reason });
    return stats;
  }

  // ---- commit --------------------------------------------------------------------------------

  private commit(tx: Transaction): void {
    const appendKinds = ARRAY_KINDS.filter((k) => tx.pendingAppends.get(k)?.length);
    if (tx.puts.size === 0 && appendKinds.length === 0) return;

    const j: Journal = { v: 1, epoch: this.journal.epoch, gens: { ...this.journal.gens } };
    const bump = (name: string) => {
      j.gens[name] = (j.gens[name] ?? 0) + 1;
    };
    const temps: Array<{ temp: TempFile; apply: () => void }> = [];
    const patches: Array<{ meta: PendingPatch; bytes: Buffer; apply: (st: Stats) => void }> = [];
    const patchMeta = (
      file: string,
      offset: number,
      original: Buffer | string,
      bytes: Buffer,
    ): PendingPatch => ({
      file,
      offset,
      original: typeof original === "string" ? original : original.toString("latin1"),
      newLength: offset + bytes.length,
      sha256: sha256(bytes),
    });
    let intentWritten = false;
    try {
      if (tx.puts.size > 0) {
        const name = TRACKER_FILES.sessions;
        const s = this.loadSessions(tx.no);
        const entries = new Map(s.entries);
        for (const [id, e] of tx.puts) {
          entries.set(id, e);
        }
        bump(name);
        const nextState = (identity: FileIdentity, size: number): SessionsState => ({
          entries,
          view: undefined,
          identity,
          exact: true,
          size,
          gen: `${j.epoch}:${j.gens[name]}`,
          checkedTx: tx.no,
        });
        // Sessions being written are nearly always the recent ones at the end of the file: rewrite
        // just the tail in place (journaled like an append) when that is small; else the whole file.
        const patch = s.identity && s.exact ? planSessionsPatch(s.entries, entries) : undefined;
        if (patch && patch.original.length <= Math.max(MIN_PATCH_LIMIT, s.size / 8)) {
          patches.push({
            meta: patchMeta(name, patch.offset, patch.original, patch.bytes),
            bytes: patch.bytes,
            apply: (st) => {
              this.sessionsState = nextState(identityOf(st), st.size);
            },
          });
        } else {
          const temp = writeTempFile(this.path(name), [buildSessionsFile(entries)]);
          temps.push({
            temp,
            apply: () => {
              this.sessionsState = nextState(identityOf(temp.stats), temp.stats.size);
            },
          });
        }
      }
      for (const kind of appendKinds) {
        const name = TRACKER_FILES[kind];
        const added = tx.pendingAppends.get(kind) ?? [];
        const s = this.loadArray(kind, tx.no);
        bump(name);
        const gen = () => `${j.epoch}:${j.gens[name]}`;
        const layout = s.content.layout;
        if (s.identity && (layout === "ours" || layout === "empty")) {
          const patch = appendPatch(layout, s.content.size, added.map(serializeElement));
          patches.push({
            meta: patchMeta(name, patch.offset, patch.original, patch.bytes),
            bytes: patch.bytes,
            apply: (st) => {
              if (s.index) extendIndex(s.index, added);
              s.content = contentAfterAppend(s.content, added, patch.bytes);
              s.identity = identityOf(st);
              s.gen = gen();
            },
          });
        } else {
          // Missing file or not in our layout: one atomic rewrite puts it in our layout.
          const values = s.content.values.concat(added);
          const buf = buildArrayFile(values);
          const temp = writeTempFile(this.path(name), [buf]);
          temps.push({
            temp,
            apply: () => {
              if (s.index) extendIndex(s.index, added);
              s.content = contentOfWholeFile(values, buf);
              s.identity = identityOf(temp.stats);
              s.gen = gen();
            },
          });
        }
      }

      // Intent first (fsynced) when a crash could leave a half-done commit behind; the generation
      // bump goes out before the data in every case, so other processes never trust a stale cache.
      const needsIntent = patches.length > 0 || temps.length > 1;
      if (needsIntent) {
        j.pending = {
          patches: patches.map((a) => a.meta),
          renames: temps.map((t) => ({ file: basename(t.temp.target), temp: basename(t.temp.tempPath) })),
        };
      }
      writeJournal(this.dir, j, needsIntent);
      intentWritten = true;
      this.hook("intent");

      const applied: Array<() => void> = [];
      for (const a of patches) {
        const p = this.path(a.meta.file);
        const fd = io("open", p, () => openSync(p, "r+"));
        try {
          writeAllSync(fd, a.bytes, a.meta.offset);
          // a sessions tail can get shorter; an append never does
          if (fstatSync(fd).size > a.meta.newLength) ftruncateSync(fd, a.meta.newLength);
          fsyncSync(fd);
          const st = fstatSync(fd);
          applied.push(() => a.apply(st));
          this.hook(`write:${a.meta.file}`);
        } catch (e) {
          throw ioError("write to", p, e);
        } finally {
          closeSync(fd);
        }
      }
      for (const t of temps) {
        commitTempFile(t.temp);
        applied.push(t.apply);
        this.hook(`rename:${basename(t.temp.target)}`);
      }
      if (temps.length > 0) fsyncDir(this.dir);
      if (needsIntent) {
        j.pending = undefined;
        writeJournal(this.dir, j, false);
      }
      this.journal = j;
      for (const f of applied) f();
    } catch (e) {
      if (!intentWritten) {
        for (const t of temps) removeQuietly(t.temp.tempPath);
      }
      // Disk and cache may now disagree (a pending intent is resolved by the next transaction,
      // in this process or another): forget every cached file.
      this.sessionsState = undefined;
      this.arrays.clear();
      throw e;
    }
  }
}

/** One transaction's view: the cached files plus its own buffered writes. */
class Transaction implements StoreTransaction {
  finished = false;
  readonly puts = new Map<string, SessionEntry & { value: JsonObject }>();
  readonly pendingAppends = new Map<ArrayFileKind, JsonObject[]>();

  constructor(
    private readonly store: TrackerStore,
    readonly no: number,
  ) {}

  private live(): void {
    if (this.finished)
      throw new Error("This tracker transaction has already finished; use it only inside its callback.");
  }

  sessions(): ReadonlyMap<string, JsonObject> {
    this.live();
    const state = this.store.loadSessions(this.no);
    state.view ??= sessionsView(state.entries);
    const view = state.view;
    if (this.puts.size === 0) return view;
    const merged = new Map(view);
    for (const [id, e] of this.puts) merged.set(id, e.value);
    return merged;
  }

  getSession(id: string): JsonObject | undefined {
    this.live();
    const put = this.puts.get(id);
    if (put) return put.value;
    const value = this.store.loadSessions(this.no).entries.get(id)?.value;
    return isJsonObject(value) ? value : undefined;
  }

  putSession(id: string, record: JsonObject): void {
    this.live();
    const value = jsonClone(record);
    if (!isJsonObject(value)) throw new TypeError("putSession expects a JSON object");
    deepFreeze(value);
    this.store.loadSessions(this.no); // a commit needs the current file; load (or quarantine) it now
    this.puts.set(id, { value, frag: serializeSessionEntry(id, value) });
  }

  private all(kind: ArrayFileKind): readonly JsonObject[] {
    this.live();
    const records = this.store.loadArray(kind, this.no).content.records;
    const pending = this.pendingAppends.get(kind);
    return pending?.length ? records.concat(pending) : records;
  }

  private forSession(kind: ArrayFileKind, sessionId: string): readonly JsonObject[] {
    this.live();
    const indexed = this.store.indexed(kind, this.no, sessionId);
    const pending = this.pendingAppends.get(kind)?.filter((r) => r.session_id === sessionId);
    return pending?.length ? indexed.concat(pending) : indexed;
  }

  private append(kind: ArrayFileKind, record: JsonObject): void {
    this.live();
    const value = jsonClone(record);
    if (!isJsonObject(value)) throw new TypeError(`append to ${kind} expects a JSON object`);
    deepFreeze(value);
    this.store.loadArray(kind, this.no);
    const list = this.pendingAppends.get(kind);
    if (list) list.push(value);
    else this.pendingAppends.set(kind, [value]);
  }

  // One named accessor per kind and operation: the transaction's API for the services (alike by design).
  interactions(): readonly JsonObject[] {
    return this.all("interactions");
  }
  interactionsForSession(sessionId: string): readonly JsonObject[] {
    return this.forSession("interactions", sessionId);
  }
  appendInteraction(record: JsonObject): void {
    this.append("interactions", record);
  }
  issues(): readonly JsonObject[] {
    return this.all("issues");
  }
  issuesForSession(sessionId: string): readonly JsonObject[] {
    return this.forSession("issues", sessionId);
  }
  appendIssue(record: JsonObject): void {
    this.append("issues", record);
  }
  requests(): readonly JsonObject[] {
    return this.all("requests");
  }
  appendRequest(record: JsonObject): void {
    this.append("requests", record);
  }
}
