/**
 * Sync page / API read model: per source (folder holding tracker files) when a file last changed, when
 * it was last ingested, record counts, files in error, conflict copies merged, and a stale flag.
 */
import { z } from "zod";
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import { PUSH_PREFIX } from "@/lib/ingest/push-names";
import { DEFAULT_SETTINGS } from "@/lib/settings";
import { all, get } from "./scope";

/** A tracker file of a source as the sync page shows it. */
export interface SourceFileStatus {
  name: string;
  kind: string;
  copyKind: string;
  copyOf: string | null;
  sizeBytes: number;
  /** File mtime, epoch ms UTC. */
  mtimeMs: number;
  status: "ok" | "error";
  lastError: string | null;
  lastErrorMs: number | null;
  lastIngestedMs: number | null;
  records: number;
  skipped: number;
  /** The first skipped records (at most 50 per file) with why: unreadable or out of the portal's bounds. */
  skippedRecords: SkippedRecord[];
}

/** A record the ingest left out of its file, and why. */
export interface SkippedRecord {
  /** Session id, array index, or "session @ time" of the record. */
  key: string | number;
  reason: string;
}

// `skipped_json` is written by the ingest, but it is still data read back from a file: parse, don't cast.
const skippedJsonSchema = z.array(z.object({ key: z.union([z.string(), z.number()]), reason: z.string() }));

type FileRow = Omit<SourceFileStatus, "skippedRecords"> & {
  id: number;
  sourceId: number;
  overlapping: number | null;
  skippedJson: string | null;
};

function parseSkipped(json: string | null): SkippedRecord[] {
  if (json === null) return [];
  try {
    const parsed = skippedJsonSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return []; // unreadable JSON in the column: nothing to show rather than a broken page
  }
}

/** A conflict copy merged into the developer's data. */
export interface MergedCopy {
  name: string;
  copyKind: string;
  copyOf: string | null;
  records: number;
  /** Sessions of the copy another file also holds (merged: the most complete version won). */
  sessionsOverlapping: number;
  /** Sessions only this copy holds. */
  sessionsOnlyHere: number;
}

/** Status of one source. */
export interface SourceStatus {
  id: number;
  developer: string;
  /** Folder relative to the root, or `push://developer[/project]` for a pushed source. */
  relPath: string;
  /** `folder`: files below the root; `push`: sent to POST /api/v1/ingest (its last ingest = last push that changed it). */
  kind: "folder" | "push";
  /** Folder below the developer folder ("" when the files sit in the developer folder). */
  subPath: string;
  /** Newest file mtime (epoch ms UTC). */
  lastFileChangeMs: number | null;
  /** Last successful ingest of any of its files (epoch ms UTC). */
  lastIngestMs: number | null;
  counts: { sessions: number; interactions: number; issues: number; requests: number; skipped: number };
  files: SourceFileStatus[];
  /** Every file's listed skipped records, file by file (name order). */
  skippedRecords: (SkippedRecord & { file: string })[];
  errors: { name: string; error: string; atMs: number | null }[];
  mergedCopies: MergedCopy[];
  /** True when no file changed for `staleDays`. */
  stale: boolean;
}

/** Result of {@link getSourcesStatus}. */
export interface SourcesStatus {
  /** The `now` used for the stale flag (epoch ms). */
  nowMs: number;
  staleDays: number;
  sources: SourceStatus[];
  totals: { sources: number; stale: number; filesWithErrors: number; mergedCopies: number };
  lastRun: {
    id: number;
    finishedMs: number;
    filesIngested: number;
    filesFailed: number;
    filesRemoved: number;
  } | null;
}

/**
 * Status of every source, ordered by developer then folder, at `nowMs` (epoch ms, passed explicitly:
 * tests, TZ-free); `staleDays` defaults to the setting's default (`DEFAULT_SETTINGS.staleAfterDays`).
 */
export async function getSourcesStatus(input: {
  db: Store;
  nowMs: number;
  staleDays?: number;
}): Promise<SourcesStatus> {
  const { db, nowMs } = input;
  const staleDays = input.staleDays ?? DEFAULT_SETTINGS.staleAfterDays;
  const text = (col: string) => sqlFor(db).sortKey(col, "ASC", { text: true });
  const rows = await all<{ id: number; relPath: string; subPath: string; developer: string }>(
    db,
    `SELECT s.id, s.rel_path AS "relPath", s.sub_path AS "subPath", d.name AS developer
     FROM sources s JOIN developers d ON d.id = s.developer_id ORDER BY ${text("d.name")}, ${text("s.rel_path")}`,
  );
  const files = await all<FileRow>(
    db,
    `SELECT f.id, f.source_id AS "sourceId", f.name, f.kind, f.copy_kind AS "copyKind", f.copy_of AS "copyOf",
            f.size AS "sizeBytes", f.mtime_ms AS "mtimeMs", f.status, f.last_error AS "lastError",
            f.last_error_ms AS "lastErrorMs", f.last_ingested_ms AS "lastIngestedMs", f.records_count AS records,
            f.skipped_count AS skipped, f.skipped_json AS "skippedJson",
            CASE WHEN f.kind = 'sessions' AND f.copy_kind <> 'primary' THEN
              (SELECT count(*) FROM session_versions v WHERE v.file_id = f.id AND EXISTS (
                 SELECT 1 FROM session_versions o WHERE o.developer_id = v.developer_id
                 AND o.session_id = v.session_id AND o.file_id <> v.file_id)) END AS overlapping
     FROM source_files f ORDER BY ${text("f.name")}`,
  );
  const bySource = new Map<number, (Omit<FileRow, "skippedJson"> & SourceFileStatus)[]>();
  for (const { skippedJson, ...row } of files) {
    const f = { ...row, skippedRecords: parseSkipped(skippedJson) };
    const list = bySource.get(f.sourceId) ?? [];
    list.push(f);
    bySource.set(f.sourceId, list);
  }
  const staleBefore = nowMs - staleDays * 86_400_000;
  const out: SourceStatus[] = rows.map((src) => {
    const list = bySource.get(src.id) ?? [];
    const counts = { sessions: 0, interactions: 0, issues: 0, requests: 0, skipped: 0 };
    let lastFileChangeMs: number | null = null;
    let lastIngestMs: number | null = null;
    for (const f of list) {
      if (
        f.kind === "sessions" ||
        f.kind === "interactions" ||
        f.kind === "issues" ||
        f.kind === "requests"
      ) {
        counts[f.kind] += f.records;
      }
      counts.skipped += f.skipped;
      lastFileChangeMs = Math.max(lastFileChangeMs ?? 0, f.mtimeMs);
      if (f.lastIngestedMs !== null) lastIngestMs = Math.max(lastIngestMs ?? 0, f.lastIngestedMs);
    }
    return {
      id: src.id,
      developer: src.developer,
      relPath: src.relPath,
      kind: src.relPath.startsWith(PUSH_PREFIX) ? "push" : "folder",
      subPath: src.subPath,
      lastFileChangeMs,
      lastIngestMs,
      counts,
      files: list.map(({ id: _id, sourceId: _s, overlapping: _o, ...f }) => f),
      skippedRecords: list.flatMap((f) => f.skippedRecords.map((r) => ({ file: f.name, ...r }))),
      errors: list
        .filter((f) => f.status === "error")
        .map((f) => ({ name: f.name, error: f.lastError ?? "unknown error", atMs: f.lastErrorMs })),
      mergedCopies: list
        .filter((f) => f.copyKind !== "primary")
        .map((f) => ({
          name: f.name,
          copyKind: f.copyKind,
          copyOf: f.copyOf,
          records: f.records,
          sessionsOverlapping: f.overlapping ?? 0,
          sessionsOnlyHere: f.kind === "sessions" ? f.records - (f.overlapping ?? 0) : 0,
        })),
      stale: lastFileChangeMs === null || lastFileChangeMs < staleBefore,
    };
  });
  const run = await get<NonNullable<SourcesStatus["lastRun"]>>(
    db,
    `SELECT id, finished_ms AS "finishedMs", files_ingested AS "filesIngested", files_failed AS "filesFailed",
            files_removed AS "filesRemoved"
     FROM ingest_runs ORDER BY id DESC LIMIT 1`,
  );
  return {
    nowMs,
    staleDays,
    sources: out,
    totals: {
      sources: out.length,
      stale: out.filter((s) => s.stale).length,
      filesWithErrors: out.reduce((n, s) => n + s.errors.length, 0),
      mergedCopies: out.reduce((n, s) => n + s.mergedCopies.length, 0),
    },
    lastRun: run ?? null,
  };
}
