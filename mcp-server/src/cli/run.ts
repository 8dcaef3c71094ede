/**
 * The CLI dispatcher: picks the subcommand, parses its flags, prints help/version and maps failures to
 * exit codes (0 success, 1 failure, 2 usage error). Without a subcommand it runs the MCP server, as
 * upstream does.
 */

import { existsSync } from "node:fs";
import path from "node:path";
import { PACKAGE_VERSION } from "../version.js";
import type { CommandSpec, RunEnv } from "./command.js";
import { parseFlags, UsageError } from "./flags.js";
import { commandHelp, mainHelp } from "./help.js";
import { outcomesCommand } from "./outcomes-command.js";
import { hasPlaceholder, resolveOutputTarget } from "./output-target.js";
import { PROGRAM_NAME } from "./package-info.js";
import { pushCommand } from "./push-command.js";
import { sessionCommands } from "./session-commands.js";
import { setupCommands } from "./setup-commands.js";
import { usageCommand } from "./usage-command.js";

/** Every subcommand, in help order. */
export const COMMANDS: readonly CommandSpec[] = [
  ...setupCommands.filter((c) => c.name === "server"),
  ...sessionCommands.filter((c) => c.name === "report"),
  ...setupCommands.filter((c) => c.name !== "server"),
  ...sessionCommands.filter((c) => c.name !== "report"),
  pushCommand,
  usageCommand,
  outcomesCommand,
];

/** Runs the CLI for `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], env: RunEnv): Promise<number> {
  const [first, ...rest] = argv;
  let command: CommandSpec | undefined;
  try {
    if (first === "--version") {
      env.io.stdout(`${PROGRAM_NAME} ${PACKAGE_VERSION}\n`);
      return 0;
    }
    if (first === "--help" || first === "-h" || first === "help") {
      env.io.stdout(mainHelp(COMMANDS));
      return 0;
    }
    if (first?.startsWith("-")) throw new UsageError(`unknown flag ${first}`);
    const name = first ?? "server";
    command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const parsed = parseFlags(command.name, command.flags, rest);
    if (parsed.help) {
      env.io.stdout(commandHelp(command));
      return 0;
    }
    if (CONFIG_COMMANDS.has(command.name)) return await command.run(parsed.values, env);
    // The server and `usage` work for the project folder the env names (usage: whose conversations count).
    const located = command.name === "server" || command.name === "usage" ? inProjectDir(env) : env;
    return await command.run(parsed.values, await withOutputTarget(located));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const help = error.command ? `${PROGRAM_NAME} ${error.command} --help` : `${PROGRAM_NAME} --help`;
    env.io.stderr(`${PROGRAM_NAME}: error: ${error.message}\nRun '${help}' for usage.\n`);
    return 2;
  }
}

/** Commands that configure rather than record: they resolve (and report) the data folder themselves. */
const CONFIG_COMMANDS: ReadonlySet<string> = new Set(["install", "doctor", "push"]);

/**
 * Resolves the output pattern (placeholders, team file) once, before a recording command opens the store,
 * and hands it on as a plain AI_OUTPUT_DIR. A plain env value or the default is left to the storage layer.
 */
async function withOutputTarget(env: RunEnv): Promise<RunEnv> {
  const target = await resolveOutputTarget({ cwd: env.cwd, env: env.env });
  for (const warning of target.warnings) env.io.stderr(`⚠️  ${warning}\n`);
  if (target.pattern === null || (target.source === "AI_OUTPUT_DIR" && !hasPlaceholder(target.pattern)))
    return env;
  return { ...env, env: { ...env.env, AI_OUTPUT_DIR: target.dir } };
}

/**
 * Env variables that name the project folder, first wins: ours (install writes `${workspaceFolder}` into
 * Cursor's entry, which Cursor expands; it documents no working folder) and Claude Code's, which it sets
 * for the servers it starts. VS Code starts workspace servers in the workspace folder, so needs neither.
 */
const PROJECT_DIR_VARIABLES = ["AI_PROJECT_DIR", "CLAUDE_PROJECT_DIR"] as const;

/** The server runs "in" the project folder named by the env (identity, default data folder, file paths). */
function inProjectDir(env: RunEnv): RunEnv {
  for (const name of PROJECT_DIR_VARIABLES) {
    const value = env.env[name]?.trim();
    if (!value) continue;
    if (value.includes("${") || !path.isAbsolute(value) || !existsSync(value)) {
      env.io.stderr(`⚠️  ${name}=${value} is not an existing absolute folder (unexpanded?); ignored\n`);
      continue;
    }
    return { ...env, cwd: value };
  }
  return env;
}
