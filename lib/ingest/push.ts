/**
 * Push ingest: a developer's tracker file contents sent over HTTP (`POST /api/v1/ingest`, the recorder's
 * `ai-session-tracker push`) for machines that cannot sync a folder. The pushed files go through the same
 * path as files on disk — `parseFileBytes` (contract + bounds/quarantine) and `applyInSteps` (the merge
 * rules of merge.ts, applied by store.ts) — as a source of their own, `push://<developer>[/<project>]`,
 * whose files are `push://…/sessions.json` etc. A pushed file replaces that push source's previous file of
 * the same name (a file left out of a push keeps what it held); identical content (sha1) writes nothing.
 * A folder scan never removes a pushed source (scan.ts).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { TrackerKind } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { PortalError } from "@/lib/errors";
import { applyInSteps } from "./apply-steps";
import { parseFileBytes } from "./parse";
import { folderNameProblem, pushSourcePath } from "./push-names";
import { type FileIdentity, ingestStoreFor, type Skipped } from "./store";

export { PUSH_PREFIX } from "./push-names";

/** The file names a push may carry (the tracker's own names) and their kinds. */
export const PUSH_FILES = {
  "sessions.json": "sessions",
  "interactions.json": "interactions",
  "issues.json": "issues",
  "requests.json": "requests",
  "usage.json": "usage", // the recorder's measured token usage (issue 13)
} as const satisfies Record<string, TrackerKind>;

/** One of {@link PUSH_FILES}' names. */
export type PushFileName = keyof typeof PUSH_FILES;

const folderName = (what: string) =>
  z.string().superRefine((name, ctx) => {
    const problem = folderNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: `${what} ${problem}` });
  });

/**
 * The body of a push: `{ developer, project?, files: { "sessions.json"?: …, … } }`, each file's value as
 * the tracker writes it (checked by the contract in {@link ingestPush}). Unknown keys are refused.
 */
export const pushPayloadSchema = z
  .object({
    developer: folderName("developer"),
    project: folderName("project").nullable().default(null),
    files: z
      .strictObject({
        "sessions.json": z.unknown().optional(),
        "interactions.json": z.unknown().optional(),
        "issues.json": z.unknown().optional(),
        "requests.json": z.unknown().optional(),
        "usage.json": z.unknown().optional(),
      })
      .refine((f) => Object.values(f).some((v) => v !== undefined), "files: send at least one tracker file"),
  })
  .strict();

/** A validated push. */
export type PushPayload = z.infer<typeof pushPayloadSchema>;

/** What a push did to one file. */
export interface PushFileOutcome {
  name: PushFileName;
  /** `unchanged`: the same content as the last push of this file (nothing written). */
  action: "ingested" | "unchanged";
  /** Records read from the pushed file (after the contract and the bounds). */
  records: number;
  /** Records left out (unreadable or out of the portal's bounds). */
  skipped: number;
  /** The first skipped records with why (at most 50). */
  skippedRecords: Skipped[];
}

/** Result of {@link ingestPush}. */
export interface PushResult {
  /** The push source's path (`push://alice/payments`). */
  source: string;
  developer: string;
  project: string | null;
  /** True when any row changed (the data version moved). */
  changed: boolean;
  rowsChanged: number;
  files: PushFileOutcome[];
}

/**
 * Ingests a validated push at `nowMs` (the pushed files' mtime, the bounds' "now"). Every file is parsed
 * before anything is written: a file the contract cannot read (wrong top-level shape, invalid JSON
 * values) is a `bad_request` naming it, and nothing of the push is stored.
 */
export async function ingestPush(input: {
  db: Store;
  payload: PushPayload;
  nowMs: number;
}): Promise<PushResult> {
  const { db, payload, nowMs } = input;
  const store = ingestStoreFor(db);
  const dir = pushSourcePath(payload.developer, payload.project);
  const parsedFiles = [];
  for (const name of Object.keys(PUSH_FILES) as PushFileName[]) {
    const value = payload.files[name];
    if (value === undefined) continue;
    const bytes = Buffer.from(JSON.stringify(value), "utf8");
    const parsed = parseFileBytes(PUSH_FILES[name], bytes, nowMs);
    if (!parsed.ok) throw new PortalError("bad_request", `files["${name}"]: ${parsed.error}`);
    parsedFiles.push({ name, bytes, parsed, hash: createHash("sha1").update(bytes).digest("hex") });
  }
  const stored = await store.listFiles();
  const result: PushResult = {
    source: dir,
    developer: payload.developer,
    project: payload.project,
    changed: false,
    rowsChanged: 0,
    files: [],
  };
  for (const { name, bytes, parsed, hash } of parsedFiles) {
    const { contribution, skipped } = parsed;
    const identity: FileIdentity = {
      relPath: `${dir}/${name}`,
      name,
      kind: PUSH_FILES[name],
      copyKind: "primary",
      copyOf: null,
      developer: payload.developer,
      dirRelPath: dir,
      subPath: payload.project ?? "",
    };
    let file = stored.get(identity.relPath);
    const outcome: PushFileOutcome = {
      name,
      action: "unchanged",
      records: contribution.records.length,
      skipped: skipped.length,
      skippedRecords: skipped.slice(0, 50),
    };
    result.files.push(outcome);
    if (file?.hash === hash && file.status === "ok") continue;
    const meta = { size: bytes.length, mtimeMs: nowMs, hash, nowMs };
    const applied = await applyInSteps(store, identity, contribution, skipped, meta, async () => {
      file ??= await store.createFile(identity, bytes.length, nowMs, nowMs);
      return file;
    });
    if (applied === null)
      throw new PortalError("conflict", `Another push of ${dir}/${name} is being applied; try again`);
    outcome.action = "ingested";
    outcome.records = applied.records;
    outcome.skipped = skipped.length + (contribution.records.length - applied.records);
    result.rowsChanged += applied.rowsChanged;
    result.changed = true;
  }
  return result;
}
