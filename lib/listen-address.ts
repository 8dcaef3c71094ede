/**
 * Which address `npm start` binds and the line it prints about it. `next start` alone binds every
 * interface; the portal binds loopback when its public URL is this machine (the demo, a personal
 * dashboard), since nobody else could sign in through a `localhost` URL anyway, and every interface
 * when people open it by another name. `PORTAL_HOST` overrides both.
 */

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const ALL_INTERFACES = new Set(["0.0.0.0", "::", "[::]"]);

/** The bind address for `next start -H` from the portal env. */
export function resolveListenHost(env: { NEXTAUTH_URL: string; PORTAL_HOST?: string | undefined }): string {
  if (env.PORTAL_HOST) return env.PORTAL_HOST;
  return LOOPBACK_NAMES.has(new URL(env.NEXTAUTH_URL).hostname) ? "127.0.0.1" : "0.0.0.0";
}

/** The port served: the public URL's, else 3000 (behind a reverse proxy the URL often has none). */
export function listenPort(publicUrl: string): string {
  return new URL(publicUrl).port || "3000";
}

/** "Portal listening on <public URL> (bound to <address>:<port>, <what that means>)". */
export function listeningLine(publicUrl: string, host: string, port = listenPort(publicUrl)): string {
  const scope = ALL_INTERFACES.has(host)
    ? ", all interfaces"
    : host === "127.0.0.1" || host === "::1" || host === "localhost"
      ? ", this machine only"
      : "";
  return `Portal listening on ${publicUrl.replace(/\/$/, "")} (bound to ${host}:${port}${scope})`;
}
