/**
 * Requests (`requests.json` elements, since 2026-04-07, spec §2.3) → `AiRequest`.
 */
import { z } from "zod";
import { looseTextSchema, toText, toUsage, type Usage, usageRecordFields } from "./coerce.js";
import type { RequestType } from "./enums.js";
import type { OpenEnum } from "./open-enum.js";

/** Raw request record; `id` (uuid4) is required. */
export const requestRecordSchema = z.looseObject({
  id: z.string(),
  timestamp: looseTextSchema,
  model: looseTextSchema,
  type: looseTextSchema,
  ...usageRecordFields,
  note: looseTextSchema,
  project: looseTextSchema,
  developer: looseTextSchema,
});
/** Raw, loose request record. */
export type RequestRecord = z.infer<typeof requestRecordSchema>;

/**
 * One standalone AI request (not linked to a session). `timestamp` is ISO-8601 text (UTC).
 * Tokens are counts and may be negative (upstream does not floor them); `cache_hit_rate` is 0–1;
 * `context_pct` is 0–100.
 */
export interface AiRequest extends Usage {
  id: string;
  timestamp: string;
  /** "unknown" when missing ("" is kept: upstream accepts an empty model). */
  model: string;
  /** "general" when missing, as upstream's stats read it. */
  type: OpenEnum<RequestType>;
  note: string;
  project: string;
  developer: string;
}

/** Normalises a raw request. Throws FieldError when a number field holds a non-numeric string. */
export function normalizeRequest(raw: RequestRecord): AiRequest {
  return {
    id: raw.id,
    timestamp: toText(raw.timestamp),
    model: toText(raw.model, "unknown"),
    type: toText(raw.type, "general"),
    ...toUsage(raw),
    note: toText(raw.note),
    project: toText(raw.project),
    developer: toText(raw.developer),
  };
}
