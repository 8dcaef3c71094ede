/**
 * `ai-session-tracker install`: registers the MCP server with one client and writes the agent-instruction
 * files and `.ai_sessions.yaml` into the project (the current folder).
 *
 * | client | MCP config | instruction files (project mode) |
 * |---|---|---|
 * | vscode (default) | `.vscode/mcp.json` `servers` (`--global`: the user's VS Code `mcp.json`) | `.github/agents/Session Tracked Agent.agent.md`, `.github/instructions/session_tracking.instructions.md` |
 * | cursor | `.cursor/mcp.json` `mcpServers` (`--global`: `~/.cursor/mcp.json`) | `.cursor/rules/session-tracking.mdc` |
 * | claude | `.mcp.json` `mcpServers` (Claude Code project scope) | `CLAUDE.md` |
 * | codex | `~/.codex/config.toml` (`$CODEX_HOME` if set) `[mcp_servers.ai-session-tracker]` | `AGENTS.md` |
 *
 * Project configs are meant to be committed, so they name no path of this machine: the server is launched
 * as `npx -y <package>@<this version> server` (the same for every teammate, pinned so everyone records with
 * the same code). User-level configs (`--global`, Codex's `config.toml`) are this machine's own and launch
 * `<node> <package>/dist/cli/main.js server` with absolute paths, which needs no npm registry at all.
 * Re-running install rewrites an old entry's command and args and keeps everything else.
 *
 * `--output-dir` (a folder or a pattern with `{developer}`/`{project}`) goes into the entry's env as
 * `AI_OUTPUT_DIR`; when the resulting data folder lies inside the git work tree, it is added to `.gitignore`.
 */
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify as stringifyYaml } from "yaml";
import { PROJECT_FILE_NAME } from "../../identity/resolve-identity.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../../version.js";
import { ignoreFolder } from "../git-ignore.js";
import { fixedPart, type OutputTarget, resolveOutputTarget } from "../output-target.js";
import { AGENT_FILES_DIR, BIN_SCRIPT, PROGRAM_NAME } from "../package-info.js";
import { CODEX_SERVER_NAME, readCodexServer, upsertCodexServer } from "./codex-toml.js";
import { type FileChange, readIfExists, writeFileAtomic, writeManagedFile, writeOnce } from "./files.js";
import { mergeServerEntry } from "./json-config.js";

/** MCP clients `install` can configure. */
export const CLIENTS = ["vscode", "cursor", "claude", "codex"] as const;
export type Client = (typeof CLIENTS)[number];

/** The name of our entry in every client config. */
export const SERVER_NAME = "ai-session-tracker";

/** Env written into a new entry; a value the user already set in our entry is never replaced. */
export const DEFAULT_SERVER_ENV: Readonly<Record<string, string>> = { AI_MAX_SESSION_DURATION_HOURS: "4.0" };

const AGENT_FILE = path.join("agents", "Session Tracked Agent.agent.md");
const INSTRUCTIONS_FILE = path.join("instructions", "session_tracking.instructions.md");

/** Options of one install run. `homedir`/`platform`/`env` are injectable for tests. */
export interface InstallOptions {
  client: Client;
  global: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  homedir?: string;
  platform?: NodeJS.Platform;
  /** Node binary and script a user-level config launches (defaults: this process's node and our bin). */
  command?: string;
  script?: string;
  /** `--output-dir`: written to the entry's env as AI_OUTPUT_DIR, replacing the value there. */
  outputDir?: string;
}

/** The command line of a project config: the pinned package through npx, no machine paths. */
export function portableLaunch(): { command: string; args: string[] } {
  return { command: "npx", args: ["-y", `${PACKAGE_NAME}@${PACKAGE_VERSION}`, "server"] };
}

/** What install did: every file touched (or deliberately left alone) and the server command line. */
export interface InstallReport {
  client: Client;
  configPath: string;
  command: string;
  args: string[];
  changes: FileChange[];
  notes: string[];
  /** Where this developer's data will go with the config as written. */
  output: OutputTarget;
}

/** The user-level VS Code `mcp.json` per OS, as upstream (Linux honours XDG_CONFIG_HOME). */
export function vscodeUserConfigPath(
  platform: NodeJS.Platform,
  home: string,
  env: NodeJS.ProcessEnv,
): string {
  if (platform === "darwin")
    return path.join(home, "Library", "Application Support", "Code", "User", "mcp.json");
  if (platform === "win32") {
    return path.join(env.APPDATA || path.join(home, "AppData", "Roaming"), "Code", "User", "mcp.json");
  }
  return path.join(env.XDG_CONFIG_HOME || path.join(home, ".config"), "Code", "User", "mcp.json");
}

/** Codex keeps its config in `$CODEX_HOME/config.toml`, default `~/.codex/config.toml`. */
export function codexConfigPath(home: string, env: NodeJS.ProcessEnv): string {
  return path.join(env.CODEX_HOME || path.join(home, ".codex"), "config.toml");
}

/** The bundled instruction text without its VS Code front matter (for clients that have none). */
function withoutFrontMatter(text: string): string {
  if (!text.startsWith("---\n")) return text;
  const end = text.indexOf("\n---\n", 4);
  return end === -1 ? text : text.slice(end + 5);
}

async function bundled(relative: string): Promise<string> {
  return readFile(path.join(AGENT_FILES_DIR, relative), "utf8");
}

/** Runs the install; throws only on I/O errors the user must fix (permissions, a folder in the way). */
export async function runInstall(options: InstallOptions): Promise<InstallReport> {
  const home = options.homedir ?? os.homedir();
  const platform = options.platform ?? process.platform;
  const userLevel = options.global || options.client === "codex";
  const { command, args } = userLevel
    ? { command: options.command ?? process.execPath, args: [options.script ?? BIN_SCRIPT, "server"] }
    : portableLaunch();
  const cwd = options.cwd;
  const changes: FileChange[] = [];
  const notes: string[] = [];
  const setEnv = options.outputDir === undefined ? undefined : { AI_OUTPUT_DIR: options.outputDir };

  let configPath: string;
  const env: Record<string, string> = { ...DEFAULT_SERVER_ENV };
  // Cursor documents no working folder for the servers it starts but expands this variable in env.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Cursor's variable syntax, written literally
  if (options.client === "cursor") env.AI_PROJECT_DIR = "${workspaceFolder}";
  const jsonEntry = { type: "stdio", command, args, env };
  // The entry's AI_OUTPUT_DIR after the merge (a value the user set is kept), for the data-folder report.
  let configuredOutput: unknown;
  const merge = async (file: string, serversKey: "servers" | "mcpServers") => {
    const change = await mergeServerEntry({ file, serversKey, name: SERVER_NAME, entry: jsonEntry, setEnv });
    configuredOutput = change.env.AI_OUTPUT_DIR;
    changes.push({ path: change.path, status: change.status, notes: change.notes });
  };
  switch (options.client) {
    case "vscode":
      configPath = options.global
        ? vscodeUserConfigPath(platform, home, options.env)
        : path.join(cwd, ".vscode", "mcp.json");
      await merge(configPath, "servers");
      break;
    case "cursor":
      configPath = path.join(options.global ? home : cwd, ".cursor", "mcp.json");
      await merge(configPath, "mcpServers");
      break;
    case "claude":
      configPath = path.join(cwd, ".mcp.json");
      await merge(configPath, "mcpServers");
      break;
    case "codex": {
      configPath = codexConfigPath(home, options.env);
      const before = await readIfExists(configPath);
      const after = upsertCodexServer(before ?? "", {
        command,
        args,
        env: DEFAULT_SERVER_ENV,
        ...(setEnv ? { setEnv } : {}),
      });
      configuredOutput = readCodexServer(after)?.env.AI_OUTPUT_DIR;
      if (before === after) {
        changes.push({ path: configPath, status: "unchanged", notes: [] });
      } else {
        await writeFileAtomic(configPath, after);
        const had = before?.includes(`[mcp_servers.${CODEX_SERVER_NAME}`) ?? false;
        changes.push({
          path: configPath,
          status: before === undefined ? "created" : had ? "updated" : "added",
          notes: [],
        });
      }
      break;
    }
  }

  const serverEnv: NodeJS.ProcessEnv = { ...options.env };
  delete serverEnv.AI_OUTPUT_DIR; // the shell's value is not what the IDE will pass
  if (typeof configuredOutput === "string") serverEnv.AI_OUTPUT_DIR = configuredOutput;
  const output = await resolveOutputTarget({ cwd, env: serverEnv, homedir: home });

  if (options.global) {
    notes.push(
      `Run \`${PROGRAM_NAME} install${options.client === "vscode" ? "" : ` --client ${options.client}`}\` in a project (without --global) to add the agent instructions and ${PROJECT_FILE_NAME} there.`,
    );
  } else {
    changes.push(...(await writeInstructionFiles(options.client, cwd)));
    const folder = path.basename(path.resolve(cwd)) || "project";
    changes.push(await writeOnce(path.join(cwd, PROJECT_FILE_NAME), stringifyYaml({ project: folder })));
    const ignored = await ignoreFolder(fixedPart(output, home), options.env);
    if (ignored) changes.push(ignored);
  }
  return { client: options.client, configPath, command, args, changes, notes, output };
}

async function writeInstructionFiles(client: Client, cwd: string): Promise<FileChange[]> {
  const instructions = await bundled(INSTRUCTIONS_FILE);
  const source = path.join(AGENT_FILES_DIR, INSTRUCTIONS_FILE);
  const pasteHint = `add the session-tracking rules yourself: copy them from ${source}`;
  switch (client) {
    case "vscode":
      return [
        await writeManagedFile(
          path.join(cwd, ".github", AGENT_FILE),
          await bundled(AGENT_FILE),
          `its tools list needs 'ai-session-tracker/*'`,
        ),
        await writeManagedFile(path.join(cwd, ".github", INSTRUCTIONS_FILE), instructions, pasteHint),
      ];
    case "cursor": {
      const rule = `---\ndescription: AI session tracking with the ai-session-tracker MCP tools\nalwaysApply: true\n---\n${withoutFrontMatter(instructions)}`;
      return [
        await writeManagedFile(path.join(cwd, ".cursor", "rules", "session-tracking.mdc"), rule, pasteHint),
      ];
    }
    case "claude":
      return [
        await writeManagedFile(
          path.join(cwd, "CLAUDE.md"),
          withoutFrontMatter(instructions),
          `${pasteHint} (or add the line \`@${source}\` to CLAUDE.md)`,
        ),
      ];
    case "codex":
      return [
        await writeManagedFile(path.join(cwd, "AGENTS.md"), withoutFrontMatter(instructions), pasteHint),
      ];
  }
}
