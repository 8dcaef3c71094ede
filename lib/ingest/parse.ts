/**
 * Parse: file bytes → normalised records through the contract package, then the portal's value bounds
 * (`bounds.ts`: out-of-bounds records are left out with a reason, like records the contract skips).
 * Never throws for bad data: invalid JSON (a file truncated mid-sync) or a wrong top-level shape comes
 * back as `{ ok: false, error }`.
 */
import { parseTrackerFile, parseUsageFile } from "ai-session-tracker-mcp/contract";
import type { TrackerKind } from "@/lib/db/schema";
import { boundInteractions, boundIssues, boundRequests, boundSessions, boundUsage } from "./bounds";
import { jsonParseErrorText, parserFailureText } from "./json-error";
import type { ParsedContribution } from "./store";

/** Outcome of parsing one file. */
export type ParseOutcome =
  | { ok: true; contribution: ParsedContribution; skipped: { key: string | number; reason: string }[] }
  | { ok: false; error: string };

type Skipped = { key: string | number; reason: string }[];

function withQuarantined(skipped: Skipped, quarantined: Skipped): Skipped {
  return quarantined.length === 0 ? skipped : skipped.concat(quarantined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The text with every NUL character escape (`\u0000`, the only way a NUL gets into valid JSON) written as
 * U+FFFD: no PostgreSQL text can hold a NUL, so both engines store U+FFFD and keep the same rows. An
 * escaped backslash before `u0000` is text, not a NUL, and stays. Same length: JSON error positions hold.
 * One native search of a file's text; the replacement only runs on a file that has one.
 */
export function withoutNul(text: string): string {
  return text.includes("\\u0000") ? text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, "$1\\ufffd") : text;
}

/**
 * Parses the bytes of a tracker file of kind `kind` ingested at `nowMs` (epoch ms: the end of the window
 * of plausible dates). A UTF-8 BOM (Windows editors) is ignored; an empty or whitespace-only file is an
 * error (the upstream writer never leaves one: it is a sync in flight). `skipped` lists the records the
 * contract could not read, then those out of the portal's bounds.
 */
export function parseFileBytes(kind: TrackerKind, bytes: Buffer, nowMs: number): ParseOutcome {
  let text = bytes.toString("utf8");
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  // A search for one non-blank character, not trim(): trim copies a multi-megabyte text ending in "\n".
  if (!/\S/.test(text)) return { ok: false, error: "file is empty (probably still being written or synced)" };
  text = withoutNul(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // Never the engine's message: it quotes the file (json-error.ts).
    return { ok: false, error: jsonParseErrorText(e, text, bom ? 3 : 0) };
  }
  try {
    switch (kind) {
      case "sessions": {
        const parsed = parseTrackerFile("sessions", data);
        const { records, startMs, endMs, durationMinutes, quarantined } = boundSessions(
          parsed.records,
          nowMs,
        );
        const raw = isRecord(data) ? data : {};
        const contribution = { kind, records, raw, startMs, endMs, durationMinutes };
        return { ok: true, contribution, skipped: withQuarantined(parsed.skipped, quarantined) };
      }
      case "interactions": {
        const parsed = parseTrackerFile("interactions", data);
        const { records, tsMs, quarantined } = boundInteractions(parsed.records, nowMs, text.length);
        const skipped = withQuarantined(parsed.skipped, quarantined);
        return { ok: true, contribution: { kind, records, tsMs }, skipped };
      }
      case "issues": {
        const parsed = parseTrackerFile("issues", data);
        const { records, tsMs, quarantined } = boundIssues(parsed.records, nowMs, text.length);
        const skipped = withQuarantined(parsed.skipped, quarantined);
        return { ok: true, contribution: { kind, records, tsMs }, skipped };
      }
      case "requests": {
        const parsed = parseTrackerFile("requests", data);
        const { records, tsMs, quarantined } = boundRequests(parsed.records, nowMs, text.length);
        const skipped = withQuarantined(parsed.skipped, quarantined);
        return { ok: true, contribution: { kind, records, tsMs }, skipped };
      }
      case "usage": {
        const parsed = parseUsageFile(data);
        const { records, tsMs, quarantined } = boundUsage(parsed.records, nowMs, text.length);
        const skipped = withQuarantined(parsed.skipped, quarantined);
        return { ok: true, contribution: { kind, records, tsMs }, skipped };
      }
    }
  } catch (e) {
    // The contract throws TrackerError("corrupt_file") for a wrong top-level shape (its package does not
    // export the class, hence the name check).
    if (e instanceof Error && e.name === "TrackerError") return { ok: false, error: e.message };
    // A RangeError is JSON nested thousands of levels deep overflowing a recursive validator.
    // Anything else is a contract bug on some odd record. Rethrowing would fail every pass at this file
    // and starve the files after it, so it is recorded like bad data, with the stack on stderr for a report.
    if (!(e instanceof RangeError))
      process.stderr.write(
        `[ingest] contract parser failed (a bug): ${e instanceof Error ? e.stack : String(e)}\n`,
      );
    return { ok: false, error: parserFailureText(e) };
  }
}
