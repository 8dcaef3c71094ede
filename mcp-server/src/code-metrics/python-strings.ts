/**
 * Python string-literal decoding and `inspect.cleandoc` (CPython 3.11 semantics), so the docstring
 * text we score is the text `ast.get_docstring(node)` returns. Character-by-character, no regexes.
 */

/** Code points for which Python's `str.isspace()` is true (what `str.lstrip()` strips). */
const PY_WHITESPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
  0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

function isPyWhitespace(cp: string): boolean {
  return PY_WHITESPACE.has(cp.codePointAt(0) ?? -1);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

function isOctal(c: string | undefined): c is string {
  return c !== undefined && c >= "0" && c <= "7";
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && ((c >= "0" && c <= "9") || (c >= "a" && c <= "f") || (c >= "A" && c <= "F"));
}

/** The decoded value of one `String` token, or null when it is a bytes literal (never a docstring). */
export function decodePythonStringToken(token: string): string | null {
  let i = 0;
  let raw = false;
  let bytes = false;
  while (i < token.length && token[i] !== '"' && token[i] !== "'") {
    const p = token[i]?.toLowerCase();
    if (p === "r") raw = true;
    if (p === "b") bytes = true;
    i++;
  }
  if (bytes) return null;
  const quote = token[i] ?? '"';
  const triple = token.startsWith(quote.repeat(3), i) && token.length - i >= 6;
  const q = triple ? 3 : 1;
  const body = token.slice(i + q, token.length - q);
  return raw ? body : decodeEscapes(body);
}

function decodeEscapes(body: string): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1] as string;
    if (e === "\n") {
      i += 2; // backslash-newline continues the line and adds nothing
    } else if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (isOctal(e)) {
      let j = i + 1;
      let digits = "";
      while (j < body.length && digits.length < 3 && isOctal(body[j])) digits += body[j++];
      out += String.fromCodePoint(Number.parseInt(digits, 8));
      i = j;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      const value = Number.parseInt(hex, 16);
      if (hex.length === n && [...hex].every(isHex) && value <= 0x10ffff) {
        out += String.fromCodePoint(value);
        i += 2 + n;
      } else {
        out += c; // CPython rejects this; the parser accepted it, so keep the text
        i++;
      }
    } else if (e === "N" && body[i + 2] === "{" && body.indexOf("}", i + 3) > 0) {
      // \N{NAME}: one character whose identity needs the Unicode name table. Only its length can
      // matter for the score (section words never contain it), so a placeholder is exact enough.
      out += "\uFFFD";
      i = body.indexOf("}", i + 3) + 1;
    } else {
      out += c; // unknown escapes keep the backslash
      i++;
    }
  }
  return out;
}

/** Python's `str.expandtabs(8)`: the column restarts after `\n` and `\r`. */
function expandTabs(text: string): string {
  let out = "";
  let column = 0;
  for (const ch of text) {
    if (ch === "\t") {
      const spaces = 8 - (column % 8);
      out += " ".repeat(spaces);
      column += spaces;
    } else if (ch === "\n" || ch === "\r") {
      out += ch;
      column = 0;
    } else {
      out += ch;
      column++;
    }
  }
  return out;
}

/** Code points after Python's `str.lstrip()`. */
function lstripPoints(points: string[]): string[] {
  let k = 0;
  while (k < points.length && isPyWhitespace(points[k] as string)) k++;
  return points.slice(k);
}

/** CPython 3.11 `inspect.cleandoc`, which `ast.get_docstring(node, clean=True)` applies. */
export function cleandoc(doc: string): string {
  const lines = expandTabs(doc)
    .split("\n")
    .map((line) => [...line]);
  let margin = Number.POSITIVE_INFINITY;
  for (const line of lines.slice(1)) {
    const content = lstripPoints(line).length;
    if (content > 0) margin = Math.min(margin, line.length - content);
  }
  if (lines.length > 0) lines[0] = lstripPoints(lines[0] as string[]);
  if (margin < Number.POSITIVE_INFINITY) {
    for (let i = 1; i < lines.length; i++) lines[i] = (lines[i] as string[]).slice(margin);
  }
  while (lines.length > 0 && (lines[lines.length - 1] as string[]).length === 0) lines.pop();
  while (lines.length > 0 && (lines[0] as string[]).length === 0) lines.shift();
  return lines.map((l) => l.join("")).join("\n");
}
