/**
 * The portal's browser security policy as plain data: the Content-Security-Policy for one request's
 * nonce and the fixed response headers every response carries. Plain (no next/*): next.config.ts
 * (static assets) and lib/server/security-headers.ts (pages, through proxy.ts) both read it, tests too.
 */

/** A response header as `next.config.ts` `headers()` lists them. */
export interface HeaderEntry {
  key: string;
  value: string;
}

/** Options of {@link buildContentSecurityPolicy}. */
export interface CspOptions {
  /** Per-request random nonce (base64) that Next puts on its own inline and chunk scripts. */
  nonce: string;
  /** `next dev` needs eval (React's dev stack traces) and its HMR websocket. */
  dev?: boolean;
  /** Served over https: ask the browser to upgrade any http sub-resource. */
  https?: boolean;
}

/**
 * The Content-Security-Policy header value for one response.
 * - Scripts: only those carrying this request's nonce; `'strict-dynamic'` lets Next's nonce'd loader
 *   pull its chunks. No `'unsafe-inline'` for scripts, so injected markup cannot run code.
 * - Styles: `'unsafe-inline'` because Tremor and recharts position tooltips, bars and legends with
 *   `style="…"` attributes, which a nonce cannot cover (nonces apply to elements, not attributes), and
 *   a nonce in `style-src` would make browsers ignore `'unsafe-inline'`. Inline styles cannot run script.
 * - No framing, plugins, foreign `<base>` or form targets; data only from this origin (the SSE stream).
 */
export function buildContentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Headers on every response, static assets included (they hold no secret, so they need no nonce):
 * no MIME sniffing, no framing (old browsers without `frame-ancestors`), the origin only as referrer
 * to other sites, and no powerful browser features the portal never uses.
 */
export const BASE_SECURITY_HEADERS: readonly HeaderEntry[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/**
 * Strict-Transport-Security value when the portal's public URL is https, else null: sending HSTS over
 * plain http is ignored by browsers and would pin a localhost run to https if it ever was served so.
 */
export function hstsHeader(publicUrl: string): string | null {
  return publicUrl.startsWith("https:") ? "max-age=31536000; includeSubDomains" : null;
}

/** A fresh unpredictable nonce (16 random bytes, base64), one per response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
