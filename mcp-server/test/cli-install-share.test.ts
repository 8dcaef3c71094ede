/**
 * Rolling the recorder out to a team: `install` migrates old machine-specific entries to the portable
 * npx command, `--output-dir` stores the share pattern (`{developer}`, `{project}`) in the config's env,
 * the recorder expands it at start-up (env > `output_dir:` in `.ai_sessions.yaml` > `.ai_sessions`), and a
 * data folder inside the repository is git-ignored.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CLI_BIN,
  CLI_PACKAGE_ROOT,
  type CliWorkspace,
  cliWorkspace,
  readJson,
  runCli,
} from "./helpers/cli-run.js";
import { recordSession } from "./helpers/record-session.js";

/** The VS Code/Cursor variable, written literally into the config for the client to expand. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: it is the client's variable syntax, not ours
const WORKSPACE_FOLDER = "${workspaceFolder}";

const { name, version } = z
  .object({ name: z.string(), version: z.string() })
  .parse(readJson(join(CLI_PACKAGE_ROOT, "package.json")));
const portable = { type: "stdio", command: "npx", args: ["-y", `${name}@${version}`, "server"] };

const read = (file: string) => readFileSync(file, "utf8");

/** A workspace whose project is a git repository, with `user.name` set in the private global config. */
function gitWorkspace(developer = "Jane Doe"): CliWorkspace {
  const ws = cliWorkspace({ AI_OUTPUT_DIR: undefined });
  execFileSync("git", ["init", "-q", ws.cwd], { env: ws.env });
  execFileSync("git", ["config", "--global", "user.name", developer], { env: ws.env });
  return ws;
}

const install = (ws: CliWorkspace, ...args: string[]) =>
  runCli(["install", ...args], { cwd: ws.cwd, env: ws.env });

const entrySchema = z
  .object({ command: z.string(), args: z.array(z.string()), env: z.record(z.string(), z.string()) })
  .loose();

function ourEntry(file: string, key: "servers" | "mcpServers") {
  return entrySchema.parse(
    z.record(z.string(), z.record(z.string(), z.unknown())).parse(readJson(file))[key]?.[
      "ai-session-tracker"
    ],
  );
}

describe("portable project configs", () => {
  // Cursor does not document the folder it starts servers in, but expands ${workspaceFolder} in env.
  const cases = [
    { client: "vscode", file: [".vscode", "mcp.json"], key: "servers", env: {} },
    {
      client: "cursor",
      file: [".cursor", "mcp.json"],
      key: "mcpServers",
      env: { AI_PROJECT_DIR: WORKSPACE_FOLDER },
    },
    { client: "claude", file: [".mcp.json"], key: "mcpServers", env: {} },
  ] as const;

  for (const c of cases) {
    it(`${c.client}: re-install migrates an old absolute entry; other servers untouched`, async () => {
      const ws = cliWorkspace();
      const file = join(ws.cwd, ...c.file);
      mkdirSync(join(file, ".."), { recursive: true });
      const other = {
        command: "npx",
        args: ["-y", "@modelcontextprotocol/server-filesystem", "."],
        env: { X: "1" },
      };
      // Exactly what the old install wrote: this machine's node and the checkout's dist/cli/main.js.
      const old = {
        type: "stdio",
        command: "/usr/bin/node",
        args: ["/home/jane/src/tracker/mcp-server/dist/cli/main.js", "server"],
        env: { AI_MAX_SESSION_DURATION_HOURS: "4.0", AI_OUTPUT_DIR: "~/OneDrive/ai-sessions/jane" },
      };
      writeFileSync(
        file,
        `${JSON.stringify({ [c.key]: { filesystem: other, "ai-session-tracker": old } }, null, 2)}\n`,
      );

      const r = await install(ws, "--client", c.client);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Updated ai-session-tracker in");
      expect(readJson(file)).toEqual({
        [c.key]: {
          filesystem: other,
          "ai-session-tracker": { ...portable, env: { ...old.env, ...c.env } },
        },
      });
      const text = read(file);
      expect(text).not.toContain(ws.cwd);
      expect(text).not.toContain(process.execPath);
      expect(text).not.toContain("dist/cli/main.js");
      const entry = ourEntry(file, c.key);
      expect([entry.command, ...entry.args].some((part) => isAbsolute(part))).toBe(false);

      const again = await install(ws, "--client", c.client);
      expect(again.stdout).toContain("already installed and up to date");
      expect(read(file)).toBe(text);
    });
  }
});

describe("install --output-dir", () => {
  it("stores the pattern in the config's env, verbatim, and says where this developer's data goes", async () => {
    const ws = gitWorkspace("Jane Doe");
    const pattern = "~/OneDrive/ai-sessions/{developer}/{project}";
    const r = await install(ws, "--output-dir", pattern);
    expect(r.code).toBe(0);
    const file = join(ws.cwd, ".vscode", "mcp.json");
    expect(readJson(file)).toEqual({
      servers: {
        "ai-session-tracker": {
          ...portable,
          env: { AI_MAX_SESSION_DURATION_HOURS: "4.0", AI_OUTPUT_DIR: pattern },
        },
      },
    });
    expect(r.stdout).toContain(`Data: ${join(ws.home, "OneDrive", "ai-sessions", "Jane Doe", "my-project")}`);
    // Outside the repository: no .gitignore is written.
    expect(existsSync(join(ws.cwd, ".gitignore"))).toBe(false);
  });

  it("an explicit --output-dir replaces the one already in the entry (other env values stay)", async () => {
    const ws = gitWorkspace();
    await install(ws, "--client", "claude", "--output-dir", "/mnt/old/{developer}");
    const r = await install(ws, "--client", "claude", "--output-dir", "/mnt/team/{developer}/{project}");
    expect(r.code).toBe(0);
    expect(ourEntry(join(ws.cwd, ".mcp.json"), "mcpServers").env).toEqual({
      AI_MAX_SESSION_DURATION_HOURS: "4.0",
      AI_OUTPUT_DIR: "/mnt/team/{developer}/{project}",
    });
    // Without the flag the entry's own value is kept.
    await install(ws, "--client", "claude");
    expect(ourEntry(join(ws.cwd, ".mcp.json"), "mcpServers").env.AI_OUTPUT_DIR).toBe(
      "/mnt/team/{developer}/{project}",
    );
  });

  it("codex: the pattern goes into [mcp_servers.ai-session-tracker.env], replacing an old value in place", async () => {
    const ws = gitWorkspace();
    const file = join(ws.home, ".codex", "config.toml");
    mkdirSync(join(ws.home, ".codex"));
    writeFileSync(
      file,
      ["[mcp_servers.ai-session-tracker.env]", 'AI_OUTPUT_DIR = "/nas/old"', 'KEEP = "me"', ""].join("\n"),
    );
    const r = await install(ws, "--client", "codex", "--output-dir", "~/share/{developer}");
    expect(r.code).toBe(0);
    const text = read(file);
    expect(text).toContain('AI_OUTPUT_DIR = "~/share/{developer}"');
    expect(text).not.toContain("/nas/old");
    expect(text).toContain('KEEP = "me"');
  });

  it("rejects unknown placeholders and an empty value (usage error, nothing written)", async () => {
    const ws = gitWorkspace();
    const bad = await install(ws, "--output-dir", "~/share/{user}/{project}");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("{user}");
    expect(bad.stderr).toContain("{developer}");
    expect(existsSync(join(ws.cwd, ".vscode"))).toBe(false);
    const empty = await install(ws, "--output-dir", " ");
    expect(empty.code).toBe(2);
  });
});

describe(".gitignore for a data folder inside the repository", () => {
  it("the default .ai_sessions is ignored, once; the user's lines are kept", async () => {
    const ws = gitWorkspace();
    writeFileSync(join(ws.cwd, ".gitignore"), "node_modules/");
    const r = await install(ws);
    expect(r.code).toBe(0);
    expect(read(join(ws.cwd, ".gitignore"))).toBe("node_modules/\n/.ai_sessions/\n");
    expect(r.stdout).toMatch(/\.gitignore/);
    mkdirSync(join(ws.cwd, ".ai_sessions"));
    writeFileSync(join(ws.cwd, ".ai_sessions", "sessions.json"), "{}");
    const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], {
      cwd: ws.cwd,
      env: ws.env,
      encoding: "utf8",
    });
    expect(status).not.toContain(".ai_sessions/");
    const again = await install(ws);
    expect(again.stdout).toContain("already installed and up to date");
    expect(read(join(ws.cwd, ".gitignore"))).toBe("node_modules/\n/.ai_sessions/\n");
  });

  it("a pattern inside the repository ignores its fixed part, so every developer's folder is covered", async () => {
    const ws = gitWorkspace();
    const r = await install(ws, "--output-dir", "recordings/{developer}/{project}");
    expect(r.code).toBe(0);
    expect(read(join(ws.cwd, ".gitignore"))).toBe("/recordings/\n");
  });

  it("an already ignored folder adds nothing", async () => {
    const ws = gitWorkspace();
    writeFileSync(join(ws.cwd, ".gitignore"), ".ai_sessions\n");
    await install(ws);
    expect(read(join(ws.cwd, ".gitignore"))).toBe(".ai_sessions\n");
  });
});

describe("the recorder expands the pattern at start-up", () => {
  const startArgs = "start --name S --type debugging --model m --mins 30 --source manual --json".split(" ");

  /** The folders (relative to `root`) that hold a sessions.json. */
  function dataFolders(root: string, prefix = ""): string[] {
    if (!existsSync(root)) return [];
    return readdirSync(root, { withFileTypes: true }).flatMap((d) => {
      if (d.isFile() && d.name === "sessions.json") return [prefix || "."];
      return d.isDirectory() ? dataFolders(join(root, d.name), prefix ? `${prefix}/${d.name}` : d.name) : [];
    });
  }

  // Developer name, AI_OUTPUT_DIR, the data folder expected below ~/share.
  it.each([
    [
      "AI_OUTPUT_DIR with {developer}/{project} and ~",
      "Jane Doe",
      "{developer}/{project}",
      "Jane Doe/my-project",
    ],
    ["a developer name is made safe as one folder name", "../Eve/Ops: lead", "{developer}", "_Eve_Ops_ lead"],
  ])("%s", async (_what, developer, template, folder) => {
    const ws = gitWorkspace(developer);
    const r = await runCli(startArgs, {
      cwd: ws.cwd,
      env: { ...ws.env, AI_OUTPUT_DIR: `~/share/${template}` },
    });
    expect(r.code).toBe(0);
    expect(dataFolders(join(ws.home, "share"))).toEqual([folder]);
  });

  it("the team file's output_dir is used when the env has none; relative to the team file's folder", async () => {
    const ws = gitWorkspace("sam");
    writeFileSync(
      join(ws.cwd, ".ai_sessions.yaml"),
      "project: payments\noutput_dir: ../share/{developer}/{project}\n",
    );
    const sub = join(ws.cwd, "src", "deep");
    mkdirSync(sub, { recursive: true });
    const r = await runCli(startArgs, { cwd: sub, env: ws.env });
    expect(r.code).toBe(0);
    expect(dataFolders(join(ws.cwd, "..", "share"))).toEqual(["sam/payments"]);
  });

  it("explicit env wins over the team file; without either the default .ai_sessions is used", async () => {
    const ws = gitWorkspace("sam");
    writeFileSync(join(ws.cwd, ".ai_sessions.yaml"), "output_dir: ../share/{developer}\n");
    const explicit = join(ws.home, "explicit");
    expect((await runCli(startArgs, { cwd: ws.cwd, env: { ...ws.env, AI_OUTPUT_DIR: explicit } })).code).toBe(
      0,
    );
    expect(dataFolders(explicit)).toEqual(["."]);
    expect(existsSync(join(ws.cwd, "..", "share"))).toBe(false);

    const plain = gitWorkspace("sam");
    expect((await runCli(startArgs, { cwd: plain.cwd, env: plain.env })).code).toBe(0);
    expect(dataFolders(join(plain.cwd, ".ai_sessions"))).toEqual(["."]);
  });

  it("an empty AI_OUTPUT_DIR counts as unset (with a warning): the team file applies", async () => {
    const ws = gitWorkspace("sam");
    writeFileSync(join(ws.cwd, ".ai_sessions.yaml"), "output_dir: ../share/{developer}\n");
    const r = await runCli(startArgs, { cwd: ws.cwd, env: { ...ws.env, AI_OUTPUT_DIR: "" } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("AI_OUTPUT_DIR is set but empty");
    expect(dataFolders(join(ws.cwd, "..", "share"))).toEqual(["sam"]);
  });
});

describe("the server's project folder when the client starts it elsewhere", () => {
  const env = (ws: CliWorkspace, extra: Record<string, string>) => ({
    ...Object.fromEntries(Object.entries(ws.env).filter((e): e is [string, string] => e[1] !== undefined)),
    ...extra,
  });
  const sessionsOf = (dir: string) =>
    z
      .record(z.string(), z.object({ developer: z.string(), project: z.string() }))
      .parse(readJson(join(dir, "sessions.json")));

  for (const variable of ["AI_PROJECT_DIR", "CLAUDE_PROJECT_DIR"]) {
    it(`${variable} names the project: identity and the default data folder follow it, not the working folder`, async () => {
      const ws = gitWorkspace("Jane Doe");
      const id = await recordSession({
        command: process.execPath,
        args: [CLI_BIN, "server"],
        cwd: ws.home,
        env: env(ws, { [variable]: ws.cwd }),
      });
      expect(sessionsOf(join(ws.cwd, ".ai_sessions"))[id]).toMatchObject({
        developer: "Jane Doe",
        project: "my-project",
      });
      expect(existsSync(join(ws.home, ".ai_sessions"))).toBe(false);
    });
  }

  it("an unexpanded client variable in AI_PROJECT_DIR is ignored (the working folder is used)", async () => {
    const ws = gitWorkspace("Jane Doe");
    const id = await recordSession({
      command: process.execPath,
      args: [CLI_BIN, "server"],
      cwd: ws.cwd,
      env: env(ws, { AI_PROJECT_DIR: WORKSPACE_FOLDER }),
    });
    expect(sessionsOf(join(ws.cwd, ".ai_sessions"))[id]).toMatchObject({ project: "my-project" });
  });
});
