/**
 * Validators of an `/api/v1` read (ETag / Last-Modified) and the `If-None-Match` check. A read's body is a
 * function of the data version (lib/queries/memo.ts: every committed write, ingest and settings alike),
 * the settings in force, who asks (role, data scope, token scopes), the URL, and the request minute
 * (rolling windows end at the request time rounded up to the minute, lib/filters.ts quantizeNow). The
 * ETag hashes exactly those, so it can be answered before any figure is computed.
 */
import { createHash } from "node:crypto";

/** What a read's body depends on. */
export interface ReadInputs {
  dataVersion: string;
  settings: unknown;
  principal: { userId: number; role: string; developers: string[] | null; scopes: readonly string[] };
  /** Path and query of the request. */
  url: string;
  /** The request time rounded up to the minute (epoch ms). */
  minuteMs: number;
}

/** A weak ETag (`W/"…"`) of a read: equal inputs, equal body. */
export function readEtag(inputs: ReadInputs): string {
  const { userId, role, developers, scopes } = inputs.principal;
  const key = JSON.stringify([
    inputs.dataVersion,
    inputs.settings,
    [userId, role, developers, [...scopes].sort()],
    inputs.url,
    inputs.minuteMs,
  ]);
  return `W/"${createHash("sha256").update(key).digest("base64url").slice(0, 32)}"`;
}

/** True when an `If-None-Match` header value lists `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, "");
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => opaque(t) === opaque(etag));
}

let seen = { version: "", atMs: 0 };

/**
 * When this process first saw the data version `version` (epoch ms): the `Last-Modified` of a read. A
 * restart starts it again at the restart time, which only makes clients re-fetch once.
 */
export function versionSeenAt(version: string, nowMs: number): number {
  if (seen.version !== version) seen = { version, atMs: nowMs };
  return seen.atMs;
}
