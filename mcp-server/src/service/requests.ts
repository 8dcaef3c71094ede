import { randomUUID } from "node:crypto";
import { computeRequestStats } from "../stats/index.js";
import { pyRound } from "../stats/rounding.js";
import type { JsonObject } from "../storage/json.js";
import { uniqueTimestamp } from "./clock.js";
import type { TrackerContext } from "./context.js";
import type { GetRequestStatsInput, LogRequestInput } from "./inputs.js";
import { toRequests } from "./normalize.js";

/** Appends a standalone request record (spec §2.3; not linked to a session). */
export async function logRequest(
  ctx: TrackerContext,
  input: LogRequestInput,
): Promise<{ request: JsonObject }> {
  const defaults =
    input.developer === undefined || input.project === undefined ? await ctx.defaults() : undefined;
  return ctx.store.transaction((tx) => {
    const request: JsonObject = {
      id: randomUUID(),
      timestamp: uniqueTimestamp(ctx.now()),
      model: input.model,
      type: input.request_type,
      tokens_in: input.tokens_in,
      tokens_out: input.tokens_out,
      cache_hit_rate: pyRound(input.cache_hit_rate ?? 0, 4),
      cached_tokens: input.cached_tokens ?? 0,
      new_tokens: input.new_tokens ?? 0,
      context_pct: pyRound(input.context_pct ?? 0, 2),
      note: input.note,
      project: input.project ?? defaults?.project ?? "",
      developer: input.developer ?? defaults?.developer ?? "",
    };
    tx.appendRequest(request);
    return { request };
  });
}

/** Aggregates request records, optionally filtered by exact type and model (spec §3.9). */
export async function getRequestStats(ctx: TrackerContext, input: GetRequestStatsInput) {
  const requests = await ctx.store.transaction((tx) => toRequests(tx.requests()));
  return computeRequestStats(requests, {
    ...(input.request_type ? { request_type: input.request_type } : {}),
    ...(input.model ? { model: input.model } : {}),
  });
}
