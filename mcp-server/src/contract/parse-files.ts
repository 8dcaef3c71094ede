/**
 * Parsers for the four tracker files. Input is the value of `JSON.parse(fileText)`; reading the file and
 * handling invalid JSON belong to the caller (storage, ingest).
 *
 * A record that does not fit is skipped and reported with a readable reason (the ccusage rule: never
 * lose a whole file to one bad record). A wrong top-level shape throws `TrackerError("corrupt_file")`.
 */
import type { z } from "zod";
import { TrackerError } from "../errors.js";
import { describeZodError, FieldError } from "./coerce.js";
import {
  type Interaction,
  interactionRecordSchema,
  normalizeInteraction,
  normalizeInteractionFast,
} from "./interaction-schema.js";
import { type Issue, issueRecordSchema, normalizeIssue } from "./issue-schema.js";
import { type AiRequest, normalizeRequest, requestRecordSchema } from "./request-schema.js";
import {
  normalizeSession,
  normalizeSessionFast,
  type Session,
  sessionRecordSchema,
} from "./session-schema.js";

/** File names of the tracker's data folder, by kind. */
export const TRACKER_FILE_NAMES = {
  sessions: "sessions.json",
  interactions: "interactions.json",
  issues: "issues.json",
  requests: "requests.json",
} as const;

/** The four kinds of tracker file. */
export type TrackerFileKind = keyof typeof TRACKER_FILE_NAMES;

/** All file kinds, in a fixed order. */
export const TRACKER_FILE_KINDS: readonly TrackerFileKind[] = [
  "sessions",
  "interactions",
  "issues",
  "requests",
];

/** A record left out of a parse: its key (session id, or array index) and why. */
export interface SkippedRecord {
  key: string | number;
  reason: string;
}

/** Result of parsing one file: the normalised records in file order and the skipped ones. */
export interface ParseResult<T> {
  records: T[];
  skipped: SkippedRecord[];
}

/** Normalised record type per file kind. */
export interface TrackerRecordByKind {
  sessions: Session;
  interactions: Interaction;
  issues: Issue;
  requests: AiRequest;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}

/** Parses one record: schema check, then normalisation; returns the record or the reason it failed. */
function parseOne<S extends z.ZodType, T>(
  schema: S,
  normalize: (raw: z.infer<S>) => T,
  value: unknown,
): { ok: true; record: T } | { ok: false; reason: string } {
  if (!isPlainObject(value)) return { ok: false, reason: `expected an object, got ${describeType(value)}` };
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: describeZodError(parsed.error) };
  try {
    return { ok: true, record: normalize(parsed.data) };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, reason: e.message };
    throw e;
  }
}

function parseArrayFile<S extends z.ZodType, T>(
  kind: TrackerFileKind,
  data: unknown,
  schema: S,
  normalize: (raw: z.infer<S>) => T,
  fast?: (value: Readonly<Record<string, unknown>>) => T | null,
): ParseResult<T> {
  if (!Array.isArray(data)) {
    throw new TrackerError(
      "corrupt_file",
      `${TRACKER_FILE_NAMES[kind]} must hold a JSON array, but it holds ${describeType(data)}`,
    );
  }
  const records: T[] = [];
  const skipped: SkippedRecord[] = [];
  for (let i = 0; i < data.length; i++) {
    const value: unknown = data[i];
    const quick = fast && isPlainObject(value) ? fast(value) : null;
    if (quick) {
      records.push(quick);
      continue;
    }
    const result = parseOne(schema, normalize, value);
    if (result.ok) records.push(result.record);
    else skipped.push({ key: i, reason: result.reason });
  }
  return { records, skipped };
}

/**
 * Parses `sessions.json` (an object keyed by session id) in key order.
 * @throws TrackerError `corrupt_file` when `data` is not a JSON object.
 */
export function parseSessionsFile(data: unknown): ParseResult<Session> {
  if (!isPlainObject(data)) {
    throw new TrackerError(
      "corrupt_file",
      `${TRACKER_FILE_NAMES.sessions} must hold a JSON object keyed by session id, but it holds ${describeType(data)}`,
    );
  }
  const records: Session[] = [];
  const skipped: SkippedRecord[] = [];
  for (const [key, value] of Object.entries(data)) {
    const quick = isPlainObject(value) ? normalizeSessionFast(key, value) : null;
    if (quick) {
      if (quick.id === "") skipped.push({ key, reason: "session has neither a key nor an id" });
      else records.push(quick);
      continue;
    }
    const result = parseOne(sessionRecordSchema, (raw) => normalizeSession(key, raw), value);
    if (!result.ok) skipped.push({ key, reason: result.reason });
    else if (result.record.id === "") skipped.push({ key, reason: "session has neither a key nor an id" });
    else records.push(result.record);
  }
  return { records, skipped };
}

/**
 * Parses `interactions.json` (an array). Skipped keys are array indexes.
 * @throws TrackerError `corrupt_file` when `data` is not an array.
 */
export function parseInteractionsFile(data: unknown): ParseResult<Interaction> {
  return parseArrayFile(
    "interactions",
    data,
    interactionRecordSchema,
    normalizeInteraction,
    normalizeInteractionFast,
  );
}

/**
 * Parses `issues.json` (an array). Skipped keys are array indexes.
 * @throws TrackerError `corrupt_file` when `data` is not an array.
 */
export function parseIssuesFile(data: unknown): ParseResult<Issue> {
  return parseArrayFile("issues", data, issueRecordSchema, normalizeIssue);
}

/**
 * Parses `requests.json` (an array). Skipped keys are array indexes.
 * @throws TrackerError `corrupt_file` when `data` is not an array.
 */
export function parseRequestsFile(data: unknown): ParseResult<AiRequest> {
  return parseArrayFile("requests", data, requestRecordSchema, normalizeRequest);
}

/**
 * Parses the JSON value of a tracker file of the given kind.
 * @throws TrackerError `corrupt_file` on a wrong top-level shape.
 */
export function parseTrackerFile<K extends TrackerFileKind>(
  kind: K,
  data: unknown,
): ParseResult<TrackerRecordByKind[K]>;
export function parseTrackerFile(
  kind: TrackerFileKind,
  data: unknown,
): ParseResult<TrackerRecordByKind[TrackerFileKind]> {
  switch (kind) {
    case "sessions":
      return parseSessionsFile(data);
    case "interactions":
      return parseInteractionsFile(data);
    case "issues":
      return parseIssuesFile(data);
    case "requests":
      return parseRequestsFile(data);
  }
}

/** The kind of a tracker file from its base name (`sessions.json` → "sessions"), or null. */
export function trackerFileKindOf(fileName: string): TrackerFileKind | null {
  for (const kind of TRACKER_FILE_KINDS) {
    if (TRACKER_FILE_NAMES[kind] === fileName) return kind;
  }
  return null;
}
