/**
 * The array files (`interactions.json`, `issues.json`, `requests.json`): parsing, incremental tail
 * parsing, and the bytes of an in-place append.
 *
 * Layouts:
 * - `empty`: exactly `[]` (what json.dumps writes) → an append rewrites those 2 bytes in place;
 * - `ours`: a non-empty array starting `[\n  ` and ending `\n]` (json.dumps indent=2) → an append
 *   overwrites the final `\n]` with `,\n  {record}\n]`, never touching earlier bytes;
 * - `foreign`: anything else that is still a valid array (compact JSON, trailing newline…) → the next
 *   write is an atomic rewrite in our layout, after which appends are in place again.
 */
import { closeSync, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { freezeRecord, isJsonObject, type JsonObject, type JsonValue, pyDumps } from "./json.js";

/** Bytes remembered just before the closing `\n]`, to recognise an append made by another process. */
const SIG_BYTES = 64;

/** How the next append must be written. */
export type ArrayLayout = "empty" | "ours" | "foreign";

/** What identifies a file version on disk for the cache. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** Identity of a stat result. */
export function identityOf(st: Stats): FileIdentity {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
}

/** True when two identities describe the same file version. */
export function sameIdentity(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs
  );
}

/** Parsed content of an array file. */
export interface ArrayContent {
  /** Every element, frozen (non-objects included: they stay on disk). */
  values: readonly JsonValue[];
  /** The object elements: the records. */
  records: readonly JsonObject[];
  layout: ArrayLayout;
  size: number;
  /** Up to SIG_BYTES bytes before the closing `\n]` (layout `ours` only). */
  sig: Buffer;
}

/** Result of parsing an array file. */
export type ArrayParse = { ok: true; content: ArrayContent } | { ok: false; reason: string };

function layoutOf(buf: Buffer, count: number): ArrayLayout {
  if (count === 0) return buf.length === 2 && buf[0] === 0x5b && buf[1] === 0x5d ? "empty" : "foreign";
  const n = buf.length;
  const ours =
    n >= 6 &&
    buf[0] === 0x5b &&
    buf[1] === 0x0a &&
    buf[2] === 0x20 &&
    buf[3] === 0x20 &&
    buf[n - 2] === 0x0a &&
    buf[n - 1] === 0x5d;
  return ours ? "ours" : "foreign";
}

function sigOf(buf: Buffer, end: number): Buffer {
  // copy: the remembered bytes must not pin a large read buffer
  return Buffer.from(buf.subarray(Math.max(0, end - SIG_BYTES), end));
}

function objectsOf(values: readonly JsonValue[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const v of values) if (isJsonObject(v)) out.push(v);
  return out;
}

/** Parses a whole array file; never throws. */
export function parseArrayBuffer(buf: Buffer, fileLabel: string): ArrayParse {
  let v: unknown;
  try {
    v = JSON.parse(buf.toString("utf8"));
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!Array.isArray(v)) {
    const kind = v === null ? "null" : typeof v === "object" ? "an object" : typeof v;
    return { ok: false, reason: `top-level value is ${kind}, expected an array of ${fileLabel}` };
  }
  const values: JsonValue[] = v;
  for (const x of values) freezeRecord(x);
  const layout = layoutOf(buf, values.length);
  return {
    ok: true,
    content: {
      values,
      records: objectsOf(values),
      layout,
      size: buf.length,
      sig: layout === "ours" ? sigOf(buf, buf.length - 2) : Buffer.alloc(0),
    },
  };
}

/**
 * Tries to read only what another process appended since `prev` (same inode, file grew, and the bytes
 * before our old closing `\n]` unchanged). Returns the new elements and the new content, or undefined
 * when the fast path does not apply (the caller then reads the whole file).
 */
export function readAppendedTail(
  path: string,
  prev: ArrayContent,
): { added: JsonValue[]; content: ArrayContent } | undefined {
  if (prev.layout !== "ours") return undefined;
  const start = prev.size - 2 - prev.sig.length;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  let buf: Buffer;
  try {
    const size = fstatSync(fd).size;
    if (size <= prev.size) return undefined;
    buf = Buffer.alloc(size - start);
    let done = 0;
    while (done < buf.length) {
      const n = readSync(fd, buf, done, buf.length - done, start + done);
      if (n === 0) return undefined;
      done += n;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
  if (!buf.subarray(0, prev.sig.length).equals(prev.sig)) return undefined;
  const tail = buf.subarray(prev.sig.length);
  // The other writer replaced our `\n]` by `,\n  {…}\n]` (or equivalent JSON).
  if (tail[0] !== 0x2c) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(`[${tail.subarray(1).toString("utf8")}`);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  const added: JsonValue[] = parsed;
  for (const x of added) freezeRecord(x);
  const n = buf.length;
  const stillOurs = buf[n - 2] === 0x0a && buf[n - 1] === 0x5d;
  return {
    added,
    content: {
      values: prev.values.concat(added),
      records: prev.records.concat(objectsOf(added)),
      layout: stillOurs ? "ours" : "foreign",
      size: start + n,
      sig: stillOurs ? sigOf(buf, n - 2) : Buffer.alloc(0),
    },
  };
}

/** One record as json.dumps(indent=2) prints it as an element of the top-level array. */
export function serializeElement(value: JsonValue): string {
  return pyDumps(value, 1);
}

/**
 * The in-place write appending `elements` (already serialised) to a file in layout `empty` or `ours`:
 * where to write and which bytes it overwrites.
 */
export function appendPatch(
  layout: "empty" | "ours",
  size: number,
  elements: readonly string[],
): { offset: number; original: string; bytes: Buffer } {
  const body = elements.join(",\n  ");
  if (layout === "empty")
    return { offset: 0, original: "[]", bytes: Buffer.from(`[\n  ${body}\n]`, "latin1") };
  return { offset: size - 2, original: "\n]", bytes: Buffer.from(`,\n  ${body}\n]`, "latin1") };
}

/** The whole file for an atomic rewrite. */
export function buildArrayFile(values: readonly JsonValue[]): Buffer {
  if (values.length === 0) return Buffer.from("[]", "latin1");
  const parts: string[] = [];
  for (const v of values) parts.push(serializeElement(v));
  return Buffer.from(`[\n  ${parts.join(",\n  ")}\n]`, "latin1");
}

/** New content after a successful in-place append of `added` (the cache matches disk without a re-read). */
export function contentAfterAppend(
  prev: ArrayContent,
  added: readonly JsonValue[],
  patch: Buffer,
): ArrayContent {
  // The bytes before the patch are the old signature (layout `ours`) or nothing (`empty`: the patch
  // is the whole file).
  const before = prev.layout === "ours" ? prev.sig : Buffer.alloc(0);
  const joined = Buffer.concat([before, patch]);
  return {
    values: prev.values.concat(added),
    records: prev.records.concat(objectsOf(added)),
    layout: "ours",
    size: (prev.layout === "ours" ? prev.size - 2 : 0) + patch.length,
    sig: sigOf(joined, joined.length - 2),
  };
}

/** Content of a freshly (re)written whole file. */
export function contentOfWholeFile(values: readonly JsonValue[], buf: Buffer): ArrayContent {
  const layout = layoutOf(buf, values.length);
  return {
    values,
    records: objectsOf(values),
    layout,
    size: buf.length,
    sig: layout === "ours" ? sigOf(buf, buf.length - 2) : Buffer.alloc(0),
  };
}
