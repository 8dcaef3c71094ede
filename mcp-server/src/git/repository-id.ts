/**
 * A stable repository id from a remote URL: the same repository gives the same id from every clone,
 * whatever the protocol, and no credential ever reaches the (shared) data folder.
 */

/**
 * `host/path` of a remote URL, without user, password, port, a trailing `/` or `.git`; the host is
 * lower-cased (paths stay as written). `https://tok@GitHub.com/acme/api.git`, `git@github.com:acme/api`
 * and `ssh://git@github.com:22/acme/api.git` all give `github.com/acme/api`. A local path gives the
 * path itself; a `file://` URL its path. Returns null for an empty URL.
 */
export function normalizeRemoteUrl(url: string): string | null {
  const raw = url.trim();
  if (raw === "") return null;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw);
  if (scheme) {
    if (scheme[1]?.toLowerCase() === "file") return trimRepoPath(raw.slice(scheme[0].length));
    try {
      const u = new URL(raw);
      return trimRepoPath(`${u.hostname.toLowerCase()}${decodeURIComponent(u.pathname)}`);
    } catch {
      // Not a URL after all (a stray "://" in a path): fall through, drop anything before an "@".
    }
  }
  // scp-like `[user@]host:path` — a ':' before any '/' (a Windows drive letter `C:` is a path).
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/\/)(.+)$/.exec(raw);
  if (scp?.[1] && scp[2] && scp[1].length > 1) return trimRepoPath(`${scp[1].toLowerCase()}/${scp[2]}`);
  return trimRepoPath(raw.replace(/^[^/@]*@/, ""));
}

function trimRepoPath(path: string): string {
  return path
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .replace(/\/+$/, "");
}
