/**
 * `ai-session-tracker outcomes`: updates earlier sessions' shipped status from this working tree's local
 * refs (nothing is fetched) — what every session start also does, on demand (e.g. after `git pull`).
 */

import type { CommandSpec } from "./command.js";
import { UsageError } from "./flags.js";
import { JSON_FLAG, runOperation } from "./session-commands.js";

/** The command spec (registered in run.ts). */
export const outcomesCommand: CommandSpec = {
  name: "outcomes",
  summary: "Update earlier sessions' shipped status (merged, reverted, unmerged) from local git refs",
  flags: [
    {
      name: "days",
      kind: "number",
      help: "Days after a session's end before commits not on the default branch count as unmerged",
      defaultText: "14",
    },
    JSON_FLAG,
  ],
  details:
    "Run it in the project's working tree. A commit counts as shipped when the default branch (origin/HEAD's, else main or master; local or origin's) contains it, a copy of it (same git patch-id: rebase, cherry-pick) or a squash of the session's commits; reverted when a later commit reverts it.",
  async run(values, env) {
    const days = values.get("days") ?? 14;
    if (typeof days !== "number" || !Number.isFinite(days) || days < 0)
      throw new UsageError("--days must be a number ≥ 0", "outcomes");
    return runOperation(
      env,
      values.get("json") === true,
      "Failed to update outcomes",
      async (service, ctx) => {
        const r = await service.refreshShippedStatus(ctx, { unmergedDays: days });
        if (r.repository_id === null)
          return {
            success: false,
            message: "Not in a git repository with a stable id: nothing to update",
            error: ctx.baseDir,
          };
        const c = r.commits;
        return {
          success: true,
          message: `Shipped status updated: ${r.sessions_checked} session(s) of ${r.repository_id}`,
          data: { repository_id: r.repository_id, sessions_checked: r.sessions_checked, ...c },
        };
      },
    );
  },
};
