/**
 * Cross-site write protection for the JSON API. A browser attaches the session cookie to requests any
 * site triggers, and a `text/plain` POST needs no CORS preflight; so a cookie-authenticated write is
 * accepted only when the browser says it comes from the portal itself (`Origin` equal to the portal's
 * origin, or — for browsers that omit `Origin` — `Sec-Fetch-Site: same-origin`), and a request body must
 * be declared JSON (which a cross-site form or `no-cors` fetch cannot send). Bearer-token calls come from
 * scripts, not browsers, so the origin rule does not apply to them; the JSON rule does.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a write was refused (a user-safe message), or null when it may proceed. */
export function writeRefusal(
  request: { method: string; headers: Headers },
  opts: { portalOrigin: string; bearer: boolean },
): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const h = request.headers;
  if (!opts.bearer) {
    const origin = h.get("origin");
    const sameOrigin =
      origin !== null ? origin === opts.portalOrigin : h.get("sec-fetch-site") === "same-origin";
    if (!sameOrigin) {
      return "Cross-site request refused: a signed-in write must come from the portal's own pages (Origin header), or use an API token";
    }
  }
  const hasBody =
    ["POST", "PUT", "PATCH"].includes(request.method.toUpperCase()) ||
    Number(h.get("content-length") ?? 0) > 0 ||
    h.has("transfer-encoding");
  if (hasBody) {
    const type = (h.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") return "Send the request body as JSON (Content-Type: application/json)";
  }
  return null;
}
