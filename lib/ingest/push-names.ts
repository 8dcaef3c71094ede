/**
 * Names of pushed sources (POST /api/v1/ingest): where a push is stored and which developer and project
 * names a push may use. A pushed source has no folder, so its path is `push://<developer>[/<project>]`,
 * which no path below the root can spell (a folder name holds no "/").
 */
import { SKIP_DIRS } from "./discover";
import { classifyFileName } from "./file-names";

/** Prefix of every pushed source's and file's `rel_path`. */
export const PUSH_PREFIX = "push://";

/** Longest developer or project name a push may use (bytes of UTF-8, a file system's name limit). */
export const MAX_NAME_BYTES = 255;

/**
 * Why `name` cannot be a developer (or project) folder name, or null when it can: one path segment a
 * scan of the root would also accept as a folder — not empty, no "/", "\\" or control characters, not
 * "." or ".." or hidden, no surrounding blanks, not a folder the walk never enters (`.git`,
 * `node_modules`, trash…) nor one named like a tracker file (never walked).
 */
export function folderNameProblem(name: string): string | null {
  if (name.length === 0) return "is empty";
  if (Buffer.byteLength(name, "utf8") > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
  if (/[/\\]/.test(name)) return "must be one folder name (no / or \\)";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return "contains control characters";
  if (name.startsWith(".")) return "must not start with a dot";
  if (name.trim() !== name) return "must not start or end with a blank";
  if (SKIP_DIRS.has(name.toLowerCase()) || classifyFileName(name)) return "is a name the ingest never reads";
  return null;
}

/** `rel_path` of the pushed source of `developer` (and `project`). */
export function pushSourcePath(developer: string, project: string | null): string {
  return `${PUSH_PREFIX}${developer}${project === null ? "" : `/${project}`}`;
}
