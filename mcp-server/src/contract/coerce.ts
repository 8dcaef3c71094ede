/**
 * Field-level zod building blocks for the loose upstream records, and the converters that turn their
 * odd-but-real values into the normalised model.
 *
 * Upstream stores some tool arguments without a type check (spec §7): a numeric prompt, `tools_used` as a
 * string, a final estimate sent as a string, a float rating. These schemas accept those values; the
 * converters below map them to one type. They are deliberately plain unions of primitives: zod's
 * `preprocess`/`transform` would cost more per field, and the portal parses millions of fields.
 */
import { z } from "zod";

/** Free text as stored: a string, or a number/boolean/null that upstream stored without a check. */
export const looseTextSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();

/** A number as stored: a JSON number, a numeric string (stored "as given"), or null/missing. */
export const looseNumberSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]).optional();

/** The six token-usage fields interactions and requests carry since 2026-04-07 (spec §2.3), as stored. */
export const usageRecordFields = {
  tokens_in: looseNumberSchema,
  tokens_out: looseNumberSchema,
  cache_hit_rate: looseNumberSchema,
  cached_tokens: looseNumberSchema,
  new_tokens: looseNumberSchema,
  context_pct: looseNumberSchema,
};
type LooseNumber = z.infer<typeof looseNumberSchema>;
/** A usage field's name. */
export type UsageField = keyof typeof usageRecordFields;
/** The usage field names in upstream's order (the ingest's usage columns are these). */
export const USAGE_FIELDS = Object.keys(usageRecordFields) as UsageField[];
/** The usage fields as numbers (token counts; `cache_hit_rate` a 0–1 fraction, `context_pct` 0–100). */
export type Usage = { [K in UsageField]: number };

/** A timestamp or other string field that may be null or missing. */
export const optionalStringSchema = z.union([z.string(), z.null()]).optional();

/** `tools_used` as stored: normally an array of strings, sometimes a bare string (spec §7). */
export const toolsUsedSchema = z.union([z.array(z.unknown()), z.string(), z.null()]).optional();

/** Thrown by a converter when a value cannot be read; the parser turns it into a `skipped` entry. */
export class FieldError extends Error {}

/** `looseText` → string: missing/null → `fallback`; numbers and booleans → their text. */
export function toText(value: string | number | boolean | null | undefined, fallback = ""): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === "string" ? value : String(value);
}

/**
 * `looseNumber` → number or null. Missing/null → null; booleans → 1/0 (Python's `float(True)`);
 * a numeric string → its value; a blank or non-numeric string → FieldError(`field`).
 */
export function toNumberOrNull(
  value: string | number | boolean | null | undefined,
  field: string,
): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  const trimmed = value.trim();
  const n = trimmed === "" ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(n)) throw new FieldError(`${field}: expected a number, got ${JSON.stringify(value)}`);
  return n;
}

/** Like {@link toNumberOrNull} but missing/null → `fallback` (0 unless given). */
export function toNumber(
  value: string | number | boolean | null | undefined,
  field: string,
  fallback = 0,
): number {
  return toNumberOrNull(value, field) ?? fallback;
}

/**
 * `tools_used` → string[]: an array keeps its elements (non-strings stringified), a non-empty bare string
 * becomes a one-element array, missing/null/"" → [].
 */
export function toToolList(value: readonly unknown[] | string | null | undefined): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") return [value];
  return value.map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? String(v))));
}

/** Readable one-line reason from a failed zod parse (first three issues, with their paths). */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join(".") : "(record)"}: ${i.message}`)
    .join("; ");
}

/**
 * The usage fields of a raw record as numbers (0 when missing: records before 2026-04-07 have none),
 * in upstream's order. Token fields are counts, `cache_hit_rate` a 0–1 fraction, `context_pct` 0–100.
 * Throws FieldError when one holds a non-numeric string.
 */
export function toUsage(raw: { readonly [K in UsageField]?: LooseNumber }): Usage {
  return {
    tokens_in: toNumber(raw.tokens_in, "tokens_in"),
    tokens_out: toNumber(raw.tokens_out, "tokens_out"),
    cache_hit_rate: toNumber(raw.cache_hit_rate, "cache_hit_rate"),
    cached_tokens: toNumber(raw.cached_tokens, "cached_tokens"),
    new_tokens: toNumber(raw.new_tokens, "new_tokens"),
    context_pct: toNumber(raw.context_pct, "context_pct"),
  };
}
