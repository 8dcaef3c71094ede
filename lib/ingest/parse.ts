/**
 * Parse: file bytes → normalised records through the contract package. Never throws for bad data:
 * invalid JSON (a file truncated mid-sync) or a wrong top-level shape comes back as `{ ok: false, error }`.
 */
import { parseTrackerFile } from "ai-session-tracker-mcp/contract";
import type { TrackerKind } from "@/lib/db/schema";
import type { ParsedContribution } from "./store";

/** Outcome of parsing one file. */
export type ParseOutcome =
  | { ok: true; contribution: ParsedContribution; skipped: { key: string | number; reason: string }[] }
  | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses the bytes of a tracker file of kind `kind`. A UTF-8 BOM (Windows editors) is ignored; an empty
 * or whitespace-only file is an error (the upstream writer never leaves one: it is a sync in flight).
 */
export function parseFileBytes(kind: TrackerKind, bytes: Buffer): ParseOutcome {
  let text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A search for one non-blank character, not trim(): trim copies a multi-megabyte text ending in "\n".
  if (!/\S/.test(text)) return { ok: false, error: "file is empty (probably still being written or synced)" };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `not valid JSON (truncated or mid-sync?): ${why}` };
  }
  try {
    switch (kind) {
      case "sessions": {
        const { records, skipped } = parseTrackerFile("sessions", data);
        return { ok: true, contribution: { kind, records, raw: isRecord(data) ? data : {} }, skipped };
      }
      case "interactions": {
        const { records, skipped } = parseTrackerFile("interactions", data);
        return { ok: true, contribution: { kind, records }, skipped };
      }
      case "issues": {
        const { records, skipped } = parseTrackerFile("issues", data);
        return { ok: true, contribution: { kind, records }, skipped };
      }
      case "requests": {
        const { records, skipped } = parseTrackerFile("requests", data);
        return { ok: true, contribution: { kind, records }, skipped };
      }
    }
  } catch (e) {
    // The contract throws TrackerError("corrupt_file") for a wrong top-level shape (its package does not
    // export the class, hence the name check).
    if (e instanceof Error && e.name === "TrackerError") return { ok: false, error: e.message };
    // Anything else is a contract bug on some odd record. Rethrowing would fail every pass at this file
    // and starve the files after it, so it is recorded like bad data, with the stack on stderr for a report.
    process.stderr.write(
      `[ingest] contract parser failed (a bug): ${e instanceof Error ? e.stack : String(e)}\n`,
    );
    return { ok: false, error: `internal parser error: ${e instanceof Error ? e.message : String(e)}` };
  }
}
