import { TrackerError } from "../errors.js";
import type { JsonObject } from "../storage/json.js";
import type { StoreTransaction } from "../storage/tracker-store.js";

/** The raw session or a not_found error telling the agent how to recover the id. */
export function requireSession(tx: StoreTransaction, sessionId: string): JsonObject {
  const raw = tx.getSession(sessionId);
  if (!raw) {
    throw new TrackerError(
      "not_found",
      `No session with ID: ${sessionId}. Call get_active_sessions to find the right id, or start_ai_session to start a new session.`,
    );
  }
  return raw;
}

/** Ratings of raw interaction records that are usable numbers. */
export function ratingsOf(interactions: readonly JsonObject[]): number[] {
  const out: number[] = [];
  for (const i of interactions) {
    const r = i.effectiveness_rating;
    if (typeof r === "number" && Number.isFinite(r)) out.push(r);
  }
  return out;
}
