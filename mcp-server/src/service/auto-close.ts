import { pyFloatStr, pyFormatFixed } from "../stats/rounding.js";
import type { JsonObject } from "../storage/json.js";
import type { StoreTransaction } from "../storage/tracker-store.js";
import { formatIsoUtc, parseTimestamp } from "./clock.js";
import type { TrackerContext } from "./context.js";

export type AutoCloseReason = "new session started" | "server shutdown";

/**
 * Upstream's `_calculate_capped_end_time` (spec §2.6): end = now, or start + max when the session ran
 * longer than the cap, with the matching `[Auto-closed: …]` note. An unparseable start ends now.
 */
export function cappedEnd(
  startTime: unknown,
  now: Date,
  maxHours: number,
  reason: AutoCloseReason,
): { endTime: string; note: string } {
  const start = parseTimestamp(startTime);
  if (start) {
    const elapsedHours = (now.getTime() - start.getTime()) / 3_600_000;
    if (elapsedHours > maxHours) {
      const end = new Date(start.getTime() + maxHours * 3_600_000);
      return {
        endTime: formatIsoUtc(end),
        note: `[Auto-closed: ${reason}, exceeded ${pyFloatStr(maxHours)}h max duration (was ${pyFormatFixed(elapsedHours, 1)}h)]`,
      };
    }
  }
  return { endTime: formatIsoUtc(now), note: `[Auto-closed: ${reason}]` };
}

/**
 * Closes this process's still-active sessions (outcome `partial`, capped end, note appended).
 * Sessions started by other processes — another IDE window, a CLI job — are never touched.
 * Returns the ids closed, in file order.
 */
export function closeOwnActiveSessions(
  tx: StoreTransaction,
  ctx: TrackerContext,
  reason: AutoCloseReason,
): string[] {
  const closed: string[] = [];
  const now = ctx.now();
  for (const id of ctx.ownedSessionIds) {
    const raw = tx.getSession(id);
    if (raw?.status !== "active") {
      ctx.ownedSessionIds.delete(id);
      continue;
    }
    const { endTime, note } = cappedEnd(raw.start_time, now, ctx.maxSessionDurationHours, reason);
    const notes = `${typeof raw.notes === "string" ? raw.notes : ""} ${note}`.trim();
    const updated: JsonObject = { ...raw, status: "completed", end_time: endTime, outcome: "partial", notes };
    tx.putSession(id, updated);
    ctx.ownedSessionIds.delete(id);
    closed.push(id);
  }
  return closed;
}

/** Closes this process's active sessions on exit (stdin EOF, SIGTERM, SIGINT). */
export function closeOwnSessionsOnShutdown(ctx: TrackerContext): Promise<string[]> {
  if (ctx.ownedSessionIds.size === 0) return Promise.resolve([]);
  return ctx.store.transaction((tx) => closeOwnActiveSessions(tx, ctx, "server shutdown"));
}
