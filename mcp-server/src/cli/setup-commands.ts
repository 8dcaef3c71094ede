/** `server`, `dashboard` and `install`: the commands that run or configure the tracker rather than record. */
import path from "node:path";
import { z } from "zod";
import { isTrackerError } from "../errors.js";
import type { CommandSpec } from "./command.js";
import { doctorCommand } from "./doctor.js";
import { type FlagValues, UsageError } from "./flags.js";
import type { FileChange } from "./install/files.js";
import { CLIENTS, type Client, type InstallReport, portableLaunch, runInstall } from "./install/install.js";
import { OUTPUT_PLACEHOLDERS, unknownPlaceholders } from "./output-target.js";
import { PROGRAM_NAME } from "./package-info.js";

/** Dashboard address defaults, as upstream. */
export const DEFAULT_DASHBOARD_HOST = "127.0.0.1";
export const DEFAULT_DASHBOARD_PORT = 8000;

function port(values: FlagValues, flag: string, command: string): number | undefined {
  const value = values.get(flag);
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new UsageError(`--${flag} must be a whole number from 1 to 65535`, command);
  }
  return value;
}

function text(values: FlagValues, flag: string): string | undefined {
  const value = values.get(flag);
  return typeof value === "string" ? value : undefined;
}

const serverCommand: CommandSpec = {
  name: "server",
  summary: "Run the MCP stdio server (what IDE configs launch)",
  flags: [
    {
      name: "dashboard-host",
      kind: "string",
      valueName: "HOST",
      help: "Also serve the dashboard on this host (needs --dashboard-port)",
    },
    {
      name: "dashboard-port",
      kind: "number",
      valueName: "PORT",
      help: "Also serve the dashboard on this port (needs --dashboard-host)",
    },
    {
      name: "max-session-duration-hours",
      kind: "number",
      valueName: "HOURS",
      help: "Cap for auto-closed sessions; wins over AI_MAX_SESSION_DURATION_HOURS",
      defaultText: "4.0",
    },
  ],
  details:
    "Reads JSON-RPC from stdin and writes replies to stdout; logs go to stderr. Stops on stdin EOF, SIGTERM or SIGINT.",
  async run(values, env) {
    const host = text(values, "dashboard-host");
    const dashboardPort = port(values, "dashboard-port", "server");
    const hours = values.get("max-session-duration-hours");
    if (hours !== undefined && (typeof hours !== "number" || hours <= 0)) {
      throw new UsageError("--max-session-duration-hours must be a number of hours above 0", "server");
    }
    let dashboard: { host: string; port: number } | undefined;
    if (host !== undefined && dashboardPort !== undefined) dashboard = { host, port: dashboardPort };
    else if (host !== undefined || dashboardPort !== undefined) {
      env.io.stderr(
        "⚠️  Both --dashboard-host and --dashboard-port are required together; running without a dashboard\n",
      );
    }
    // Loaded lazily: the server pulls in the MCP SDK, which no other command needs.
    const { runServer } = await import("../server.js");
    await runServer({
      env: env.env,
      cwd: env.cwd,
      ...(typeof hours === "number" ? { maxSessionDurationHours: hours } : {}),
      ...(dashboard ? { dashboard } : {}),
    });
    return 0;
  },
};

const dashboardCommand: CommandSpec = {
  name: "dashboard",
  summary: "Open your own data in the team portal, on this machine only (loopback)",
  flags: [
    {
      name: "host",
      kind: "string",
      valueName: "HOST",
      help: "Bind address",
      defaultText: DEFAULT_DASHBOARD_HOST,
    },
    {
      name: "port",
      kind: "number",
      valueName: "PORT",
      help: "Port",
      defaultText: String(DEFAULT_DASHBOARD_PORT),
    },
  ],
  async run(values, env) {
    const host = text(values, "host") ?? DEFAULT_DASHBOARD_HOST;
    const dashboardPort = port(values, "port", "dashboard") ?? DEFAULT_DASHBOARD_PORT;
    const { ensurePortalBuilt, planDashboard, startPortal } = await import("../dashboard/launch.js");
    let plan: Awaited<ReturnType<typeof planDashboard>>;
    try {
      plan = await planDashboard({ host, port: dashboardPort, env: env.env, cwd: env.cwd });
      ensurePortalBuilt(plan.portal, env.io.stderr);
    } catch (error) {
      if (!isTrackerError(error)) throw error;
      env.io.stderr(`${PROGRAM_NAME} dashboard: ${error.message}\n`);
      return error.code === "invalid_input" ? 2 : 1;
    }
    env.io.stderr(
      `Dashboard for ${plan.outputDir}\n  open   ${plan.url}\n  login  ${plan.login.email} / ${plan.login.password}\n`,
    );
    const child = startPortal(plan, "inherit");
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    return new Promise<number>((done) => child.on("exit", (code) => done(code ?? 0)));
  },
};

const clientSchema = z.enum(CLIENTS, { error: `--client must be one of: ${CLIENTS.join(", ")}` });

const CLIENT_LABELS: Record<Client, string> = {
  vscode: "VS Code",
  cursor: "Cursor",
  claude: "Claude Code",
  codex: "Codex",
};

function describeChange(change: FileChange, cwd: string, isConfig: boolean): string {
  const relative = path.relative(cwd, change.path);
  const shown =
    relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : change.path;
  const notes = change.notes.length > 0 ? ` (${change.notes.join("; ")})` : "";
  switch (change.status) {
    case "created":
      return `📄 Created ${shown}${notes}`;
    case "added":
      return `➕ Added ai-session-tracker to ${shown}${notes}`;
    case "updated":
      return `🔄 Updated ${isConfig ? "ai-session-tracker in " : ""}${shown}${notes}`;
    case "unchanged":
      return `✓  ${shown} already up to date${notes}`;
    case "skipped":
      return `⚠️  Left ${shown} unchanged: ${change.notes.join("; ")}`;
  }
}

function formatInstallReport(report: InstallReport, cwd: string): string {
  const lines = report.changes.map((c, i) => describeChange(c, cwd, i === 0));
  if (report.changes.every((c) => c.status === "unchanged")) {
    lines.push(`✅ ai-session-tracker already installed and up to date for ${CLIENT_LABELS[report.client]}`);
  } else {
    lines.push(`✅ Successfully installed ai-session-tracker for ${CLIENT_LABELS[report.client]}`);
  }
  lines.push(`   Config: ${report.configPath}`, `   Command: ${[report.command, ...report.args].join(" ")}`);
  const { output } = report;
  const source = output.source === "AI_OUTPUT_DIR" ? `AI_OUTPUT_DIR in ${report.configPath}` : output.source;
  const from = output.pattern === null ? "default" : `${output.pattern} from ${source}`;
  lines.push(`   Data: ${output.dir} (${from})`);
  for (const note of report.notes) lines.push(`   ${note}`);
  return `${lines.join("\n")}\n`;
}

const installCommand: CommandSpec = {
  name: "install",
  summary: "Register the MCP server with an IDE client and write the agent instruction files",
  flags: [
    {
      name: "client",
      kind: "string",
      valueName: "CLIENT",
      choices: CLIENTS,
      help: "Which client to configure",
      defaultText: "vscode",
    },
    {
      name: "global",
      kind: "boolean",
      help: "User-level config instead of the project's (vscode, cursor; codex is always user-level)",
    },
    {
      name: "output-dir",
      kind: "string",
      valueName: "PATH",
      help: "Data folder, stored as AI_OUTPUT_DIR in the config; may contain {developer} and {project}, ~ is expanded",
    },
  ],
  details: [
    "Project mode (the current folder):",
    "  vscode  .vscode/mcp.json (servers) + .github/agents/Session Tracked Agent.agent.md",
    "          + .github/instructions/session_tracking.instructions.md",
    "  cursor  .cursor/mcp.json (mcpServers) + .cursor/rules/session-tracking.mdc",
    "  claude  .mcp.json (mcpServers, Claude Code project scope) + CLAUDE.md",
    "  codex   ~/.codex/config.toml [mcp_servers.ai-session-tracker] + AGENTS.md",
    "  all     .ai_sessions.yaml (project: <folder name>), written once",
    "Project configs run `npx -y <package>@<version> server` (no machine paths: commit them);",
    "--global and codex configs run this node and this package's bin by absolute path.",
    "A data folder inside the git work tree is added to .gitignore.",
    "Other servers and settings are kept; instruction files you wrote yourself are never overwritten.",
  ].join("\n"),
  async run(values, env) {
    const parsed = clientSchema.safeParse(values.get("client") ?? "vscode");
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "bad --client", "install");
    const client = parsed.data;
    const global = values.get("global") === true;
    if (global && client === "claude") {
      throw new UsageError(
        "--global is not supported for claude; for Claude Code's user scope run: " +
          `claude mcp add --scope user ai-session-tracker -- ${[portableLaunch().command, ...portableLaunch().args].join(" ")}`,
        "install",
      );
    }
    const outputDir = text(values, "output-dir");
    if (outputDir !== undefined) {
      if (outputDir.trim() === "") throw new UsageError("--output-dir must not be empty", "install");
      const unknown = unknownPlaceholders(outputDir);
      if (unknown.length > 0) {
        throw new UsageError(
          `--output-dir has unknown placeholder(s) ${unknown.join(", ")}; use ${OUTPUT_PLACEHOLDERS.join(" and ")}`,
          "install",
        );
      }
    }
    try {
      const report = await runInstall({
        client,
        global,
        cwd: env.cwd,
        env: env.env,
        ...(outputDir === undefined ? {} : { outputDir }),
      });
      env.io.stdout(formatInstallReport(report, env.cwd));
      return 0;
    } catch (error) {
      env.io.stderr(`❌ Install failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};

/** `server`, `dashboard`, `install`, `doctor`. */
export const setupCommands: CommandSpec[] = [serverCommand, dashboardCommand, installCommand, doctorCommand];
