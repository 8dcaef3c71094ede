import { afterSessionEnd } from "../git/session-git.js";
import { computeTokenStats, sessionDurationMinutes } from "../stats/index.js";
import type { JsonObject } from "../storage/json.js";
import { uniqueTimestamp } from "./clock.js";
import type { TrackerContext } from "./context.js";
import type { EndSessionInput } from "./inputs.js";
import { toInteractions, toSession } from "./normalize.js";
import { requireSession } from "./session-lookup.js";

export interface EndSessionResult {
  session: JsonObject;
  duration_minutes: number;
  total_interactions: number;
  avg_effectiveness: number;
  issues_count: number;
  token_stats: ReturnType<typeof computeTokenStats>;
}

/**
 * Completes a session (spec §1.4.3): status, end time (never capped for an explicit end), outcome,
 * notes, the optional final estimate and a `token_stats` snapshot — in one write (upstream writes twice).
 * Ending an already-ended session ends it again, as upstream does.
 */
export async function endSession(ctx: TrackerContext, input: EndSessionInput): Promise<EndSessionResult> {
  const result = await ctx.store.transaction((tx) => {
    // Our `git` field stays after upstream's fields (token_stats included): taken out, put back last.
    const { git, ...raw } = requireSession(tx, input.session_id);
    const interactions = tx.interactionsForSession(input.session_id);
    const tokenStats = computeTokenStats(toInteractions(interactions));
    const session: JsonObject = {
      ...raw,
      status: "completed",
      end_time: uniqueTimestamp(ctx.now()),
      outcome: input.outcome,
      notes: input.notes,
      ...(input.final_estimate_minutes === undefined
        ? {}
        : { final_estimate_minutes: input.final_estimate_minutes }),
      // Spread per level: the contract's interface types carry no index signature.
      token_stats: {
        token_stats: { ...tokenStats.token_stats },
        cache_stats: { ...tokenStats.cache_stats },
        context_stats: { ...tokenStats.context_stats },
      },
      ...(git === undefined ? {} : { git }),
    };
    tx.putSession(input.session_id, session);
    ctx.ownedSessionIds.delete(input.session_id);
    const normalised = toSession(input.session_id, session);
    return {
      session,
      duration_minutes: normalised ? sessionDurationMinutes(normalised) : 0,
      total_interactions:
        typeof raw.total_interactions === "number" ? raw.total_interactions : interactions.length,
      avg_effectiveness: typeof raw.avg_effectiveness === "number" ? raw.avg_effectiveness : 0,
      issues_count: tx.issuesForSession(input.session_id).length,
      // Spread per level: the contract's interface types carry no index signature.
      token_stats: {
        token_stats: { ...tokenStats.token_stats },
        cache_stats: { ...tokenStats.cache_stats },
        context_stats: { ...tokenStats.context_stats },
      },
    };
  });
  afterSessionEnd(ctx, input.session_id);
  return result;
}
