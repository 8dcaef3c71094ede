/**
 * Python `repr()` of the few values upstream prints inside tool texts.
 */

/** Python `repr(str)`: single quotes unless the text contains `'` and no `"`; escapes as Python does. */
export function pyStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Python `repr()` of a `dict[str, int]` in insertion order, e.g. `{'planning': 1, 'coding': 1}`. */
export function pyCountDictRepr(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([k, v]) => `${pyStrRepr(k)}: ${String(v)}`);
  return `{${parts.join(", ")}}`;
}
