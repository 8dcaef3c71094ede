/**
 * Rebuilds `usage.json`: this machine's records (summed from the state's contributions) replace the
 * records of the same keys; every other record (another machine's, in a synced folder) is kept as
 * written. Sorted by key, so an unchanged extraction writes the same bytes — and is then not written.
 */
import { readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { USAGE_FILE_NAME, type UsageRecord, usageRecordKey } from "../contract/usage-schema.js";
import { atomicWriteFile, errnoCode, utcStamp } from "../storage/fs-util.js";

function rawKey(value: unknown): string | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const r = value as Record<string, unknown>;
  const parts = [r.agent, r.conversation_id, r.model, r.hour];
  return parts.every((p) => typeof p === "string")
    ? usageRecordKey({
        agent: r.agent as UsageRecord["agent"],
        conversation_id: r.conversation_id as string,
        model: r.model as string,
        hour: r.hour as string,
      })
    : null;
}

/**
 * Writes `dir/usage.json` with `own` merged in (call under the folder lock). A file that is not a JSON
 * array is moved aside as `usage.json.corrupt-<UTC time>` (reported through `log`), never overwritten.
 * Returns whether the file changed.
 */
export function writeUsageFile(
  dir: string,
  own: ReadonlyMap<string, UsageRecord>,
  log: (line: string) => void,
): boolean {
  const path = join(dir, USAGE_FILE_NAME);
  let before: string | null = null;
  let existing: unknown[] = [];
  try {
    before = readFileSync(path, "utf8");
  } catch (e) {
    if (errnoCode(e) !== "ENOENT") throw e;
  }
  if (before !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(before);
    } catch {
      parsed = undefined;
    }
    if (Array.isArray(parsed)) existing = parsed;
    else {
      const aside = `${path}.corrupt-${utcStamp(new Date())}`;
      renameSync(path, aside);
      log(`usage: ${path} was not a JSON array; moved to ${aside}`);
      before = null;
    }
  }
  // Nothing extracted and no file yet (no agent logs here): do not start one.
  if (before === null && existing.length === 0 && own.size === 0) return false;
  const keyed: [string, unknown][] = [];
  for (const value of existing) {
    const key = rawKey(value);
    if (key === null || !own.has(key)) keyed.push([key ?? "", value]);
  }
  for (const [key, record] of own) keyed.push([key, record]);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const text = `${JSON.stringify(
    keyed.map(([, v]) => v),
    null,
    2,
  )}\n`;
  if (text === before) return false;
  atomicWriteFile(path, dir, [Buffer.from(text)]);
  return true;
}
