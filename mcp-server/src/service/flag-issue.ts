import type { JsonObject } from "../storage/json.js";
import { uniqueTimestamp } from "./clock.js";
import type { TrackerContext } from "./context.js";
import type { FlagIssueInput } from "./inputs.js";
import { requireSession } from "./session-lookup.js";

/** Appends an issue record (spec §2.3; `resolved` false, as upstream never resolves). */
export function flagIssue(ctx: TrackerContext, input: FlagIssueInput): Promise<{ issue: JsonObject }> {
  return ctx.store.transaction((tx) => {
    requireSession(tx, input.session_id);
    const issue: JsonObject = {
      session_id: input.session_id,
      timestamp: uniqueTimestamp(ctx.now()),
      issue_type: input.issue_type,
      description: input.description,
      severity: input.severity,
      resolved: false,
      resolution_notes: "",
    };
    tx.appendIssue(issue);
    return { issue };
  });
}
