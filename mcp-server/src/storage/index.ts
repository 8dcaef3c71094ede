/**
 * storage/ — the crash-safe, cross-process-safe file store of the four tracker files.
 *
 * | file | owns |
 * |---|---|
 * | `output-dir.ts` | where the folder is (`AI_OUTPUT_DIR`, `.ai_sessions`, `~` expansion) |
 * | `tracker-store.ts` | `TrackerStore`: open, transactions, caching, commit, corrupt-file quarantine |
 * | `lock.ts` | the folder lock (`.tracker.lock`), stale-lock recovery |
 * | `journal.ts` | `.tracker-journal`: commit generations and crash recovery of appends/renames |
 * | `sessions-file.ts`, `array-file.ts` | parsing, layout detection, byte-exact serialisation |
 * | `json.ts` | raw JSON types, Python-compatible `json.dumps(indent=2)` |
 * | `fs-util.ts` | fsync/rename helpers that raise `TrackerError("io")` |
 *
 * Records are raw JSON objects, kept with every field read; validation is `contract/`'s job.
 */

export { JOURNAL_FILE } from "./journal.js";
export { isJsonObject, type JsonObject, type JsonValue, pyDumps } from "./json.js";
export { LOCK_FILE, type LockHolder } from "./lock.js";
export { DEFAULT_OUTPUT_DIR, type ResolvedOutputDir, resolveOutputDir } from "./output-dir.js";
export {
  type ArrayFileKind,
  type CorruptFileMovedEvent,
  DEFAULT_LOCK_TIMEOUT_MS,
  type JournalRecoveredEvent,
  type StaleLockRemovedEvent,
  type StorageEvent,
  type StoreTransaction,
  TRACKER_FILES,
  TrackerStore,
  type TrackerStoreOptions,
  type TrackerTransaction,
} from "./tracker-store.js";
