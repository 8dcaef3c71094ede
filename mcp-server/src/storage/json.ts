/**
 * Raw JSON types and a serialiser that reproduces Python's `json.dumps(data, indent=2, ensure_ascii=True)`,
 * the layout every upstream version wrote (spec §2.2), so files we write stay diff-friendly with theirs.
 *
 * Known, documented differences (both sides read either form):
 * - floats with an integral value print as `120`, Python printed `120.0`;
 * - exponent thresholds differ: Python `1e-05` / `1e+16`, JS `1e-5` / `10000000000000000`;
 * - `-0.0` prints as `0`; integers beyond 2^53 lose precision (JSON.parse limits, not ours);
 * - a non-finite number (never produced by JSON.parse) is written as `null`, Python would write `NaN`.
 */

/** Any value JSON.parse can return. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
/** A raw record as read from disk: every field kept, nothing validated. */
export type JsonObject = { [k: string]: JsonValue };

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// JSON.stringify already escapes `"`, `\`, control characters (short forms \b\f\n\r\t, else \u00xx
// lowercase) and lone surrogates (\udxxx lowercase) exactly as Python does; what is left for
// ensure_ascii is DEL and everything above it, one UTF-16 unit at a time, which yields surrogate
// pairs for astral characters — again what Python does.
const NON_ASCII = /[\u007f-\uffff]/g;

function escapeUnit(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** ensure_ascii on already-serialised JSON text (non-ASCII can only occur inside string literals). */
export function asciiEscape(json: string): string {
  NON_ASCII.lastIndex = 0;
  return NON_ASCII.test(json) ? json.replace(NON_ASCII, escapeUnit) : json;
}

/**
 * Serialises `value` like Python `json.dumps(value, indent=2, ensure_ascii=True)`, as if it were nested
 * `level` levels deep (each nested line gets `2 * level` extra leading spaces; the first line gets none).
 */
export function pyDumps(value: JsonValue, level = 0): string {
  const text = asciiEscape(JSON.stringify(value, null, 2) ?? "null");
  // Raw newlines only occur between tokens (newlines inside strings are escaped as \n), so
  // re-indenting every line is safe.
  return level === 0 ? text : text.replaceAll("\n", `\n${"  ".repeat(level)}`);
}

/** A deep copy exactly as it would read back from disk (drops `undefined`, non-finite numbers → null). */
export function jsonClone(value: JsonValue): JsonValue {
  // JSON.parse output is JSON by construction, hence the typed (not cast) binding.
  const parsed: JsonValue = JSON.parse(JSON.stringify(value) ?? "null");
  return parsed;
}

/**
 * Freezes a record's top level (cheap enough for 100,000 records on every load, unlike a deep freeze):
 * the common mistake, `raw.status = "completed"` on a record from the cache, then throws instead of
 * silently diverging from disk. Nested values are not frozen; treat them as read-only too.
 */
export function freezeRecord<T extends JsonValue>(value: T): T {
  return Object.freeze(value);
}

/**
 * Freezes a parsed JSON value in place. Records handed out by the store are shared with its cache (and
 * memoised by identity downstream), so an accidental in-place edit must fail loudly instead of
 * silently diverging from disk. Build a new object (`{ ...raw, field }`) and `putSession` it instead.
 */
export function deepFreeze<T extends JsonValue>(value: T): T {
  freezeValue(value);
  return value;
}

function freezeValue(value: JsonValue): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const v of value) freezeValue(v);
  } else {
    for (const v of Object.values(value)) freezeValue(v);
  }
}
