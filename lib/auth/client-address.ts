/**
 * The client address of a sign-in attempt, for the per-address throttle and the audit line.
 *
 * next-auth 4 hands `authorize` the request headers only, not the socket. Next's server fills
 * `X-Forwarded-For` with the socket address when the request arrives without one, and a reverse proxy
 * appends the address it saw; so the right-most entry is the address of the nearest hop (the client when
 * there is no proxy, the proxy's peer behind one). Entries further left were written by the client and
 * are ignored. A client talking to the portal directly can still send its own header to get a fresh
 * per-address counter: the per-account limit is the one that cannot be sidestepped, the per-address limit
 * stops the common case of one host guessing many accounts.
 */

/** Longest IPv6 text form (with an IPv4 tail) is 45 characters. */
const ADDRESS_RE = /^[0-9A-Fa-f:.]{2,45}$/;

/** Right-most `X-Forwarded-For` entry when it looks like an IP address; null otherwise. */
export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string | null {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  if (typeof value !== "string") return null;
  const last = value.split(",").at(-1)?.trim() ?? "";
  return ADDRESS_RE.test(last) ? last : null;
}
