/**
 * `sessions.json` (an object `{id: session}` in insertion order) parsed entry by entry.
 *
 * A top-level scanner finds each key and the byte range of its value, so that
 * - key order is the file's order even for integer-like ids (a plain JSON.parse would move "123"
 *   first: JS objects order integer keys before the rest);
 * - when the file is in upstream's layout (json.dumps indent=2, ASCII), each entry's raw bytes are
 *   kept as its serialised fragment: an unchanged session is written back byte for byte (even
 *   Python's `120.0`), and a rewrite only serialises the sessions that changed.
 */
import { isAscii } from "node:buffer";
import { isJsonObject, type JsonObject, type JsonValue, deepFreeze, pyDumps } from "./json.js";

/** One session as cached: its parsed value and, when known, its `"id": value` bytes at indent level 1. */
export interface SessionEntry {
  value: JsonValue;
  frag: Buffer | undefined;
}

/** Result of parsing a sessions file. */
export type SessionsParse = { ok: true; entries: Map<string, SessionEntry> } | { ok: false; reason: string };

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

function skipWs(t: string, i: number): number {
  while (i < t.length && WS.has(t.charCodeAt(i))) i++;
  return i;
}

/** `i` at an opening quote → index after the closing quote, or -1. */
function skipString(t: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = t.indexOf('"', j);
    if (q < 0) return -1;
    let b = q - 1;
    while (t.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** `i` at the first character of a value → index after it, or -1 (brackets are checked by JSON.parse). */
function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x22) return skipString(t, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    let j = i;
    while (j < t.length) {
      const ch = t.charCodeAt(j);
      if (ch === 0x22) {
        j = skipString(t, j);
        if (j < 0) return -1;
        continue;
      }
      if (ch === 0x7b || ch === 0x5b) depth++;
      else if (ch === 0x7d || ch === 0x5d) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return -1;
  }
  let j = i;
  while (j < t.length) {
    const ch = t.charCodeAt(j);
    if (ch === 0x2c || ch === 0x7d || ch === 0x5d || WS.has(ch)) break;
    j++;
  }
  return j > i ? j : -1;
}

function describeTopLevel(text: string): string {
  try {
    const v: unknown = JSON.parse(text);
    const kind = v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
    return `top-level value is ${kind}, expected an object of sessions`;
  } catch (e) {
    return `not valid JSON (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Parses `sessions.json` bytes (see the module header); never throws. */
export function parseSessionsBuffer(buf: Buffer): SessionsParse {
  const t = buf.toString("utf8");
  const entries = new Map<string, SessionEntry>();
  const bad = (at: number): SessionsParse => {
    const reason = describeTopLevel(t);
    return {
      ok: false,
      reason: reason.startsWith("top-level") ? reason : `${reason}; scan stopped at ${at}`,
    };
  };
  let i = skipWs(t, 0);
  if (t.charCodeAt(i) !== 0x7b) return bad(i);
  // Canonical = exactly json.dumps(indent=2) framing around every entry, and ASCII only, so byte and
  // character offsets agree and raw entries can be reused as fragments.
  let canonical = i === 0 && isAscii(buf);
  const ranges: Array<[string, number, number]> = [];
  i++;
  let j = skipWs(t, i);
  if (t.charCodeAt(j) === 0x7d) {
    canonical = canonical && j === i;
    i = j + 1;
  } else {
    for (;;) {
      const wsStart = i;
      i = skipWs(t, i);
      if (canonical && t.slice(wsStart, i) !== "\n  ") canonical = false;
      if (t.charCodeAt(i) !== 0x22) return bad(i);
      const keyStart = i;
      const keyEnd = skipString(t, i);
      if (keyEnd < 0) return bad(i);
      let key: unknown;
      try {
        key = JSON.parse(t.slice(keyStart, keyEnd));
      } catch {
        return bad(keyStart);
      }
      if (typeof key !== "string") return bad(keyStart);
      i = skipWs(t, keyEnd);
      if (t.charCodeAt(i) !== 0x3a) return bad(i);
      const valueStart = skipWs(t, i + 1);
      if (canonical && t.slice(keyEnd, valueStart) !== ": ") canonical = false;
      const valueEnd = skipValue(t, valueStart);
      if (valueEnd < 0) return bad(valueStart);
      let value: JsonValue;
      try {
        value = JSON.parse(t.slice(valueStart, valueEnd));
      } catch {
        return bad(valueStart);
      }
      if (canonical) {
        const open = t.charCodeAt(valueStart);
        if ((open === 0x7b || open === 0x5b) && valueEnd - valueStart > 2) {
          // indent-2 nested containers open with a newline and 4 spaces at this depth
          if (t.slice(valueStart + 1, valueStart + 6) !== "\n    ") canonical = false;
        }
      }
      entries.set(key, { value: deepFreeze(value), frag: undefined });
      ranges.push([key, keyStart, valueEnd]);
      j = skipWs(t, valueEnd);
      const c = t.charCodeAt(j);
      if (c === 0x2c) {
        if (canonical && j !== valueEnd) canonical = false;
        i = j + 1;
        continue;
      }
      if (c !== 0x7d) return bad(j);
      if (canonical && t.slice(valueEnd, j) !== "\n") canonical = false;
      i = j + 1;
      break;
    }
  }
  if (skipWs(t, i) !== t.length) return bad(i);
  if (canonical && i !== t.length) canonical = false;
  if (canonical) {
    // A duplicated key keeps its first position and last value (as Python and JSON.parse do); the
    // last range is the one whose value we hold.
    for (const [key, start, end] of ranges) {
      const e = entries.get(key);
      if (e) e.frag = buf.subarray(start, end);
    }
  }
  return { ok: true, entries };
}

/** The `"id": value` fragment of one session, as json.dumps(indent=2) prints it inside the file. */
export function serializeSessionEntry(id: string, value: JsonValue): Buffer {
  return Buffer.from(`${pyDumps(id)}: ${pyDumps(value, 1)}`, "latin1");
}

const OPEN = Buffer.from("{\n  ", "latin1");
const SEP = Buffer.from(",\n  ", "latin1");
const CLOSE = Buffer.from("\n}", "latin1");
const EMPTY = Buffer.from("{}", "latin1");

/** The whole file from entries in order; fills in missing fragments (so they are reused next time). */
export function buildSessionsFile(entries: Iterable<[string, SessionEntry]>): Buffer {
  const parts: Buffer[] = [];
  for (const [id, e] of entries) {
    if (e.frag === undefined) e.frag = serializeSessionEntry(id, e.value);
    parts.push(parts.length === 0 ? OPEN : SEP, e.frag);
  }
  if (parts.length === 0) return EMPTY;
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/** The object-valued sessions, in file order (non-object values stay on disk but are not records). */
export function sessionsView(entries: Map<string, SessionEntry>): Map<string, JsonObject> {
  const view = new Map<string, JsonObject>();
  for (const [id, e] of entries) if (isJsonObject(e.value)) view.set(id, e.value);
  return view;
}
