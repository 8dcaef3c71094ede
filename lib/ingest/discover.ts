/**
 * Discover: walks the shared root and lists the tracker files (and their conflict copies) with size and
 * mtime — nothing else is opened. Breadth-first, a bounded number of directory reads in flight, symlinks
 * followed after the real tree (so a link never steals a folder from its real owner) with loop protection
 * by real path.
 */
import {
  type Dirent,
  lstat as lstatCb,
  readdir as readdirCb,
  realpath as realpathCb,
  type Stats,
  stat as statCb,
} from "node:fs";
import path from "node:path";
import { classifyFileName, isSystemFileName, type TrackerFileName } from "./file-names";
import { makeLimiter, mapLimit } from "./pool";
import { isInsideRoots, OUTSIDE_ROOT_ERROR } from "./read-file";

/** A tracker file found below the root. */
export interface DiscoveredFile extends TrackerFileName {
  absPath: string;
  /** Path relative to the root, `/`-separated. */
  relPath: string;
  /** Relative path of the folder holding it (the source). */
  dirRelPath: string;
  /** First path segment below the root (the root's own name for files directly in the root). */
  developer: string;
  /** Source path below the developer folder ("" when the files sit in the developer folder itself). */
  subPath: string;
  name: string;
  size: number;
  mtimeMs: number;
  /**
   * Set when the file must not be read (a link to a file outside the data root): the reason, recorded as
   * the file's error. Size and mtime are then the link's own.
   */
  refused?: string;
}

/** Result of one walk. */
export interface DiscoverResult {
  root: string;
  /** False when the root itself could not be listed: the caller must then not remove anything. */
  rootOk: boolean;
  rootError: string | null;
  files: DiscoveredFile[];
  /** Folders (relative paths) that could not be listed: files last seen below them are kept. */
  failedDirs: { relPath: string; error: string }[];
  /** Tracker-named entries that could not be stat'ed (kept, like failed folders). */
  failedFiles: { relPath: string; error: string }[];
  /** Symlinks not followed (loop, already visited through another path, outside the roots, dangling). */
  skippedLinks: { relPath: string; reason: string }[];
  /** Symlinked folders followed, with their real paths (the watcher watches those separately). */
  followedLinks: { relPath: string; realPath: string }[];
  /** Real paths files may be read from: the root's, then the extra roots' that exist. */
  allowedRoots: string[];
}

/** Options of {@link discover}. */
export interface DiscoverOptions {
  /** Directory reads in flight at once (default 8). */
  concurrency?: number;
  /** Deepest folder level below the root that is read (default 12). */
  maxDepth?: number;
  /**
   * Folders outside the root that links may point into (PORTAL_INGEST_EXTRA_ROOTS). Links to anything
   * else outside the root are not followed: a file link is listed with `refused`, a folder link skipped.
   */
  extraRoots?: readonly string[];
}

// Folders that never hold tracker data but can be huge (VCS metadata, sync-client caches, trash).
/** Folder names never descended into (VCS metadata, sync-client caches, trash). */
export const SKIP_DIRS: ReadonlySet<string> = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  ".stversions",
  ".stfolder",
  ".dropbox.cache",
  "$recycle.bin",
  ".trash",
  ".trashes",
  ".tmp.drivedownload",
  ".tmp.driveupload",
  "system volume information",
]);

// Callback-API wrappers: about twice as fast as fs.promises per call (no FileHandle/promise machinery in
// libuv's path), which is most of a no-change rescan's time; still async, so the server's event loop
// is never blocked by a slow network share.
const fs = {
  readdir: (p: string) =>
    new Promise<Dirent[]>((resolve, reject) =>
      readdirCb(p, { withFileTypes: true }, (e, entries) => (e ? reject(e) : resolve(entries))),
    ),
  stat: (p: string) =>
    new Promise<Stats>((resolve, reject) => statCb(p, (e, st) => (e ? reject(e) : resolve(st)))),
  lstat: (p: string) =>
    new Promise<Stats>((resolve, reject) => lstatCb(p, (e, st) => (e ? reject(e) : resolve(st)))),
  realpath: (p: string) =>
    new Promise<string>((resolve, reject) => realpathCb(p, (e, real) => (e ? reject(e) : resolve(real)))),
};

interface DirTask {
  abs: string;
  rel: string;
  real: string;
  depth: number;
}

/** Walks `root` and returns the tracker files below it. Never throws for file-system errors. */
export async function discover(root: string, options: DiscoverOptions = {}): Promise<DiscoverResult> {
  const concurrency = options.concurrency ?? 8;
  const maxDepth = options.maxDepth ?? 12;
  const absRoot = path.resolve(root);
  const rootName = path.basename(absRoot);
  const result: DiscoverResult = {
    root: absRoot,
    rootOk: true,
    rootError: null,
    files: [],
    failedDirs: [],
    failedFiles: [],
    skippedLinks: [],
    followedLinks: [],
    allowedRoots: [],
  };

  let rootReal: string;
  try {
    rootReal = await fs.realpath(absRoot);
    const st = await fs.stat(rootReal);
    if (!st.isDirectory()) throw new Error("not a directory");
  } catch (e) {
    result.rootOk = false;
    result.rootError = `root ${absRoot} is not readable: ${errText(e)}`;
    return result;
  }

  // The real paths links may lead into: the root and the extra roots that exist.
  const allowedRoots = [rootReal];
  for (const extra of options.extraRoots ?? []) {
    const real = await fs.realpath(path.resolve(extra)).catch(() => null);
    if (real !== null) allowedRoots.push(real);
  }
  result.allowedRoots = allowedRoots;

  const visited = new Set<string>([rootReal]);
  const deferredLinks: DirTask[] = [];
  let level: DirTask[] = [{ abs: absRoot, rel: "", real: rootReal, depth: 0 }];

  const readDir = async (task: DirTask): Promise<DirTask[]> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(task.abs);
    } catch (e) {
      if (task.rel === "") {
        result.rootOk = false;
        result.rootError = `root ${absRoot} is not readable: ${errText(e)}`;
      } else result.failedDirs.push({ relPath: task.rel, error: errText(e) });
      return [];
    }
    const children: DirTask[] = [];
    const fileEntries: { name: string; abs: string; rel: string; info: TrackerFileName; link: boolean }[] =
      [];
    for (const entry of entries) {
      const name = entry.name;
      // Plain concatenation: both parts are already normal (path.join re-normalises every time).
      const abs = task.abs + path.sep + name;
      const rel = task.rel === "" ? name : `${task.rel}/${name}`;
      if (entry.isDirectory()) {
        // A folder with a tracker file's name is never a source folder (and the watcher ignores it).
        if (task.depth >= maxDepth || SKIP_DIRS.has(name.toLowerCase()) || classifyFileName(name)) continue;
        const real = task.real + path.sep + name;
        if (visited.has(real)) continue;
        visited.add(real);
        children.push({ abs, rel, real, depth: task.depth + 1 });
      } else if (entry.isSymbolicLink()) {
        if (isSystemFileName(name)) continue;
        const info = classifyFileName(name);
        if (info) fileEntries.push({ name, abs, rel, info, link: true });
        else if (task.depth < maxDepth) deferredLinks.push({ abs, rel, real: "", depth: task.depth + 1 });
      } else if (entry.isFile()) {
        if (isSystemFileName(name)) continue;
        const info = classifyFileName(name);
        if (info) fileEntries.push({ name, abs, rel, info, link: false });
      }
      // FIFOs, sockets and devices are never opened, whatever their name.
    }
    const files = await mapLimit(fileEntries, concurrency, async (f) => {
      try {
        if (f.link) {
          // Where the link really leads; a target outside the roots is listed (so the refusal is recorded
          // and shown) with the link's own size/mtime, and never stat'ed or opened.
          const real = await fs.realpath(f.abs);
          if (!isInsideRoots(real, allowedRoots)) {
            const own = await fs.lstat(f.abs);
            const file = toFile(f.abs, f.rel, task.rel, f.name, f.info, own.size, own.mtimeMs);
            file.refused = OUTSIDE_ROOT_ERROR;
            return file;
          }
        }
        const st = await fs.stat(f.abs);
        if (!st.isFile()) return null;
        return toFile(f.abs, f.rel, task.rel, f.name, f.info, st.size, st.mtimeMs);
      } catch (e) {
        if (errCode(e) !== "ENOENT") result.failedFiles.push({ relPath: f.rel, error: errText(e) });
        return null;
      }
    });
    for (const f of files) if (f) result.files.push(f);
    return children;
  };

  const toFile = (
    absPath: string,
    relPath: string,
    dirRelPath: string,
    name: string,
    info: TrackerFileName,
    size: number,
    mtimeMs: number,
  ): DiscoveredFile => {
    const segments = dirRelPath === "" ? [] : dirRelPath.split("/");
    return {
      ...info,
      absPath,
      relPath,
      dirRelPath,
      developer: segments[0] ?? rootName,
      subPath: segments.slice(1).join("/"),
      name,
      size,
      mtimeMs: Math.trunc(mtimeMs),
    };
  };

  // Depth-first fan-out without level barriers: a folder's children start as soon as it is listed. The
  // limiter bounds the directory reads in flight (each with at most `concurrency` stats), so the pending
  // promises track the tree but the open handles never exceed concurrency².
  const limit = makeLimiter(concurrency);
  const visit = async (task: DirTask): Promise<void> => {
    const children = await limit(() => readDir(task));
    await Promise.all(children.map(visit));
  };
  const walk = async (start: DirTask[]) => {
    await Promise.all(start.map(visit));
  };

  await walk(level);
  if (!result.rootOk) return result;
  // Symlinked folders after the real tree: a link to a folder already walked is a duplicate or a loop.
  while (deferredLinks.length > 0) {
    level = [];
    for (const link of deferredLinks.splice(0)) {
      try {
        const real = await fs.realpath(link.abs);
        const st = await fs.stat(real);
        if (!st.isDirectory()) continue;
        if (isInside(real, visited)) {
          result.skippedLinks.push({ relPath: link.rel, reason: `already visited as ${real}` });
          continue;
        }
        if (isInside(rootReal, new Set([real]))) {
          // A link to an ancestor of the root would walk the whole parent tree (and loop back).
          result.skippedLinks.push({
            relPath: link.rel,
            reason: `points to an ancestor of the root (${real})`,
          });
          continue;
        }
        if (!isInsideRoots(real, allowedRoots)) {
          result.skippedLinks.push({
            relPath: link.rel,
            reason: "points outside the data root (allow it with PORTAL_INGEST_EXTRA_ROOTS)",
          });
          continue;
        }
        visited.add(real);
        result.followedLinks.push({ relPath: link.rel, realPath: real });
        level.push({ ...link, real });
      } catch (e) {
        result.skippedLinks.push({ relPath: link.rel, reason: `dangling: ${errText(e)}` });
      }
    }
    await walk(level);
  }
  result.files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return result;
}

// A link into a folder at or below one already walked is a duplicate or a loop (the real walk covers
// everything below a visited folder except skipped ones); only links to folders outside are new.
function isInside(real: string, folders: ReadonlySet<string>): boolean {
  for (const v of folders) {
    if (real === v || real.startsWith(v.endsWith(path.sep) ? v : v + path.sep)) return true;
  }
  return false;
}

function errCode(e: unknown): string | undefined {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

function errText(e: unknown): string {
  const code = errCode(e);
  const msg = e instanceof Error ? e.message : String(e);
  return code ? `${code}: ${msg}` : msg;
}
