/**
 * Applies one parsed file to the store without holding the event loop for the whole file: a file with
 * more records than one step takes is applied in several transactions, with a macrotask turn (page and
 * API requests) between them. Each step commits a consistent state (holder counts match the file's
 * holdings; every touched session is resolved), so the cost is only that a reader may briefly see a big
 * file half-applied. While a stepwise apply runs, the file's stored hash is an in-progress marker: a pass
 * that stops half-way re-reads the file next time, and a step sees another writer (a CLI scan next to
 * the server's worker) that started on the same file and leaves the file to it.
 */
import { randomUUID } from "node:crypto";
import type { TrackerKind } from "@/lib/db/schema";
import type {
  ApplyMeta,
  ApplyResult,
  FileApplyJob,
  FileIdentity,
  IngestStore,
  ParsedContribution,
  Skipped,
  StoredFile,
} from "./store";

/**
 * Records per step and kind: about a quarter of a second of work each on a slow machine (a session costs
 * its version row, its resolution and its code-metric rows; the others one row). Files up to this size
 * — nearly all of them — are applied in one transaction as before.
 */
export const STEP_RECORDS: Readonly<Record<TrackerKind, number>> = {
  sessions: 1000,
  interactions: 5000,
  issues: 5000,
  requests: 5000,
  usage: 5000,
};

/** Resolves after one macrotask turn (I/O callbacks and timers run first). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Applies `parsed` to the file `getFile()` gives (called inside the first transaction, so a new file's
 * row is created with its first step). Returns the apply result, or null when another writer took the
 * file over between two steps.
 */
export async function applyInSteps(
  store: IngestStore,
  identity: Pick<FileIdentity, "subPath" | "copyKind">,
  parsed: ParsedContribution,
  skipped: readonly Skipped[],
  meta: ApplyMeta,
  getFile: () => Promise<StoredFile>,
  stepRecords: number = STEP_RECORDS[parsed.kind],
): Promise<ApplyResult | null> {
  if (parsed.records.length <= stepRecords) {
    return store.transaction(async () => store.applyFile(await getFile(), identity, parsed, skipped, meta));
  }
  const marker = `applying:${randomUUID()}`;
  let file: StoredFile | undefined;
  let job: FileApplyJob | undefined;
  let done = await store.transaction(async () => {
    file = await getFile();
    await store.markApplying(file, marker);
    job = await store.beginApply(file, identity, parsed, skipped, meta);
    return job.step(stepRecords);
  });
  while (!done) {
    await yieldToEventLoop();
    const next = await store.transaction(async () => {
      if (!file || !job || (await store.hashOf(file.id)) !== marker) return null;
      return job.step(stepRecords);
    });
    if (next === null) return null;
    done = next;
  }
  return job ? job.result : null;
}
