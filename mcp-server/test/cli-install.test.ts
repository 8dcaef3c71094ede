/**
 * `ai-session-tracker install` for every client: merge, backup, idempotence, non-clobbering, codex TOML.
 * Project configs launch the pinned package through npx (no machine paths, so they can be committed);
 * user-level configs (`--global`, Codex) keep absolute paths.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CLI_BIN, CLI_PACKAGE_ROOT, cliWorkspace, readJson, runCli } from "./helpers/cli-run.js";

/** The VS Code/Cursor variable, written literally into the config for the client to expand. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: it is the client's variable syntax, not ours
const WORKSPACE_FOLDER = "${workspaceFolder}";

const packageJson = z
  .object({ name: z.string(), version: z.string() })
  .parse(readJson(join(CLI_PACKAGE_ROOT, "package.json")));

/** What a project config (committed, shared by the team) must contain: no path of this machine. */
const expectedEntry = {
  type: "stdio",
  command: "npx",
  args: ["-y", `${packageJson.name}@${packageJson.version}`, "server"],
  env: { AI_MAX_SESSION_DURATION_HOURS: "4.0" },
};

/** What a user-level config contains: this node and this package's bin, absolute. */
const globalEntry = { ...expectedEntry, command: process.execPath, args: [CLI_BIN, "server"] };

function install(ws: ReturnType<typeof cliWorkspace>, ...args: string[]) {
  return runCli(["install", ...args], { cwd: ws.cwd, env: ws.env });
}

const read = (file: string) => readFileSync(file, "utf8");

describe("install --client vscode (default)", () => {
  it("creates .vscode/mcp.json, the agent files and .ai_sessions.yaml", async () => {
    const ws = cliWorkspace();
    const r = await install(ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Successfully installed ai-session-tracker for VS Code");
    expect(readJson(join(ws.cwd, ".vscode", "mcp.json"))).toEqual({
      servers: { "ai-session-tracker": expectedEntry },
    });
    const agent = read(join(ws.cwd, ".github", "agents", "Session Tracked Agent.agent.md"));
    expect(agent).toMatch(/^---\ndescription: /);
    expect(agent).toContain("'ai-session-tracker/*'");
    const instructions = read(join(ws.cwd, ".github", "instructions", "session_tracking.instructions.md"));
    expect(instructions).toMatch(/^---\napplyTo: '\*\*'\n---\n/);
    expect(read(join(ws.cwd, ".ai_sessions.yaml"))).toBe("project: my-project\n");
  });

  it("the user-level command line runs our bin", async () => {
    const ws = cliWorkspace();
    await install(ws, "--global");
    const config = readJson(join(ws.home, ".config", "Code", "User", "mcp.json"));
    const entry = z
      .object({
        servers: z.object({
          "ai-session-tracker": z.object({ command: z.string(), args: z.array(z.string()) }),
        }),
      })
      .parse(config).servers["ai-session-tracker"];
    const [script, ...rest] = entry.args;
    expect(rest).toEqual(["server"]);
    const out = execFileSync(entry.command, [script ?? "", "--version"], { encoding: "utf8" });
    expect(out).toMatch(/^ai-session-tracker \d+\.\d+\.\d+\n$/);
  });

  it("merges into an existing config: other servers and top-level keys are kept", async () => {
    const ws = cliWorkspace();
    const file = join(ws.cwd, ".vscode", "mcp.json");
    mkdirSync(join(ws.cwd, ".vscode"));
    const other = { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "."] };
    const inputs = [{ type: "promptString", id: "token", description: "API token", password: true }];
    writeFileSync(file, JSON.stringify({ inputs, servers: { filesystem: other } }, null, 2));
    const r = await install(ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("➕ Added ai-session-tracker to .vscode/mcp.json");
    expect(readJson(file)).toEqual({
      inputs,
      servers: { filesystem: other, "ai-session-tracker": expectedEntry },
    });
  });

  it("keeps the user's env values and extra keys in our entry, and updates a stale command", async () => {
    const ws = cliWorkspace();
    const file = join(ws.cwd, ".vscode", "mcp.json");
    mkdirSync(join(ws.cwd, ".vscode"));
    const stale = {
      command: "/old/python3",
      args: ["-m", "ai_session_tracker_mcp", "server"],
      env: { AI_OUTPUT_DIR: "~/OneDrive/ai-sessions/jane", AI_MAX_SESSION_DURATION_HOURS: "2.5" },
      disabled: false,
    };
    writeFileSync(file, JSON.stringify({ servers: { "ai-session-tracker": stale } }));
    const r = await install(ws);
    expect(r.stdout).toContain("🔄 Updated ai-session-tracker in .vscode/mcp.json");
    expect(readJson(file)).toEqual({
      servers: {
        "ai-session-tracker": {
          ...expectedEntry,
          disabled: false,
          env: { AI_OUTPUT_DIR: "~/OneDrive/ai-sessions/jane", AI_MAX_SESSION_DURATION_HOURS: "2.5" },
        },
      },
    });
  });

  it("moves an invalid JSON file to mcp.json.bak and writes a fresh one", async () => {
    const ws = cliWorkspace();
    const file = join(ws.cwd, ".vscode", "mcp.json");
    mkdirSync(join(ws.cwd, ".vscode"));
    writeFileSync(file, '{"servers": {"broken": ');
    const r = await install(ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("mcp.json.bak");
    expect(read(`${file}.bak`)).toBe('{"servers": {"broken": ');
    expect(readJson(file)).toEqual({ servers: { "ai-session-tracker": expectedEntry } });
  });

  it("reads JSONC (comments, trailing commas), keeps its servers and saves the original as .bak", async () => {
    const ws = cliWorkspace();
    const file = join(ws.cwd, ".vscode", "mcp.json");
    mkdirSync(join(ws.cwd, ".vscode"));
    const original =
      '{\n  // my servers\n  "servers": {\n    "git": { "command": "uvx", "args": ["mcp-server-git", "--url", "http://x//y"] }, /* end */\n  },\n}\n';
    writeFileSync(file, original);
    const r = await install(ws);
    expect(r.code).toBe(0);
    expect(read(`${file}.bak`)).toBe(original);
    expect(readJson(file)).toEqual({
      servers: {
        git: { command: "uvx", args: ["mcp-server-git", "--url", "http://x//y"] },
        "ai-session-tracker": expectedEntry,
      },
    });
  });

  it("is idempotent: a second run reports 'already up to date' and changes no byte", async () => {
    const ws = cliWorkspace();
    await install(ws);
    const files = [
      join(ws.cwd, ".vscode", "mcp.json"),
      join(ws.cwd, ".github", "agents", "Session Tracked Agent.agent.md"),
      join(ws.cwd, ".github", "instructions", "session_tracking.instructions.md"),
      join(ws.cwd, ".ai_sessions.yaml"),
    ];
    const before = files.map((f) => [read(f), statSync(f).mtimeMs]);
    const r = await install(ws);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("already installed and up to date");
    expect(r.stdout).not.toMatch(/Created|Added|Updated/);
    expect(files.map((f) => [read(f), statSync(f).mtimeMs])).toEqual(before);
  });

  it("never overwrites .ai_sessions.yaml or instruction files the user wrote; updates its own", async () => {
    const ws = cliWorkspace();
    writeFileSync(join(ws.cwd, ".ai_sessions.yaml"), "project: custom-name\n");
    const mine = join(ws.cwd, ".github", "instructions", "session_tracking.instructions.md");
    mkdirSync(join(ws.cwd, ".github", "instructions"), { recursive: true });
    writeFileSync(mine, "# my own rules\n");
    const ours = join(ws.cwd, ".github", "agents", "Session Tracked Agent.agent.md");
    mkdirSync(join(ws.cwd, ".github", "agents"), { recursive: true });
    writeFileSync(ours, "<!-- ai-session-tracker:managed (old version) -->\nold text\n");
    const r = await install(ws);
    expect(r.code).toBe(0);
    expect(read(join(ws.cwd, ".ai_sessions.yaml"))).toBe("project: custom-name\n");
    expect(read(mine)).toBe("# my own rules\n");
    expect(r.stdout).toMatch(
      /Left \.github\/instructions\/session_tracking\.instructions\.md unchanged: exists and was not written by ai-session-tracker/,
    );
    expect(read(ours)).toContain("# Session Tracked Agent");
    expect(r.stdout).toContain("🔄 Updated .github/agents/Session Tracked Agent.agent.md");
  });

  it("--global writes the user-level VS Code mcp.json and no project files", async () => {
    const ws = cliWorkspace();
    const r = await install(ws, "--global");
    expect(r.code).toBe(0);
    const file = join(ws.home, ".config", "Code", "User", "mcp.json");
    expect(readJson(file)).toEqual({ servers: { "ai-session-tracker": globalEntry } });
    expect(existsSync(join(ws.cwd, ".vscode"))).toBe(false);
    expect(existsSync(join(ws.cwd, ".github"))).toBe(false);
    expect(existsSync(join(ws.cwd, ".ai_sessions.yaml"))).toBe(false);
  });

  it("--global honours XDG_CONFIG_HOME on Linux", async () => {
    const ws = cliWorkspace();
    const xdg = join(ws.home, "xdg");
    const r = await runCli(["install", "--global"], {
      cwd: ws.cwd,
      env: { ...ws.env, XDG_CONFIG_HOME: xdg },
    });
    expect(r.code).toBe(0);
    expect(existsSync(join(xdg, "Code", "User", "mcp.json"))).toBe(true);
  });
});

describe("install --client cursor / claude", () => {
  it("cursor: .cursor/mcp.json (mcpServers) merged, plus an always-apply rule", async () => {
    const ws = cliWorkspace();
    mkdirSync(join(ws.cwd, ".cursor"));
    writeFileSync(
      join(ws.cwd, ".cursor", "mcp.json"),
      JSON.stringify({ mcpServers: { other: { command: "x" } } }),
    );
    const r = await install(ws, "--client", "cursor");
    expect(r.code).toBe(0);
    expect(readJson(join(ws.cwd, ".cursor", "mcp.json"))).toEqual({
      mcpServers: {
        other: { command: "x" },
        "ai-session-tracker": {
          ...expectedEntry,
          env: { ...expectedEntry.env, AI_PROJECT_DIR: WORKSPACE_FOLDER },
        },
      },
    });
    const rule = read(join(ws.cwd, ".cursor", "rules", "session-tracking.mdc"));
    expect(rule).toMatch(/^---\ndescription: .+\nalwaysApply: true\n---\n<!-- ai-session-tracker:managed/);
    expect(rule).not.toContain("applyTo");
    expect(existsSync(join(ws.cwd, ".ai_sessions.yaml"))).toBe(true);
    expect((await install(ws, "--client", "cursor")).stdout).toContain(
      "already installed and up to date for Cursor",
    );
  });

  it("cursor --global writes ~/.cursor/mcp.json", async () => {
    const ws = cliWorkspace();
    expect((await install(ws, "--client", "cursor", "--global")).code).toBe(0);
    expect(readJson(join(ws.home, ".cursor", "mcp.json"))).toEqual({
      mcpServers: {
        "ai-session-tracker": {
          ...globalEntry,
          env: { ...globalEntry.env, AI_PROJECT_DIR: WORKSPACE_FOLDER },
        },
      },
    });
  });

  it("claude: .mcp.json (mcpServers) and CLAUDE.md when absent", async () => {
    const ws = cliWorkspace();
    const r = await install(ws, "--client", "claude");
    expect(r.code).toBe(0);
    expect(readJson(join(ws.cwd, ".mcp.json"))).toEqual({
      mcpServers: { "ai-session-tracker": expectedEntry },
    });
    const claude = read(join(ws.cwd, "CLAUDE.md"));
    expect(claude).toMatch(/^<!-- ai-session-tracker:managed/);
    expect(claude).toContain("start_ai_session");
  });

  it("claude: leaves the user's CLAUDE.md alone and says how to add the rules", async () => {
    const ws = cliWorkspace();
    writeFileSync(join(ws.cwd, "CLAUDE.md"), "# Team rules\n");
    const r = await install(ws, "--client", "claude");
    expect(r.code).toBe(0);
    expect(read(join(ws.cwd, "CLAUDE.md"))).toBe("# Team rules\n");
    expect(r.stdout).toContain("Left CLAUDE.md unchanged");
    expect(r.stdout).toContain("session_tracking.instructions.md");
  });
});

describe("install --client codex", () => {
  const header = "[mcp_servers.ai-session-tracker]";
  const ourSection = [
    header,
    `command = ${JSON.stringify(process.execPath)}`,
    `args = [${JSON.stringify(CLI_BIN)}, "server"]`,
    "",
    "[mcp_servers.ai-session-tracker.env]",
    'AI_MAX_SESSION_DURATION_HOURS = "4.0"',
  ].join("\n");

  it("creates ~/.codex/config.toml and AGENTS.md", async () => {
    const ws = cliWorkspace();
    const r = await install(ws, "--client", "codex");
    expect(r.code).toBe(0);
    expect(read(join(ws.home, ".codex", "config.toml"))).toBe(`${ourSection}\n`);
    expect(read(join(ws.cwd, "AGENTS.md"))).toMatch(/^<!-- ai-session-tracker:managed/);
  });

  it("appends to an existing config and keeps every other byte", async () => {
    const ws = cliWorkspace();
    const file = join(ws.home, ".codex", "config.toml");
    mkdirSync(join(ws.home, ".codex"));
    const existing = [
      'model = "o3"  # my model',
      "",
      "[mcp_servers.docs]",
      'command = "npx"',
      'args = ["-y", "docs-mcp"]',
      "",
      "[profiles.fast]",
      'model = "gpt-5-mini"',
      "",
    ].join("\n");
    writeFileSync(file, existing);
    const r = await install(ws, "--client", "codex");
    expect(r.code).toBe(0);
    expect(read(file)).toBe(`${existing}\n${ourSection}\n`);
    // second run: nothing changes
    const again = await install(ws, "--client", "codex");
    expect(again.stdout).toContain("already installed and up to date for Codex");
    expect(read(file)).toBe(`${existing}\n${ourSection}\n`);
  });

  it("replaces only our section in place, keeping the user's env values and extra keys", async () => {
    const ws = cliWorkspace();
    const file = join(ws.home, ".codex", "config.toml");
    mkdirSync(join(ws.home, ".codex"));
    const before = ["# Codex config", 'model = "o3"', "", "[mcp_servers.docs]", 'command = "npx"', ""].join(
      "\n",
    );
    const after = ["", "[mcp_servers.zeta]", 'command = "zeta" # keep me', ""].join("\n");
    const oldOurs = [
      '[mcp_servers."ai-session-tracker"]',
      'command = "/old/python"',
      "args = [",
      '  "-m",',
      '  "ai_session_tracker_mcp", "server",',
      "]",
      "startup_timeout_sec = 20",
      "",
      "[mcp_servers.ai-session-tracker.env]",
      'AI_OUTPUT_DIR = "/nas/ai/jane"',
    ].join("\n");
    writeFileSync(file, `${before}\n${oldOurs}\n${after}`);
    const r = await install(ws, "--client", "codex");
    expect(r.code).toBe(0);
    const expectedOurs = [
      '[mcp_servers."ai-session-tracker"]',
      `command = ${JSON.stringify(process.execPath)}`,
      `args = [${JSON.stringify(CLI_BIN)}, "server"]`,
      "startup_timeout_sec = 20",
      "",
      "[mcp_servers.ai-session-tracker.env]",
      'AI_OUTPUT_DIR = "/nas/ai/jane"',
      'AI_MAX_SESSION_DURATION_HOURS = "4.0"',
    ].join("\n");
    expect(read(file)).toBe(`${before}\n${expectedOurs}\n${after}`);
  });

  it("honours CODEX_HOME", async () => {
    const ws = cliWorkspace();
    const codexHome = join(ws.home, "custom-codex");
    const r = await runCli(["install", "--client", "codex"], {
      cwd: ws.cwd,
      env: { ...ws.env, CODEX_HOME: codexHome },
    });
    expect(r.code).toBe(0);
    expect(read(join(codexHome, "config.toml"))).toContain(header);
  });

  it("codex --global writes only the config", async () => {
    const ws = cliWorkspace();
    expect((await install(ws, "--client", "codex", "--global")).code).toBe(0);
    expect(existsSync(join(ws.cwd, "AGENTS.md"))).toBe(false);
    expect(existsSync(join(ws.cwd, ".ai_sessions.yaml"))).toBe(false);
  });
});
