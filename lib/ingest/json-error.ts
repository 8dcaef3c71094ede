/**
 * Error texts for files that could not be read as tracker JSON. They are stored on the file and shown on
 * the Sources page and API, so they never quote the file: Node's JSON.parse messages carry a snippet of
 * the text ("Unexpected token 'r', "root:x:0:0"... is not valid JSON"), which would put whatever a link
 * or a stray file holds in front of every viewer. Only a position and a fixed phrase are kept.
 */

/**
 * A position-only text for a `JSON.parse` failure on `text`. `offset` is the number of bytes dropped
 * before `text` (a UTF-8 BOM), so the byte reported is a byte of the file.
 */
export function jsonParseErrorText(error: unknown, text: string, offset = 0): string {
  const message = error instanceof Error ? error.message : "";
  if (error instanceof RangeError) return "JSON nested too deeply to read";
  const at = /at position (\d+)/.exec(message);
  const chars = at ? Number(at[1]) : -1;
  // "Unexpected end of JSON input", or an unterminated string/number that runs to the end.
  if (/Unexpected end of JSON input/i.test(message) || chars >= text.length)
    return "unexpected end of file: not valid JSON (truncated or mid-sync?)";
  if (chars >= 0) {
    // UTF-16 index → byte of the file; only on the failure path, so the slice costs nothing per file.
    const byte = Buffer.byteLength(text.slice(0, chars), "utf8") + offset;
    return `not valid JSON at byte ${byte} (truncated or mid-sync?)`;
  }
  return "not valid JSON: unexpected character (truncated, mid-sync, or not a tracker file?)";
}

/** Text for an unexpected failure of the record parser on a file (never its message: it may quote data). */
export function parserFailureText(error: unknown): string {
  if (error instanceof RangeError) return "JSON nested too deeply to read (thousands of levels)";
  return "internal parser error (details in the server log)";
}
