/**
 * Raw records (as stored) → the contract's normalised model, memoised per raw object: storage hands
 * out the same object until a record is replaced, so repeated reports only normalise what changed.
 */
import {
  type AiRequest,
  type Interaction,
  type Issue,
  parseInteractionsFile,
  parseIssuesFile,
  parseRequestsFile,
  parseSessionsFile,
  type Session,
} from "../contract/index.js";
import type { JsonObject } from "../storage/json.js";

const sessionCache = new WeakMap<JsonObject, Session | null>();
const interactionCache = new WeakMap<JsonObject, Interaction | null>();
const issueCache = new WeakMap<JsonObject, Issue | null>();
const requestCache = new WeakMap<JsonObject, AiRequest | null>();

function memo<T>(
  cache: WeakMap<JsonObject, T | null>,
  raw: JsonObject,
  parse: () => T | undefined,
): T | null {
  let hit = cache.get(raw);
  if (hit === undefined) {
    hit = parse() ?? null;
    cache.set(raw, hit);
  }
  return hit;
}

/** Normalises one session record (null when it is unusable, e.g. not an object with fields). */
export function toSession(id: string, raw: JsonObject): Session | null {
  return memo(sessionCache, raw, () => parseSessionsFile({ [id]: raw }).records[0]);
}

/** Normalises a sessions map, skipping unusable records. */
export function toSessions(map: ReadonlyMap<string, JsonObject>): Session[] {
  const out: Session[] = [];
  for (const [id, raw] of map) {
    const s = toSession(id, raw);
    if (s) out.push(s);
  }
  return out;
}

function many<T>(
  cache: WeakMap<JsonObject, T | null>,
  raws: readonly JsonObject[],
  parse: (r: JsonObject) => T | undefined,
): T[] {
  const out: T[] = [];
  for (const raw of raws) {
    const v = memo(cache, raw, () => parse(raw));
    if (v) out.push(v);
  }
  return out;
}

/** Normalises interaction records, skipping unusable ones. */
export const toInteractions = (raws: readonly JsonObject[]): Interaction[] =>
  many(interactionCache, raws, (r) => parseInteractionsFile([r]).records[0]);

/** Normalises issue records, skipping unusable ones. */
export const toIssues = (raws: readonly JsonObject[]): Issue[] =>
  many(issueCache, raws, (r) => parseIssuesFile([r]).records[0]);

/** Normalises request records, skipping unusable ones. */
export const toRequests = (raws: readonly JsonObject[]): AiRequest[] =>
  many(requestCache, raws, (r) => parseRequestsFile([r]).records[0]);
