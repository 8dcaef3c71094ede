/** GET /api/v1/sources: the sync status of every source (lib/queries/get-sources-status.ts), snake_case. */
import { z } from "zod";
import type { SourcesStatus } from "@/lib/queries/get-sources-status";
import { defineResponse } from "./define";

const ms = z.number().meta({ description: "Epoch milliseconds (UTC)" });
const skippedRecord = z.strictObject({ key: z.union([z.string(), z.number()]), reason: z.string() });

const sourceFile = z.strictObject({
  name: z.string(),
  kind: z.string(),
  copy_kind: z.string(),
  copy_of: z.string().nullable(),
  size_bytes: z.number(),
  mtime_ms: ms,
  status: z.enum(["ok", "error"]),
  last_error: z.string().nullable(),
  last_error_ms: ms.nullable(),
  last_ingested_ms: ms.nullable(),
  records: z.number(),
  skipped: z.number(),
  skipped_records: z.array(skippedRecord),
});

const source = z.strictObject({
  id: z.number(),
  developer: z.string(),
  rel_path: z
    .string()
    .meta({ description: "Folder relative to the data root, or push://developer[/project]" }),
  kind: z.enum(["folder", "push"]),
  sub_path: z.string(),
  last_file_change_ms: ms.nullable(),
  last_ingest_ms: ms.nullable(),
  counts: z.strictObject({
    sessions: z.number(),
    interactions: z.number(),
    issues: z.number(),
    requests: z.number(),
    skipped: z.number(),
  }),
  files: z.array(sourceFile),
  skipped_records: z.array(skippedRecord.extend({ file: z.string() })),
  errors: z.array(z.strictObject({ name: z.string(), error: z.string(), at_ms: ms.nullable() })),
  merged_copies: z.array(
    z.strictObject({
      name: z.string(),
      copy_kind: z.string(),
      copy_of: z.string().nullable(),
      records: z.number(),
      sessions_overlapping: z.number(),
      sessions_only_here: z.number(),
    }),
  ),
  stale: z.boolean(),
});

/** The body of GET /api/v1/sources. */
export const sourcesResponse = defineResponse(
  z.strictObject({
    now_ms: ms,
    stale_days: z.number(),
    sources: z.array(source),
    totals: z.strictObject({
      sources: z.number(),
      stale: z.number(),
      files_with_errors: z.number(),
      merged_copies: z.number(),
    }),
    last_run: z
      .strictObject({
        id: z.number(),
        finished_ms: ms,
        files_ingested: z.number(),
        files_failed: z.number(),
        files_removed: z.number(),
      })
      .nullable(),
  }),
  (s: SourcesStatus) => ({
    now_ms: s.nowMs,
    stale_days: s.staleDays,
    sources: s.sources.map((src) => ({
      id: src.id,
      developer: src.developer,
      rel_path: src.relPath,
      kind: src.kind,
      sub_path: src.subPath,
      last_file_change_ms: src.lastFileChangeMs,
      last_ingest_ms: src.lastIngestMs,
      counts: { ...src.counts },
      files: src.files.map((f) => ({
        name: f.name,
        kind: f.kind,
        copy_kind: f.copyKind,
        copy_of: f.copyOf,
        size_bytes: f.sizeBytes,
        mtime_ms: f.mtimeMs,
        status: f.status,
        last_error: f.lastError,
        last_error_ms: f.lastErrorMs,
        last_ingested_ms: f.lastIngestedMs,
        records: f.records,
        skipped: f.skipped,
        skipped_records: f.skippedRecords.map((r) => ({ key: r.key, reason: r.reason })),
      })),
      skipped_records: src.skippedRecords.map((r) => ({ key: r.key, reason: r.reason, file: r.file })),
      errors: src.errors.map((e) => ({ name: e.name, error: e.error, at_ms: e.atMs })),
      merged_copies: src.mergedCopies.map((c) => ({
        name: c.name,
        copy_kind: c.copyKind,
        copy_of: c.copyOf,
        records: c.records,
        sessions_overlapping: c.sessionsOverlapping,
        sessions_only_here: c.sessionsOnlyHere,
      })),
      stale: src.stale,
    })),
    totals: {
      sources: s.totals.sources,
      stale: s.totals.stale,
      files_with_errors: s.totals.filesWithErrors,
      merged_copies: s.totals.mergedCopies,
    },
    last_run: s.lastRun && {
      id: s.lastRun.id,
      finished_ms: s.lastRun.finishedMs,
      files_ingested: s.lastRun.filesIngested,
      files_failed: s.lastRun.filesFailed,
      files_removed: s.lastRun.filesRemoved,
    },
  }),
);
