/**
 * The extractor's memory, `.usage-state-<host>.json` in the tracker folder: per log file (named by a
 * hash of its path — no path of this machine is written) how far it was read, what its reader carries
 * between lines, which requests it counted, and the usage records it contributed. usage.json is rebuilt
 * from these contributions on every run, so a crash between the two writes heals on the next run, and
 * what was extracted from a transcript Claude Code has since deleted (after 30 days) stays.
 *
 * One file per machine: the tracker folder may be synced between a developer's machines, whose log
 * files differ.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { TOKEN_KINDS, USAGE_AGENTS, usageRecordSchema } from "../contract/usage-schema.js";
import { atomicWriteFile, errnoCode, utcStamp } from "../storage/fs-util.js";

const count = z.number().int().nonnegative();
const countsTuple = z.array(count).length(TOKEN_KINDS.length);

const fileStateSchema = z.object({
  agent: z.enum(USAGE_AGENTS),
  size: count,
  mtime_ms: z.number(),
  /** Byte offset after the last complete line read. */
  offset: count,
  /** null until a line named the working folder; false = another project's file (not read further). */
  in_scope: z.boolean().nullable(),
  /** The scope `in_scope: false` was decided for ("*" = all projects, else a hash of the project folder). */
  scope: z.string(),
  project: z.string().nullable(),
  /** Codex: what its reader carries between lines. */
  conversation_id: z.string().nullable(),
  agent_version: z.string().nullable(),
  model: z.string().nullable(),
  totals: z.array(count).length(4).nullable(),
  /** Claude Code: the last requests counted (key, record key, counted counts) for streaming repeats. */
  recent: z.array(z.tuple([z.string(), z.string(), countsTuple])),
  /** Claude Code: every request key counted from this file (a resumed conversation repeats them). */
  seen: z.array(z.string()),
  /** Set once the file is gone: only its contribution is kept. */
  gone: z.boolean(),
  records: z.array(usageRecordSchema),
});
/** What is remembered about one log file. */
export type FileState = z.infer<typeof fileStateSchema>;

const stateSchema = z.object({
  version: z.literal(1),
  files: z.record(z.string(), fileStateSchema),
});
/** The whole state file. */
export type UsageState = z.infer<typeof stateSchema>;

/** The state file's name for this machine (host name made safe as a file name). */
export function stateFileName(host = hostname()): string {
  return `.usage-state-${host.replace(/[^a-zA-Z0-9._-]/g, "_") || "host"}.json`;
}

/** The key a log file is remembered under: a hash of its path. */
export function fileKey(path: string): string {
  return createHash("sha256").update(path).digest("base64url").slice(0, 22);
}

/** A scope's label in the state: "*" for every project, else a hash of the project folder. */
export function scopeLabel(projectDir: string | null): string {
  return projectDir === null ? "*" : createHash("sha256").update(projectDir).digest("base64url").slice(0, 16);
}

/** A fresh file entry. */
export function newFileState(agent: FileState["agent"], scope: string): FileState {
  return {
    agent,
    size: 0,
    mtime_ms: 0,
    offset: 0,
    in_scope: null,
    scope,
    project: null,
    conversation_id: null,
    agent_version: null,
    model: null,
    totals: null,
    recent: [],
    seen: [],
    gone: false,
    records: [],
  };
}

/**
 * Reads the state of `dir`. Missing → empty. Unreadable or not in this shape → moved aside as
 * `<name>.corrupt-<UTC time>` (reported through `log`) and empty: the next run reads the logs again,
 * and usage.json records it does not rebuild stay as they are.
 */
export function readUsageState(dir: string, log: (line: string) => void): UsageState {
  const path = join(dir, stateFileName());
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (errnoCode(e) === "ENOENT") return { version: 1, files: {} };
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = stateSchema.safeParse(parsed);
  if (result.success) return result.data;
  const aside = `${path}.corrupt-${utcStamp(new Date())}`;
  renameSync(path, aside);
  log(`usage: ${path} could not be read; moved to ${aside} and the logs are read again`);
  return { version: 1, files: {} };
}

/** Writes the state of `dir` atomically (call under the folder lock). */
export function writeUsageState(dir: string, state: UsageState): void {
  atomicWriteFile(join(dir, stateFileName()), dir, [Buffer.from(JSON.stringify(state))]);
}
