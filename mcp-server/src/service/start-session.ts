import { TrackerError } from "../errors.js";
import { afterSessionStart } from "../git/session-git.js";
import type { JsonObject } from "../storage/json.js";
import { closeOwnActiveSessions } from "./auto-close.js";
import { uniqueTimestamp } from "./clock.js";
import type { TrackerContext } from "./context.js";
import type { StartSessionInput } from "./inputs.js";
import { allocateSessionId } from "./session-id.js";

export interface StartSessionResult {
  session_id: string;
  auto_closed_sessions: string[];
  session: JsonObject;
}

/**
 * Starts a session: closes this process's previous active sessions (spec §2.6, scoped to our own),
 * allocates a collision-free id and writes the record in upstream's current layout (spec §2.3).
 * The older ABI's `human_time_estimate_minutes` is taken as the initial estimate.
 */
export async function startSession(
  ctx: TrackerContext,
  input: StartSessionInput,
): Promise<StartSessionResult> {
  const estimate = input.initial_estimate_minutes ?? input.human_time_estimate_minutes;
  if (estimate === undefined) {
    throw new TrackerError(
      "invalid_input",
      "initial_estimate_minutes is required: send the minutes a human would need for this task (e.g. 60)",
    );
  }
  const defaults =
    input.developer === undefined || input.project === undefined ? await ctx.defaults() : undefined;
  const developer = input.developer ?? defaults?.developer ?? "";
  const project = input.project ?? defaults?.project ?? "";

  const result = await ctx.store.transaction((tx) => {
    const autoClosed = closeOwnActiveSessions(tx, ctx, "new session started");
    const now = ctx.now();
    const id = allocateSessionId(
      input.session_name,
      now,
      (candidate) => tx.getSession(candidate) !== undefined,
    );
    const session: JsonObject = {
      id,
      session_name: input.session_name,
      task_type: input.task_type,
      context: input.context,
      start_time: uniqueTimestamp(now),
      model_name: input.model_name,
      initial_estimate_minutes: estimate,
      estimate_source: input.estimate_source,
      final_estimate_minutes: null,
      status: "active",
      execution_context: ctx.executionContext,
      end_time: null,
      outcome: null,
      notes: "",
      total_interactions: 0,
      avg_effectiveness: 0.0,
      code_metrics: [],
      developer,
      project,
    };
    tx.putSession(id, session);
    ctx.ownedSessionIds.add(id);
    return { session_id: id, auto_closed_sessions: autoClosed, session };
  });
  afterSessionStart(ctx, result.session_id);
  return result;
}
