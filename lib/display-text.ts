/**
 * Display-safe text for names and notes that come from the shared folder (developer folders, projects,
 * session names, models): anyone who can write to the share chooses them, so they are shown
 * - with invisible controls made visible: a bidirectional override (U+202E …) would otherwise reorder
 *   the text around it ("invoice‮fdp.exe" reads as "invoiceexe.pdf"), a C0/C1 control is invisible;
 * - cut to a length in lists: a 1 MB session name must not make every list page megabytes long.
 * The UI also isolates each such text (`<bdi>`, app/_components/user-text.tsx) so right-to-left names
 * cannot reorder the labels next to them.
 */

/** Characters a list shows of a user-supplied text before "…". */
export const LIST_TEXT_MAX = 200;

// Bidi embeddings/overrides/isolates/marks (U+061C, U+200E–F, U+202A–E, U+2066–9), C0 controls except
// tab and newline, DEL and C1 controls. Matching control characters is this regex's whole purpose.
// biome-ignore lint/suspicious/noControlCharactersInRegex: it finds them to make them visible
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `text` with each control character replaced by a visible marker such as `⟨U+202E⟩`. */
export function escapeControls(text: string): string {
  return text.replace(
    CONTROL,
    (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}⟩`,
  );
}

/**
 * The first `max` code points of `text` (never splitting a surrogate pair) plus "…" when it was longer.
 * Reads only as far as it keeps, so a megabyte costs the same as a line.
 */
export function truncateText(text: string, max: number): { text: string; truncated: boolean } {
  // Each code point is at most 2 UTF-16 units: a text this short cannot exceed `max` code points.
  if (text.length <= max) return { text, truncated: false };
  let count = 0;
  let end = 0;
  while (end < text.length && count < max) {
    const cp = text.codePointAt(end) ?? 0;
    end += cp > 0xffff ? 2 : 1;
    count++;
  }
  return end >= text.length
    ? { text, truncated: false }
    : { text: `${text.slice(0, end)}…`, truncated: true };
}

/**
 * A user-supplied text as a page shows it: cut to `max` code points (default {@link LIST_TEXT_MAX};
 * `null` = whole text, for a detail view), then controls made visible ({@link escapeControls}).
 */
export function displayText(text: string, max: number | null = LIST_TEXT_MAX): string {
  return escapeControls(max === null ? text : truncateText(text, max).text);
}
