/**
 * Interactions (`interactions.json` elements) in every historic shape (spec §2.3, §2.7) → `Interaction`.
 */
import { z } from "zod";
import {
  looseNumberSchema,
  looseTextSchema,
  toNumber,
  toolsUsedSchema,
  toText,
  toToolList,
  toUsage,
  type Usage,
  usageRecordFields,
} from "./coerce.js";

/**
 * Raw interaction record. `session_id` and `timestamp` are required strings (they are the record's only
 * key); everything else is optional and may hold the odd types upstream stored unchecked.
 */
export const interactionRecordSchema = z.looseObject({
  session_id: z.string(),
  timestamp: z.string(),
  prompt: looseTextSchema,
  response_summary: looseTextSchema,
  effectiveness_rating: looseNumberSchema,
  iteration_count: looseNumberSchema,
  tools_used: toolsUsedSchema,
  ...usageRecordFields,
  // Not upstream's: written by AI_TRACKER_PROMPTS=summary|none. Any other shape is ignored, never refused.
  prompt_withheld: z.unknown().optional(),
  response_summary_withheld: z.unknown().optional(),
});
/** Raw, loose interaction record. */
export type InteractionRecord = z.infer<typeof interactionRecordSchema>;

/**
 * What is left of a text the recorder did not write (AI_TRACKER_PROMPTS): its length in Unicode code
 * points and the first 16 hex digits of the SHA-256 of its UTF-8 bytes.
 */
export interface WithheldText {
  chars: number;
  sha256: string;
}

/** A well-formed withheld marker, or undefined for a missing or malformed one (the record still loads). */
export function toWithheld(value: unknown): WithheldText | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { chars, sha256 } = value as Record<string, unknown>;
  if (typeof chars !== "number" || !Number.isInteger(chars) || chars < 0 || typeof sha256 !== "string")
    return undefined;
  return { chars, sha256 };
}

/**
 * One logged prompt/response. It has no id: `(session_id, timestamp)` is its natural key.
 * `timestamp` is ISO-8601 text as stored (UTC). Token fields are counts; `cache_hit_rate` is a 0–1
 * fraction; `context_pct` is a 0–100 percentage. The six token fields are 0 in records before 2026-04-07.
 */
export interface Interaction extends Usage {
  session_id: string;
  timestamp: string;
  /** Stored text; a number stored by upstream becomes its text. */
  prompt: string;
  response_summary: string;
  /**
   * Rating as stored, normally an integer 1–5 (clamped by upstream). 0 when missing. May be a float
   * (upstream persisted 4.7 before failing); see `calculateEffectivenessDistribution` for its handling.
   */
  effectiveness_rating: number;
  /** 1 when missing. */
  iteration_count: number;
  /** A bare string stored by upstream becomes a one-element list. */
  tools_used: string[];
  /** Present when the recorder withheld the prompt (then `prompt` is ""). */
  prompt_withheld?: WithheldText;
  /** Present when the recorder withheld the response summary (then `response_summary` is ""). */
  response_summary_withheld?: WithheldText;
}

/** Adds the withheld markers of `raw` to `out` (only those present, so old records keep their shape). */
function withWithheld(out: Interaction, raw: Readonly<Record<string, unknown>>): Interaction {
  if (raw.prompt_withheld !== undefined) {
    const marker = toWithheld(raw.prompt_withheld);
    if (marker) out.prompt_withheld = marker;
  }
  if (raw.response_summary_withheld !== undefined) {
    const marker = toWithheld(raw.response_summary_withheld);
    if (marker) out.response_summary_withheld = marker;
  }
  return out;
}

/** Normalises a raw interaction. Throws FieldError when a number field holds a non-numeric string. */
export function normalizeInteraction(raw: InteractionRecord): Interaction {
  const interaction: Interaction = {
    session_id: raw.session_id,
    timestamp: raw.timestamp,
    prompt: toText(raw.prompt),
    response_summary: toText(raw.response_summary),
    effectiveness_rating: toNumber(raw.effectiveness_rating, "effectiveness_rating"),
    iteration_count: toNumber(raw.iteration_count, "iteration_count", 1),
    tools_used: toToolList(raw.tools_used),
    ...toUsage(raw),
  };
  return withWithheld(interaction, raw);
}

/** A number field of the fast path: a JSON number or missing (anything else goes to the schema). */
const numberOrMissing = (v: unknown): v is number | undefined => v === undefined || typeof v === "number";

/**
 * Fast path for the common, well-typed record (the current layout, or an older one without the token
 * fields): plain `typeof` checks, about ten times cheaper than the zod schema on JSON-parsed input.
 * Returns null when anything is unusual; the caller then goes through {@link interactionRecordSchema},
 * which accepts the odd shapes and gives readable reasons. Both paths produce the same result.
 */
export function normalizeInteractionFast(value: Readonly<Record<string, unknown>>): Interaction | null {
  // Every field read once by name (one destructuring; no loop over field names, no second lookup): this
  // runs once per interaction of a cold ingest, where keyed loads and a closure per record cost ~4×.
  const {
    session_id,
    timestamp,
    prompt,
    response_summary,
    tools_used,
    effectiveness_rating,
    iteration_count,
    tokens_in,
    tokens_out,
    cache_hit_rate,
    cached_tokens,
    new_tokens,
    context_pct,
    prompt_withheld,
    response_summary_withheld,
  } = value;
  if (typeof session_id !== "string" || typeof timestamp !== "string") return null;
  if (prompt !== undefined && typeof prompt !== "string") return null;
  if (response_summary !== undefined && typeof response_summary !== "string") return null;
  if (
    !numberOrMissing(effectiveness_rating) ||
    !numberOrMissing(iteration_count) ||
    !numberOrMissing(tokens_in) ||
    !numberOrMissing(tokens_out) ||
    !numberOrMissing(cache_hit_rate) ||
    !numberOrMissing(cached_tokens) ||
    !numberOrMissing(new_tokens) ||
    !numberOrMissing(context_pct)
  )
    return null;
  let tools: string[] = [];
  if (tools_used !== undefined) {
    if (!Array.isArray(tools_used)) return null;
    for (let i = 0; i < tools_used.length; i++) if (typeof tools_used[i] !== "string") return null;
    tools = tools_used.slice() as string[];
  }
  const interaction: Interaction = {
    session_id,
    timestamp,
    prompt: prompt ?? "",
    response_summary: response_summary ?? "",
    effectiveness_rating: effectiveness_rating ?? 0,
    iteration_count: iteration_count ?? 1,
    tools_used: tools,
    tokens_in: tokens_in ?? 0,
    tokens_out: tokens_out ?? 0,
    cache_hit_rate: cache_hit_rate ?? 0,
    cached_tokens: cached_tokens ?? 0,
    new_tokens: new_tokens ?? 0,
    context_pct: context_pct ?? 0,
  };
  // Markers only where the recorder wrote them (AI_TRACKER_PROMPTS): most records have neither key.
  if (prompt_withheld === undefined && response_summary_withheld === undefined) return interaction;
  return withWithheld(interaction, value);
}
