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
import { freezeRecord, isJsonObject, type JsonObject, type JsonValue, pyDumps } from "./json.js";

/** One session as cached: its parsed value and, when known, its `"id": value` bytes at indent level 1. */
export interface SessionEntry {
  value: JsonValue;
  frag: Buffer | undefined;
}

/** Result of parsing a sessions file. */
export type SessionsParse =
  | { ok: true; entries: Map<string, SessionEntry>; exact: boolean }
  | { ok: false; reason: string };

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWs(t: string, i: number): number {
  while (i < t.length && isWs(t.charCodeAt(i))) i++;
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
    if (ch === 0x2c || ch === 0x7d || ch === 0x5d || isWs(ch)) break;
    j++;
  }
  return j > i ? j : -1;
}

/** JSON.parse of `t[start, end)`, or `undefined` when that text does not parse. */
function parseSlice(t: string, start: number, end: number): JsonValue | undefined {
  try {
    return JSON.parse(t.slice(start, end));
  } catch {
    return undefined;
  }
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

const SPLIT = Buffer.from('\n  "', "latin1");
const HEAD = Buffer.from('{\n  "', "latin1");

/**
 * Fast path for files in json.dumps(indent=2) layout: there, and only there, every top-level entry
 * starts a line with exactly two spaces and a quote (strings cannot hold raw newlines, nested lines
 * are indented by 4 or more, and a top-level value closes with `  }` / `  ]`). Each piece must parse
 * on its own as a one-key object, which proves the split; anything else returns undefined and the
 * general scanner decides.
 *
 * `previous` (the entries cached before another process changed the file) makes a re-read cheap:
 * a piece byte-identical to the cached entry at the same position is reused as is (value and
 * identity), so only the sessions that changed are parsed again.
 */
function parseCanonical(
  buf: Buffer,
  previous: ReadonlyArray<[string, SessionEntry]> | undefined,
): Map<string, SessionEntry> | undefined {
  const n = buf.length;
  if (n < 7 || !buf.subarray(0, 5).equals(HEAD) || buf[n - 2] !== 0x0a || buf[n - 1] !== 0x7d)
    return undefined;
  if (!isAscii(buf)) return undefined;
  const entries = new Map<string, SessionEntry>();
  const last = n - 2;
  let p = 0;
  let start = 4; // after `{\n  `
  while (start < last) {
    let next = buf.indexOf(SPLIT, start);
    if (next < 0 || next > last) next = last;
    const end = next === last ? last : next - 1; // drop the separating comma
    if (next !== last && buf[end] !== 0x2c) return undefined;
    const old = previous?.[p];
    const oldFrag = old?.[1].frag;
    // compare in place: no subarray object for the (usual) unchanged session
    if (old && oldFrag && oldFrag.length === end - start && oldFrag.compare(buf, start, end) === 0) {
      if (entries.has(old[0])) return undefined; // duplicate keys: the general scanner handles them
      entries.set(old[0], old[1]);
      p++;
    } else {
      let obj: unknown;
      try {
        obj = JSON.parse(`{${buf.toString("latin1", start, end)}}`);
      } catch {
        return undefined;
      }
      if (!isJsonObject(obj)) return undefined;
      let key: string | undefined;
      for (const k in obj) {
        if (key !== undefined) return undefined;
        key = k;
      }
      if (key === undefined) return undefined;
      const value = obj[key];
      if (value === undefined || entries.has(key)) return undefined;
      entries.set(key, { value: freezeRecord(value), frag: buf.subarray(start, end) });
      if (old?.[0] === key) p++;
    }
    start = next + 3; // past `\n  `
  }
  return entries;
}

/**
 * Parses `sessions.json` bytes (see the module header); never throws. `exact` means the bytes are
 * precisely the indent-2 framing of the entries' fragments, so the file can be patched in place.
 */
export function parseSessionsBuffer(buf: Buffer, previous?: Map<string, SessionEntry>): SessionsParse {
  const fast = parseCanonical(buf, previous ? [...previous] : undefined);
  if (fast) return { ok: true, entries: fast, exact: true };
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
      const key = parseSlice(t, keyStart, keyEnd);
      if (typeof key !== "string") return bad(keyStart);
      i = skipWs(t, keyEnd);
      if (t.charCodeAt(i) !== 0x3a) return bad(i);
      const valueStart = skipWs(t, i + 1);
      if (canonical && t.slice(keyEnd, valueStart) !== ": ") canonical = false;
      const valueEnd = skipValue(t, valueStart);
      if (valueEnd < 0) return bad(valueStart);
      const value = parseSlice(t, valueStart, valueEnd);
      if (value === undefined) return bad(valueStart);
      if (canonical) {
        const open = t.charCodeAt(valueStart);
        if ((open === 0x7b || open === 0x5b) && valueEnd - valueStart > 2) {
          // indent-2 nested containers open with a newline and 4 spaces at this depth
          if (t.slice(valueStart + 1, valueStart + 6) !== "\n    ") canonical = false;
        }
      }
      entries.set(key, { value: freezeRecord(value), frag: undefined });
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
  // With a duplicated key the file holds more entries than the map: not patchable in place.
  return { ok: true, entries, exact: canonical && ranges.length === entries.size };
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

/** An in-place rewrite of the file's tail: write `bytes` at `offset` (then truncate after them). */
export interface SessionsPatch {
  offset: number;
  /** The bytes it replaces, [offset, old end). */
  original: Buffer;
  bytes: Buffer;
}

/**
 * The smallest tail rewrite turning the file of `before` (which must be exact, see
 * parseSessionsBuffer) into the file of `after`. `after` must list `before`'s keys first, in the same
 * order (replacements keep their position, insertions come last), as commits produce it.
 */
export function planSessionsPatch(
  before: Map<string, SessionEntry>,
  after: Map<string, SessionEntry>,
): SessionsPatch {
  const old = [...before.values()];
  const now = [...after.values()];
  if (old.length === 0) return { offset: 0, original: EMPTY, bytes: buildSessionsFile(after) };
  let k = 0;
  let offset = 4;
  while (k < old.length && old[k] === now[k]) {
    offset += fragOf(old[k]).length + 4;
    k++;
  }
  const joinFrom = (list: SessionEntry[], from: number, lead: boolean) => {
    const parts: Buffer[] = [];
    for (let i = from; i < list.length; i++)
      parts.push(i > from || lead ? SEP : Buffer.alloc(0), fragOf(list[i]));
    parts.push(CLOSE);
    return Buffer.concat(parts);
  };
  if (k === old.length) {
    // only insertions: replace the closing "\n}" (offset overshot by the separator it counted)
    return { offset: offset - 4, original: CLOSE, bytes: joinFrom(now, k, true) };
  }
  return { offset, original: joinFrom(old, k, false), bytes: joinFrom(now, k, false) };
}

function fragOf(e: SessionEntry | undefined): Buffer {
  if (!e?.frag) throw new Error("planSessionsPatch needs every fragment (an exact file)");
  return e.frag;
}

/** The object-valued sessions, in file order (non-object values stay on disk but are not records). */
export function sessionsView(entries: Map<string, SessionEntry>): Map<string, JsonObject> {
  const view = new Map<string, JsonObject>();
  for (const [id, e] of entries) if (isJsonObject(e.value)) view.set(id, e.value);
  return view;
}
