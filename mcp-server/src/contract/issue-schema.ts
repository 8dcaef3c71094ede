/**
 * Issues (`issues.json` elements, spec §2.3) → `Issue`.
 */
import { z } from "zod";
import { looseTextSchema, toText } from "./coerce.js";
import type { Severity } from "./enums.js";
import type { OpenEnum } from "./open-enum.js";

/** Raw issue record; `session_id` and `timestamp` are required strings (its natural key). */
export const issueRecordSchema = z.looseObject({
  session_id: z.string(),
  timestamp: z.string(),
  issue_type: looseTextSchema,
  description: looseTextSchema,
  severity: looseTextSchema,
  resolved: z.union([z.boolean(), z.number(), z.null()]).optional(),
  resolution_notes: looseTextSchema,
});
/** Raw, loose issue record. */
export type IssueRecord = z.infer<typeof issueRecordSchema>;

/** A flagged AI issue. No id: `(session_id, timestamp)` is its key. `timestamp` is ISO-8601 text (UTC). */
export interface Issue {
  session_id: string;
  timestamp: string;
  /** Free text (e.g. `hallucination`); "unknown" when missing, as upstream's summary reads it. */
  issue_type: string;
  description: string;
  /** "unknown" when missing. */
  severity: OpenEnum<Severity | "unknown">;
  /** Always false in upstream data (nothing ever sets it). */
  resolved: boolean;
  resolution_notes: string;
}

/** Normalises a raw issue. */
export function normalizeIssue(raw: IssueRecord): Issue {
  return {
    session_id: raw.session_id,
    timestamp: raw.timestamp,
    issue_type: toText(raw.issue_type, "unknown"),
    description: toText(raw.description),
    severity: toText(raw.severity, "unknown"),
    resolved: raw.resolved === true || (typeof raw.resolved === "number" && raw.resolved !== 0),
    resolution_notes: toText(raw.resolution_notes),
  };
}
