#!/usr/bin/env node
/**
 * The `ai-session-tracker` bin. Everything lives in run.ts; this file only binds it to the process.
 */
import { processIo } from "./output.js";
import { runCli } from "./run.js";

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    io: processIo,
    env: process.env,
    cwd: process.cwd(),
  });
} catch (error) {
  // A bug, not a user error: show everything needed to report it.
  process.stderr.write(
    `ai-session-tracker: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
