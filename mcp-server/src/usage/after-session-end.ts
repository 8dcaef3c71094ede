/**
 * The server's automatic extraction: after each `end_ai_session` the agents' logs are read into
 * usage.json — after the reply has gone out, in the background, one run per data folder at a time (an
 * end arriving during a run queues one more run). A failure is logged on stderr and costs nothing else.
 * `AI_TRACKER_USAGE=off` in the server's environment turns it off (the `usage` command still works).
 *
 * A shutdown does not wait for a run (it is not in `ctx.background`, so git capture is never queued
 * behind a long first extraction): a run cut off leaves the files as they were (atomic writes; a lock
 * left by the dead process is recovered), and the next run reads the same lines again.
 */
import { homedir } from "node:os";
import type { TrackerContext } from "../service/context.js";
import { extractUsage } from "./extract.js";

/** The setting's name. */
export const USAGE_SETTING = "AI_TRACKER_USAGE";

/** Whether the server extracts usage at session end (anything but "off"/"0"/"false" means yes). */
export function usageAtSessionEnd(env: NodeJS.ProcessEnv): boolean {
  const value = env[USAGE_SETTING]?.trim().toLowerCase();
  return value !== "off" && value !== "0" && value !== "false";
}

const log = (line: string) => process.stderr.write(`${line}\n`);

interface FolderRuns {
  busy: boolean;
  again: boolean;
}
const folders = new Map<string, FolderRuns>();

function start(ctx: TrackerContext, env: NodeJS.ProcessEnv, state: FolderRuns): void {
  state.busy = true;
  const run = (async () => {
    // setImmediate fires after the microtasks that hand the tool's reply to stdout.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const r = await extractUsage({
        outputDir: ctx.outputDir,
        projectDir: ctx.baseDir,
        env,
        home: homedir(),
        log,
      });
      if (r.requestsAdded > 0) log(`usage: ${r.requestsAdded} new request(s) → ${r.usageFile}`);
      if (r.unpricedModels.length > 0) log(`usage: no price for ${r.unpricedModels.join(", ")}`);
    } catch (error) {
      log(`usage: extraction failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  })();
  void run.finally(() => {
    state.busy = false;
    if (state.again) {
      state.again = false;
      start(ctx, env, state);
    }
  });
}

/**
 * Schedules an extraction for `ctx`'s data folder (returns at once; never throws). `env` is the
 * server's environment (agent log locations, the setting).
 */
export function usageAfterSessionEnd(ctx: TrackerContext, env: NodeJS.ProcessEnv): void {
  if (!usageAtSessionEnd(env)) return;
  let state = folders.get(ctx.outputDir);
  if (!state) {
    state = { busy: false, again: false };
    folders.set(ctx.outputDir, state);
  }
  if (state.busy) state.again = true;
  else start(ctx, env, state);
}
