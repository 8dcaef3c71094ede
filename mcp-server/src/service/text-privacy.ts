/**
 * `AI_TRACKER_PROMPTS`: how much of an interaction's text reaches the data folder, which teams sync to
 * a shared place. A withheld text is written as `""` (upstream's reader requires the key) beside a
 * `<field>_withheld: {chars, sha256}` marker, so counts, lengths and de-duplication still work and the
 * portal can say "prompt withheld (412 characters)" instead of showing nothing.
 *
 * Session names, context, notes, issue descriptions and request notes are written at every level: they
 * describe the task rather than quote the conversation, and the session name is part of the session id.
 */
import { createHash } from "node:crypto";
import type { WithheldText } from "../contract/interaction-schema.js";
import { TrackerError } from "../errors.js";

/** The levels, most to least written. */
export const TEXT_PRIVACY_LEVELS = ["full", "summary", "none"] as const;
/** `full`: prompt and summary verbatim · `summary`: summary only · `none`: neither. */
export type TextPrivacy = (typeof TEXT_PRIVACY_LEVELS)[number];

/**
 * The default keeps prompts (the user's own words, often with pasted code or data) on the machine, and
 * keeps the response summary (the agent's one-line account of the work) so the portal's timeline stays
 * useful. No figure depends on either text.
 */
export const DEFAULT_TEXT_PRIVACY: TextPrivacy = "summary";

/**
 * Reads `AI_TRACKER_PROMPTS` (case-insensitive, trimmed; unset or blank → {@link DEFAULT_TEXT_PRIVACY}).
 * @throws TrackerError("invalid_input") naming the allowed values, for the start-up error line.
 */
export function resolveTextPrivacy(env: Readonly<Record<string, string | undefined>>): TextPrivacy {
  const raw = env.AI_TRACKER_PROMPTS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_TEXT_PRIVACY;
  const level = TEXT_PRIVACY_LEVELS.find((l) => l === raw.trim().toLowerCase());
  if (!level) {
    throw new TrackerError(
      "invalid_input",
      `AI_TRACKER_PROMPTS must be one of ${TEXT_PRIVACY_LEVELS.join(", ")} (got ${JSON.stringify(raw)})`,
    );
  }
  return level;
}

/** Length (Unicode code points) and the first 16 hex digits of the SHA-256 of the UTF-8 text. */
export function withheldMarker(text: string): WithheldText {
  let chars = 0;
  for (const _ of text) chars++;
  return { chars, sha256: createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16) };
}

/**
 * The text fields of an interaction record as `level` lets them be written: the two upstream keys (in
 * their place) and, after the upstream fields, a marker for each text withheld.
 */
export function interactionText(
  level: TextPrivacy,
  prompt: string,
  responseSummary: string,
): { text: { prompt: string; response_summary: string }; markers: Record<string, WithheldText> } {
  const keepPrompt = level === "full";
  const keepSummary = level !== "none";
  return {
    text: { prompt: keepPrompt ? prompt : "", response_summary: keepSummary ? responseSummary : "" },
    markers: {
      ...(keepPrompt ? {} : { prompt_withheld: withheldMarker(prompt) }),
      ...(keepSummary ? {} : { response_summary_withheld: withheldMarker(responseSummary) }),
    },
  };
}
