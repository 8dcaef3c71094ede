/**
 * Route parameters as Next passes them: still %-encoded (a developer folder name may hold any
 * character). A malformed escape (`%E0%A4%A`) names nothing, so the page answers 404 instead of
 * letting `decodeURIComponent`'s URIError become a 500.
 */

/** The decoded text of a path segment, or null when its %-escapes are malformed. */
export function decodePathParam(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
