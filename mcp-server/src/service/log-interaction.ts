import { pyRound } from "../stats/rounding.js";
import type { JsonObject } from "../storage/json.js";
import { uniqueTimestamp } from "./clock.js";
import type { TrackerContext } from "./context.js";
import type { LogInteractionInput } from "./inputs.js";
import { ratingsOf, requireSession } from "./session-lookup.js";
import { interactionText } from "./text-privacy.js";

export interface LogInteractionResult {
  total_interactions: number;
  avg_effectiveness: number;
  interaction: JsonObject;
}

/**
 * Appends an interaction (upstream key order, spec §2.3) and refreshes the session's
 * `total_interactions` and `avg_effectiveness` (round(mean, 2)) in the same locked transaction, so
 * concurrent writers never lose a count. Completed sessions still accept interactions, as upstream.
 * The prompt and summary are written as `ctx.textPrivacy` allows (see text-privacy.ts).
 */
export function logInteraction(
  ctx: TrackerContext,
  input: LogInteractionInput,
): Promise<LogInteractionResult> {
  return ctx.store.transaction((tx) => {
    const session = requireSession(tx, input.session_id);
    const { text, markers } = interactionText(ctx.textPrivacy, input.prompt, input.response_summary);
    const interaction: JsonObject = {
      session_id: input.session_id,
      timestamp: uniqueTimestamp(ctx.now()),
      ...text,
      effectiveness_rating: input.effectiveness_rating,
      iteration_count: input.iteration_count,
      tools_used: input.tools_used,
      tokens_in: input.tokens_in ?? 0,
      tokens_out: input.tokens_out ?? 0,
      cache_hit_rate: pyRound(input.cache_hit_rate ?? 0, 4),
      cached_tokens: input.cached_tokens ?? 0,
      new_tokens: input.new_tokens ?? 0,
      context_pct: pyRound(input.context_pct ?? 0, 2),
      ...markers,
    };
    tx.appendInteraction(interaction);
    const ratings = ratingsOf(tx.interactionsForSession(input.session_id));
    const total = ratings.length;
    const avg = total === 0 ? 0 : pyRound(ratings.reduce((a, b) => a + b, 0) / total, 2);
    tx.putSession(input.session_id, { ...session, total_interactions: total, avg_effectiveness: avg });
    return { total_interactions: total, avg_effectiveness: avg, interaction };
  });
}
