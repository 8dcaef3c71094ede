/**
 * `ai-session-tracker doctor`: for every MCP client config that has our server (the project's
 * `.vscode/mcp.json`, `.cursor/mcp.json`, `.mcp.json`; the user's VS Code and Cursor configs and Codex's
 * `config.toml`) it says what command the client runs, where that developer's data goes (with the pattern
 * and where it came from), whether the folder is in a sync client's folder, and whether git ignores it.
 *
 * Problems (exit 1): no config at all; a project config with machine-specific paths; a command or script
 * that does not exist; a data folder that cannot be written; data inside the repository that git does not
 * ignore. Warnings (exit 0): no sync client recognised; a config pinning another version than this one.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../version.js";
import type { CommandSpec } from "./command.js";
import { gitStatusOf, realPathOf } from "./git-ignore.js";
import { readCodexServer } from "./install/codex-toml.js";
import { readIfExists } from "./install/files.js";
import { type Client, codexConfigPath, SERVER_NAME, vscodeUserConfigPath } from "./install/install.js";
import { parseConfig } from "./install/json-config.js";
import { resolveOutputTarget } from "./output-target.js";
import { PROGRAM_NAME } from "./package-info.js";
import { findSyncFolder } from "./sync-folder.js";

/** One client config that has our server, as `doctor --json` reports it. */
export interface DoctorClient {
  client: Client;
  scope: "project" | "user";
  config: string;
  command: string[];
  /** No absolute path in the command line (what a committed project config needs). */
  portable: boolean;
  outputDir: {
    dir: string;
    pattern: string | null;
    source: string;
    sync: string | null;
    syncRoot: string | null;
    insideRepository: boolean;
    gitIgnored: boolean | null;
  };
}

/** The whole `doctor --json` document. */
export interface DoctorReport {
  ok: boolean;
  version: string;
  project: string;
  clients: DoctorClient[];
  problems: string[];
  warnings: string[];
}

interface FoundConfig {
  client: Client;
  scope: "project" | "user";
  file: string;
  command: string | null;
  args: string[];
  env: Record<string, string>;
}

const LABELS: Record<Client, string> = {
  vscode: "VS Code",
  cursor: "Cursor",
  claude: "Claude Code",
  codex: "Codex",
};

function strings(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

async function readJsonEntry(
  client: Client,
  scope: FoundConfig["scope"],
  file: string,
  key: "servers" | "mcpServers",
): Promise<FoundConfig | null> {
  const text = await readIfExists(file);
  if (text === undefined) return null;
  const parsed = parseConfig(text);
  if (parsed.kind === "invalid") return null;
  const servers = parsed.value[key];
  const entry: unknown =
    typeof servers === "object" && servers !== null ? Reflect.get(servers, SERVER_NAME) : null;
  if (typeof entry !== "object" || entry === null) return null;
  const command: unknown = Reflect.get(entry, "command");
  const args: unknown = Reflect.get(entry, "args");
  return {
    client,
    scope,
    file,
    command: typeof command === "string" ? command : null,
    args: Array.isArray(args) ? args.filter((a): a is string => typeof a === "string") : [],
    env: strings(Reflect.get(entry, "env")),
  };
}

async function findConfigs(projectRoot: string, env: NodeJS.ProcessEnv): Promise<FoundConfig[]> {
  const home = os.homedir();
  const found = await Promise.all([
    readJsonEntry("vscode", "project", path.join(projectRoot, ".vscode", "mcp.json"), "servers"),
    readJsonEntry("cursor", "project", path.join(projectRoot, ".cursor", "mcp.json"), "mcpServers"),
    readJsonEntry("claude", "project", path.join(projectRoot, ".mcp.json"), "mcpServers"),
    readJsonEntry("vscode", "user", vscodeUserConfigPath(process.platform, home, env), "servers"),
    readJsonEntry("cursor", "user", path.join(home, ".cursor", "mcp.json"), "mcpServers"),
    (async (): Promise<FoundConfig | null> => {
      const file = codexConfigPath(home, env);
      const text = await readIfExists(file);
      const entry = text === undefined ? null : readCodexServer(text);
      return entry && { client: "codex", scope: "user", file, ...entry };
    })(),
  ]);
  return found.filter((c) => c !== null);
}

async function writable(dir: string): Promise<boolean> {
  for (let d = await realPathOf(dir); ; d = path.dirname(d)) {
    try {
      await access(d, constants.F_OK);
    } catch {
      if (path.dirname(d) === d) return false;
      continue;
    }
    try {
      await access(d, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }
}

/** Builds the report for a project at `cwd` (its git root when in one). */
export async function runDoctor(cwd: string, env: NodeJS.ProcessEnv): Promise<DoctorReport> {
  const repo = await gitStatusOf(cwd, env);
  const projectRoot = repo.root ?? path.resolve(cwd);
  const problems: string[] = [];
  const warnings: string[] = [];
  const configs = await findConfigs(projectRoot, env);
  if (configs.length === 0) {
    problems.push(
      `no MCP client config with ${SERVER_NAME} found; run \`${PROGRAM_NAME} install\` in the project`,
    );
  }
  const clients: DoctorClient[] = [];
  for (const config of configs) {
    const shown =
      config.scope === "project"
        ? path.relative(projectRoot, config.file).split(path.sep).join("/")
        : config.file;
    const where = `${LABELS[config.client]} (${shown})`;
    const line = [config.command ?? "", ...config.args];
    const absolute = line.filter((part) => path.isAbsolute(part));
    const portable = absolute.length === 0;
    if (config.command === null)
      problems.push(`${where}: the entry has no command; run \`${PROGRAM_NAME} install\` again`);
    if (!portable && config.scope === "project") {
      problems.push(
        `${where}: machine-specific paths (${absolute.join(", ")}) in a config teammates share; run \`${PROGRAM_NAME} install\` again to switch to npx`,
      );
    }
    for (const part of absolute) {
      if (
        !(await access(part, constants.F_OK).then(
          () => true,
          () => false,
        ))
      ) {
        problems.push(`${where}: ${part} does not exist; run \`${PROGRAM_NAME} install\` again`);
      }
    }
    const pinned = config.args.find((a) => a.startsWith(`${PACKAGE_NAME}@`));
    if (pinned && pinned !== `${PACKAGE_NAME}@${PACKAGE_VERSION}`) {
      warnings.push(
        `${where}: runs ${pinned}, this is ${PACKAGE_VERSION}; run \`${PROGRAM_NAME} install\` to update the pin`,
      );
    }

    const serverEnv: NodeJS.ProcessEnv = { ...env };
    delete serverEnv.AI_OUTPUT_DIR;
    Object.assign(serverEnv, config.env);
    const target = await resolveOutputTarget({ cwd: projectRoot, env: serverEnv });
    const source =
      target.source === "AI_OUTPUT_DIR" && config.env.AI_OUTPUT_DIR !== undefined
        ? `AI_OUTPUT_DIR in ${shown}`
        : target.source;
    warnings.push(...target.warnings.map((w) => `${where}: ${w}`));
    const sync = await findSyncFolder(target.dir);
    const git = await gitStatusOf(target.dir, env);
    const insideRepository = repo.root !== null && git.root === repo.root;
    if (!(await writable(target.dir)))
      problems.push(`${where}: the data folder ${target.dir} cannot be written`);
    if (insideRepository && git.ignored === false) {
      problems.push(
        `${where}: the data folder ${target.dir} is inside the repository and not git-ignored; add /${git.relative}/ to .gitignore (\`${PROGRAM_NAME} install\` does)`,
      );
    }
    if (sync === null) {
      warnings.push(
        `${where}: ${target.dir} is not in a OneDrive, Dropbox, Google Drive, iCloud Drive or Syncthing folder; make sure something else (a NAS mount, rsync, S3) copies it to the team share`,
      );
    }
    clients.push({
      client: config.client,
      scope: config.scope,
      config: config.file,
      command: line,
      portable,
      outputDir: {
        dir: target.dir,
        pattern: target.pattern,
        source,
        sync: sync?.client ?? null,
        syncRoot: sync?.root ?? null,
        insideRepository,
        gitIgnored: git.ignored,
      },
    });
  }
  const projectDirs = new Set(clients.filter((c) => c.scope === "project").map((c) => c.outputDir.dir));
  if (projectDirs.size > 1) {
    warnings.push(
      `this project's clients write to different folders (${[...projectDirs].join(", ")}); give them the same --output-dir, or put output_dir: in .ai_sessions.yaml`,
    );
  }
  return {
    ok: problems.length === 0,
    version: PACKAGE_VERSION,
    project: projectRoot,
    clients,
    problems,
    warnings,
  };
}

function gitLine(c: DoctorClient["outputDir"]): string {
  if (c.gitIgnored === null) return "not in a git repository";
  const place = c.insideRepository ? "inside this repository" : "in another git repository";
  return `${place}, ${c.gitIgnored ? "git-ignored" : "not git-ignored"}`;
}

/** The human-readable report. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`${PROGRAM_NAME} ${report.version} — project ${report.project}`, ""];
  for (const c of report.clients) {
    const o = c.outputDir;
    lines.push(
      `${LABELS[c.client]} — ${c.config} (${c.scope}${c.scope === "project" ? (c.portable ? ", portable" : ", machine-specific") : ""})`,
      `  command  ${c.command.join(" ")}`,
      `  data     ${o.dir}`,
      `  from     ${o.pattern === null ? "default (.ai_sessions in the project folder)" : `${o.pattern} (${o.source})`}`,
      `  sync     ${o.sync === null ? "none recognised" : `${o.sync} (${o.syncRoot})`}`,
      `  git      ${gitLine(o)}`,
      "",
    );
  }
  for (const p of report.problems) lines.push(`❌ ${p}`);
  for (const w of report.warnings) lines.push(`⚠️  ${w}`);
  lines.push(report.ok ? "✅ No problems found." : `❌ ${report.problems.length} problem(s) found.`);
  return `${lines.join("\n")}\n`;
}

/** `doctor [--json]`. */
export const doctorCommand: CommandSpec = {
  name: "doctor",
  summary: "Check each MCP client config, where its data goes, sync and git-ignore (exit 1 on a problem)",
  flags: [{ name: "json", kind: "boolean", help: "Print the report as JSON" }],
  details:
    "Looks at the project's .vscode/mcp.json, .cursor/mcp.json, .mcp.json and the user's VS Code, Cursor and Codex configs.",
  async run(values, env) {
    const report = await runDoctor(env.cwd, env.env);
    env.io.stdout(
      values.get("json") === true ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report),
    );
    return report.ok ? 0 : 1;
  },
};
