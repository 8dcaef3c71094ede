/**
 * Where to go after sign-in. Only paths on the portal's own origin are followed: the value is resolved
 * against that origin with the URL parser browsers use and kept only when the origin is unchanged.
 * Whitespace and control characters are refused outright (browsers drop a tab or newline inside a URL,
 * so `/\t/evil.example` would become `//evil.example`), as are backslashes (browsers read `\` as `/`).
 */

const FALLBACK = "/";
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
const UNSAFE_RE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\\]/;

/**
 * A same-origin path (`/path?query#hash`) to redirect to after sign-in, or `/` when `raw` is missing,
 * malformed or points anywhere else. `origin` is the portal's public origin (NEXTAUTH_URL). Never throws.
 */
export function safeCallbackUrl(raw: string | string[] | null | undefined, origin: string): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > 2048 || UNSAFE_RE.test(value) || !value.startsWith("/")) return FALLBACK;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== base.origin) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The path itself must not read as protocol-relative once re-parsed (e.g. `/.//evil` normalised).
  return path.startsWith("//") ? FALLBACK : path;
}
