/**
 * Raw records (as stored) → the contract's normalised model, memoised per raw object: storage hands
 * out the same object until a record is replaced, so repeated reports only normalise what changed.
 */
import type { AiRequest, Interaction, Issue, Session } from "../contract/index.js";
import {
  parseInteractionsFile,
  parseIssuesFile,
  parseRequestsFile,
  parseSessionsFile,
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

/**
 * Normalises an append-only list, reusing the previous result when `raws` extends the previous input
 * (same first and last-known record objects): after an append only the new tail is normalised.
 */
function appendOnly<T>(cache: WeakMap<JsonObject, T | null>, parse: (r: JsonObject) => T | undefined) {
  let lastRaws: readonly JsonObject[] = [];
  let lastOut: T[] = [];
  let lastCount = 0;
  return (raws: readonly JsonObject[]): T[] => {
    const extends_ =
      lastCount > 0 &&
      raws.length >= lastCount &&
      raws[0] === lastRaws[0] &&
      raws[lastCount - 1] === lastRaws[lastCount - 1];
    const out = extends_ ? lastOut.slice() : [];
    for (let i = extends_ ? lastCount : 0; i < raws.length; i++) {
      const raw = raws[i];
      if (!raw) continue;
      const v = memo(cache, raw, () => parse(raw));
      if (v) out.push(v);
    }
    lastRaws = raws;
    lastCount = raws.length;
    lastOut = out;
    return out;
  };
}

const parseInteraction = (r: JsonObject) => parseInteractionsFile([r]).records[0];

/** Normalises a few interaction records (e.g. one session's), skipping unusable ones. */
export function toInteractions(raws: readonly JsonObject[]): Interaction[] {
  const out: Interaction[] = [];
  for (const raw of raws) {
    const v = memo(interactionCache, raw, () => parseInteraction(raw));
    if (v) out.push(v);
  }
  return out;
}

/** Normalises the whole interactions file, skipping unusable ones (incremental after appends). */
export const toAllInteractions: (raws: readonly JsonObject[]) => Interaction[] = appendOnly(
  interactionCache,
  parseInteraction,
);

/** Normalises issue records, skipping unusable ones. */
export const toIssues: (raws: readonly JsonObject[]) => Issue[] = appendOnly(
  issueCache,
  (r) => parseIssuesFile([r]).records[0],
);

/** Normalises request records, skipping unusable ones. */
export const toRequests: (raws: readonly JsonObject[]) => AiRequest[] = appendOnly(
  requestCache,
  (r) => parseRequestsFile([r]).records[0],
);
