/**
 * `ai-session-tracker usage [--all-projects] [--json]`: reads the local Claude Code and Codex logs and
 * writes the token usage they record (numbers only) into `usage.json` in the data folder — the same
 * folder, resolved the same way, as the other files. The server runs the same extraction after each
 * `end_ai_session` unless AI_TRACKER_USAGE=off.
 */
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { resolveOutputDir } from "../storage/output-dir.js";
import { extractUsage } from "../usage/extract.js";
import type { CommandSpec } from "./command.js";
import { failure, printResult } from "./output.js";

/** `usage`. */
export const usageCommand: CommandSpec = {
  name: "usage",
  summary: "Extract token usage from the local Claude Code and Codex logs into usage.json",
  flags: [
    {
      name: "all-projects",
      kind: "boolean",
      help: "Every conversation on this machine (default: those whose working folder is this project or below)",
    },
    { name: "json", kind: "boolean", help: "Print the result as JSON" },
  ],
  details: [
    "Reads ~/.claude/projects (or each folder of CLAUDE_CONFIG_DIR) and $CODEX_HOME/sessions (default ~/.codex).",
    "Only numbers are written: per conversation, model and UTC hour, the tokens by kind. Re-running adds",
    "nothing new; what was read is remembered in .usage-state-<host>.json beside usage.json.",
  ].join("\n"),
  async run(values, env) {
    const json = values.get("json") === true;
    const { dir, warning } = resolveOutputDir({ env: env.env, cwd: env.cwd, homedir: homedir() });
    if (warning) env.io.stderr(`⚠️  ${warning}\n`);
    try {
      mkdirSync(dir, { recursive: true });
      const r = await extractUsage({
        outputDir: dir,
        projectDir: values.get("all-projects") === true ? null : env.cwd,
        env: env.env,
        home: homedir(),
        log: (line) => env.io.stderr(`${line}\n`),
      });
      for (const e of r.errors) env.io.stderr(`⚠️  could not read ${e}\n`);
      if (r.unpricedModels.length > 0)
        env.io.stderr(
          `⚠️  no price for ${r.unpricedModels.join(", ")}: the portal lists their usage as unpriced until an admin adds a price\n`,
        );
      return printResult(
        env.io,
        {
          success: true,
          message: `Usage extracted: ${r.requestsAdded} new request(s), ${r.records} record(s) in ${r.usageFile}`,
          data: {
            usage_file: r.usageFile,
            files_found: r.filesFound,
            files_read: r.filesRead,
            requests_added: r.requestsAdded,
            records: r.records,
            bad_lines: r.badLines,
            models: r.models,
            unpriced_models: r.unpricedModels,
          },
        },
        json,
      );
    } catch (error) {
      return printResult(env.io, failure("Usage extraction failed", error), json);
    }
  },
};
