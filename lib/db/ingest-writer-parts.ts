/**
 * The parts both ingest writers (sqlite-ingest-writer.ts, pg-ingest-writer.ts) share: the holdings'
 * byte format, a session's stored JSON, the lookup among a file's previous holdings, a session's code
 * metric rows. Engine-neutral; what differs is how the rows reach the database.
 */
import type { Session } from "ai-session-tracker-mcp/contract";
import { LIMITS, recordTooLargeReason } from "@/lib/ingest/bounds";
import type { Skipped } from "./ingest-writer";

/** A file's holdings as stored (`file_holdings.ids`): the row ids as Int32, in record order. */
export function idsToBuffer(ids: readonly number[]): Buffer {
  const arr = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) arr[i] = ids[i] as number;
  return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
}

/** The row ids of stored holdings. */
export function bufferToIds(buf: Buffer): Int32Array {
  // Copy: a Buffer from the database need not be 4-byte aligned.
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Int32Array(copy.buffer);
}

/**
 * The raw JSON text a session version keeps, or null when it cannot be serialised (then `unstorable`
 * gets the record with its reason). JSON.parse reads any depth, JSON.stringify recurses: a record nested
 * thousands of levels deep (or too big for one string) is left out like a record the contract skips,
 * so its file still ingests; so is one whose JSON is over `LIMITS.recordChars` (lib/ingest/bounds.ts: it
 * would not fit one PostgreSQL statement — the same rule on both engines).
 */
export function storableRawJson(
  raw: Record<string, unknown>,
  s: Session,
  unstorable: Skipped[],
): string | null {
  try {
    const json = JSON.stringify(raw[s.id] ?? raw[""] ?? null);
    if (json.length <= LIMITS.recordChars) return json;
    unstorable.push({ key: s.id, reason: recordTooLargeReason(json.length) });
    return null;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    unstorable.push({ key: s.id, reason: "record nested too deeply (or too large) to store" });
    return null;
  }
}

/**
 * The id of a row the file already held under `key` (one of them, consumed from `previous`), or
 * undefined when the record is new to the file.
 */
export function takePrevious(previous: Map<string, number[]>, key: string): number | undefined {
  const list = previous.get(key);
  const held = list?.pop();
  if (list && list.length === 0) previous.delete(key);
  return held;
}

/**
 * What a file stepping through its records holds between two steps: what it took so far (`ids` before
 * `pos`) and everything it held before that is not yet released — exactly the rows whose holder counts
 * it accounts for.
 */
export function heldBetweenSteps(
  ids: readonly number[],
  pos: number,
  previous: Map<string, number[]>,
): number[] {
  const held = ids.slice(0, pos);
  for (const list of previous.values()) for (const id of list) held.push(id);
  return held;
}

/** The columns of a code-metric row, in {@link codeMetricRows}' value order. */
export const CODE_METRIC_COLS = [
  "session_row_id",
  "developer_id",
  "file_path",
  "timestamp",
  "function_name",
  "modification_type",
  "lines_added",
  "lines_modified",
  "lines_deleted",
  "complexity_added",
  "final_complexity",
  "cognitive_load",
  "has_docstring",
  "quality_score",
  "has_type_hints",
  "effort_score",
] as const;

/** One row per function of the session's code metrics (the winner's), for `code_metrics`. */
export function codeMetricRows(sessionRowId: number, developerId: number, session: Session): unknown[][] {
  const rows: unknown[][] = [];
  for (const entry of session.code_metrics) {
    for (const f of entry.functions) {
      // biome-ignore format: CODE_METRIC_COLS order
      rows.push([
        sessionRowId, developerId, entry.file_path, entry.timestamp, f.function_name, f.modification_type,
        f.ai_contribution.lines_added, f.ai_contribution.lines_modified, f.ai_contribution.lines_deleted,
        f.ai_contribution.complexity_added, f.context.final_complexity, f.context.cognitive_load,
        f.documentation.has_docstring ? 1 : 0, f.documentation.quality_score,
        f.documentation.has_type_hints ? 1 : 0, f.value_metrics.effort_score,
      ]);
    }
  }
  return rows;
}
