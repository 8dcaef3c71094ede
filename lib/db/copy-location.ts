/**
 * The two ends of `npm run db:copy` (lib/db/copy.ts): parsing `--from` / `--to`, printing them without
 * the password, and opening them — the source read-only and never migrated, the target migrated — with
 * failures turned into PortalErrors a person can act on (never a stack, never the password).
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { PortalError } from "@/lib/errors";
import { openDb } from "./client";
import type { StoreLocation } from "./open-store";
import { openPgStore } from "./pg-store";
import { storeOf } from "./sqlite-store";
import type { Store } from "./store";

/** How a location is written on the command line. */
export const LOCATION_HINT = "sqlite:<path to the .db file> or postgres://user@host:5432/database";

/**
 * The location `text` names: `sqlite:<path>` (relative to the working folder) or a `postgres://` /
 * `postgresql://` URL. Throws `bad_request` (naming `flag`, never echoing a password) otherwise.
 */
export function parseCopyLocation(text: string, flag: string): StoreLocation {
  if (text.startsWith("sqlite:")) {
    const file = text.slice("sqlite:".length);
    if (file === "" || file === ":memory:")
      throw new PortalError("bad_request", `${flag}: sqlite: needs a file path (${LOCATION_HINT})`);
    return { engine: "sqlite", path: path.resolve(file) };
  }
  if (/^postgres(ql)?:\/\//.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new PortalError("bad_request", `${flag}: not a valid PostgreSQL URL (${LOCATION_HINT})`);
    }
    if (url.hostname === "" || url.pathname.length <= 1)
      throw new PortalError(
        "bad_request",
        `${flag}: the PostgreSQL URL needs a host and a database name (${LOCATION_HINT})`,
      );
    return { engine: "postgres", url: text };
  }
  throw new PortalError("bad_request", `${flag}: expected ${LOCATION_HINT}`);
}

/** The location for people: the SQLite path, or the URL with its password replaced by `***`. */
export function describeLocation(location: StoreLocation): string {
  if (location.engine === "sqlite") return `sqlite:${location.path}`;
  const url = new URL(location.url);
  if (url.password) url.password = "***";
  return url.toString();
}

/** `message` with the location's password (if any) blotted out, for anything a driver says. */
export function scrubPassword(message: string, location: StoreLocation): string {
  if (location.engine !== "postgres") return message;
  const { password } = new URL(location.url);
  if (!password) return message;
  let out = message;
  for (const p of new Set([password, decodeURIComponent(password)])) out = out.split(p).join("***");
  return out;
}

/** True when both locations are the same database (copying onto itself would empty the source). */
export function sameDatabase(a: StoreLocation, b: StoreLocation): boolean {
  if (a.engine === "sqlite" && b.engine === "sqlite") {
    const real = (p: string) => (existsSync(p) ? realpathSync(p) : p);
    return real(a.path) === real(b.path);
  }
  if (a.engine === "postgres" && b.engine === "postgres") {
    const key = (u: URL) => `${u.hostname}:${u.port || "5432"}${u.pathname}`;
    return key(new URL(a.url)) === key(new URL(b.url));
  }
  return false;
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: "connection refused (is the server running, on that host and port?)",
  ENOTFOUND: "unknown host",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ECONNRESET: "connection reset by the server",
  "28P01": "password authentication failed",
  "28000": "the server refused the sign-in",
  "3D000": "the database does not exist (create it first, e.g. `createdb <name>`)",
  "57P03": "the server is starting up or shutting down",
};

/**
 * A PortalError (`unavailable`) for an error from connecting to or talking with PostgreSQL at
 * `location`, or undefined when `e` is not a connection problem.
 */
export function connectionFailure(e: unknown, location: StoreLocation): PortalError | undefined {
  if (location.engine !== "postgres" || !(e instanceof Error)) return undefined;
  const code = (e as { code?: unknown }).code;
  const known = typeof code === "string" ? UNREACHABLE[code] : undefined;
  const lost =
    /Connection terminated|terminating connection|connection is closed|Client has encountered a connection error/i.test(
      e.message,
    ) ||
    (typeof code === "string" && (code.startsWith("08") || code === "57P01" || code === "57P02"));
  if (!known && !lost) return undefined;
  const reason = known ?? `the connection was lost (${scrubPassword(e.message, location)})`;
  return new PortalError("unavailable", `PostgreSQL at ${describeLocation(location)}: ${reason}`, {
    cause: e,
  });
}

/** Throws what `e` means for a person at `location`: an unreachable server, or `e` itself. */
function rethrow(e: unknown, location: StoreLocation): never {
  throw connectionFailure(e, location) ?? e;
}

/**
 * Opens the source read-only, without migrating it: a SQLite file (which must exist) or a PostgreSQL
 * database (reachable now). Throws `not_found` / `unavailable` PortalErrors.
 */
export async function openCopySource(location: StoreLocation): Promise<Store> {
  if (location.engine === "sqlite") {
    if (!existsSync(location.path) || !statSync(location.path).isFile())
      throw new PortalError("not_found", `no SQLite database at ${location.path}`);
    try {
      const store = storeOf(openDb(location.path, { readonly: true }));
      await store.get("SELECT count(*) AS n FROM sqlite_master");
      return store;
    } catch (e) {
      throw new PortalError("not_found", `${location.path} is not a SQLite database`, { cause: e });
    }
  }
  const store = await openPgStore(location.url, { migrate: false, maxConnections: 2 });
  try {
    await store.get("SELECT 1 AS ok");
    return store;
  } catch (e) {
    await store.close();
    rethrow(e, location);
  }
}

/**
 * Opens the target and brings its schema up to date (a new SQLite file is created; a PostgreSQL
 * database must exist). Throws an `unavailable` PortalError when the server cannot be reached.
 */
export async function openCopyTarget(location: StoreLocation): Promise<Store> {
  if (location.engine === "sqlite") return storeOf(openDb(location.path));
  try {
    return await openPgStore(location.url, { maxConnections: 2 });
  } catch (e) {
    rethrow(e, location);
  }
}
