/** `--help` texts, generated from the command specs so they never drift from the parser. */

import { PACKAGE_VERSION } from "../version.js";
import type { CommandSpec } from "./command.js";
import type { FlagSpec } from "./flags.js";
import { PROGRAM_NAME } from "./package-info.js";

function flagLine(f: FlagSpec): [string, string] {
  const value =
    f.kind === "boolean"
      ? ""
      : ` ${f.valueName ?? (f.kind === "number" ? "N" : f.name.toUpperCase().replaceAll("-", "_"))}`;
  const notes: string[] = [];
  if (f.choices) notes.push(`one of: ${f.choices.join(", ")}`);
  if (f.required) notes.push("required");
  if (f.defaultText) notes.push(`default: ${f.defaultText}`);
  return [`--${f.name}${value}`, notes.length > 0 ? `${f.help} (${notes.join("; ")})` : f.help];
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`).join("\n");
}

/** Help of one command: usage line, flags, details. */
export function commandHelp(command: CommandSpec): string {
  const required = command.flags.filter((f) => f.required).map((f) => `--${f.name} …`);
  const usage = [PROGRAM_NAME, command.name, ...required, "[flags]"].join(" ");
  const rows = [...command.flags.map(flagLine), ["-h, --help", "Show this help"] as [string, string]];
  return [
    `Usage: ${usage}`,
    "",
    command.summary,
    "",
    "Flags:",
    table(rows),
    ...(command.details ? ["", command.details] : []),
    "",
  ].join("\n");
}

/** The top-level help: commands, global flags, environment, exit codes. */
export function mainHelp(commands: readonly CommandSpec[]): string {
  return [
    `${PROGRAM_NAME} ${PACKAGE_VERSION} — records AI coding sessions into JSON files (MCP stdio server + CLI)`,
    "",
    `Usage: ${PROGRAM_NAME} [command] [flags]`,
    "",
    "Without a command, runs the MCP stdio server (same as `server`).",
    "",
    "Commands:",
    table(commands.map((c) => [c.name, c.summary])),
    "",
    "Flags:",
    table([
      ["-h, --help", "Show this help (`<command> --help` for a command's flags)"],
      ["--version", "Print the version"],
    ]),
    "",
    "Environment:",
    table([
      [
        "AI_OUTPUT_DIR",
        "Data folder; {developer} and {project} are filled in, ~ is expanded (else output_dir: in .ai_sessions.yaml, else .ai_sessions)",
      ],
      [
        "AI_PROJECT_DIR",
        "Project folder for the server when the client starts it elsewhere (else CLAUDE_PROJECT_DIR, else the working folder)",
      ],
      ["AI_MAX_SESSION_DURATION_HOURS", "Cap for auto-closed sessions in hours (default 4.0)"],
      ["AI_TRACKER_PUSH_TOKEN", "API token for `push` (instead of --token, out of shell history)"],
      [
        "AI_TRACKER_USAGE",
        "off: the server does not extract token usage into usage.json at session end (default on)",
      ],
    ]),
    "",
    "Exit codes: 0 success, 1 failure (message on stderr), 2 usage error.",
    "",
  ].join("\n");
}
