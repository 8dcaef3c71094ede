/**
 * `ai-session-tracker doctor`: where the data goes (per client config found), whether that folder is in a
 * sync client's folder, whether git ignores it; exit 1 when something is wrong; `--json` for machines.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type CliWorkspace, cliWorkspace, runCli } from "./helpers/cli-run.js";

function gitWorkspace(developer = "Jane Doe"): CliWorkspace {
  const ws = cliWorkspace({ AI_OUTPUT_DIR: undefined });
  execFileSync("git", ["init", "-q", ws.cwd], { env: ws.env });
  execFileSync("git", ["config", "--global", "user.name", developer], { env: ws.env });
  return ws;
}

const run = (ws: CliWorkspace, ...args: string[]) => runCli(args, { cwd: ws.cwd, env: ws.env });

const reportSchema = z.object({
  ok: z.boolean(),
  problems: z.array(z.string()),
  warnings: z.array(z.string()),
  clients: z.array(
    z.object({
      client: z.string(),
      scope: z.enum(["project", "user"]),
      config: z.string(),
      command: z.array(z.string()),
      portable: z.boolean(),
      outputDir: z.object({
        dir: z.string(),
        pattern: z.string().nullable(),
        source: z.string(),
        sync: z.string().nullable(),
        insideRepository: z.boolean(),
        gitIgnored: z.boolean().nullable(),
      }),
    }),
  ),
});

describe("doctor", () => {
  it("a healthy team setup: data in a Syncthing folder outside the repo; exit 0; --json agrees", async () => {
    const ws = gitWorkspace("Jane Doe");
    mkdirSync(join(ws.home, "team-share"), { recursive: true });
    writeFileSync(join(ws.home, "team-share", ".stfolder"), "");
    expect((await run(ws, "install", "--output-dir", "~/team-share/{developer}/{project}")).code).toBe(0);

    const text = await run(ws, "doctor");
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    const dir = join(ws.home, "team-share", "Jane Doe", "my-project");
    expect(text.stdout).toContain(dir);
    expect(text.stdout).toContain("Syncthing");
    expect(text.stdout).toContain(".vscode/mcp.json");

    const json = await run(ws, "doctor", "--json");
    expect(json.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(json.stdout));
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.clients).toHaveLength(1);
    expect(report.clients[0]).toMatchObject({
      client: "vscode",
      scope: "project",
      portable: true,
      outputDir: {
        dir,
        pattern: "~/team-share/{developer}/{project}",
        source: "AI_OUTPUT_DIR in .vscode/mcp.json",
        sync: "Syncthing",
        insideRepository: false,
      },
    });
  });

  it("recognises OneDrive, Dropbox, Google Drive and iCloud folders", async () => {
    const cases: [string, string, string?][] = [
      ["~/OneDrive - Contoso/ai/{developer}", "OneDrive"],
      ["~/Library/CloudStorage/GoogleDrive-jane@example.com/My Drive/ai", "Google Drive"],
      ["~/Library/Mobile Documents/com~apple~CloudDocs/ai", "iCloud Drive"],
      ["~/work-box/ai", "Dropbox", "work-box"],
    ];
    for (const [pattern, client, dropboxRoot] of cases) {
      const ws = gitWorkspace();
      if (dropboxRoot) {
        mkdirSync(join(ws.home, dropboxRoot), { recursive: true });
        writeFileSync(join(ws.home, dropboxRoot, ".dropbox"), "{}");
      }
      await run(ws, "install", "--client", "claude", "--output-dir", pattern);
      const report = reportSchema.parse(JSON.parse((await run(ws, "doctor", "--json")).stdout));
      expect(report.clients[0]?.outputDir.sync, pattern).toBe(client);
    }
  });

  it("data inside the repository that git does not ignore is a problem (exit 1)", async () => {
    const ws = gitWorkspace();
    await run(ws, "install", "--client", "cursor");
    // The user removed the line install added.
    writeFileSync(join(ws.cwd, ".gitignore"), "");
    const r = await run(ws, "doctor");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/not git-ignored/);
    const report = reportSchema.parse(JSON.parse((await run(ws, "doctor", "--json")).stdout));
    expect(report.ok).toBe(false);
    expect(report.clients[0]?.outputDir).toMatchObject({
      dir: join(ws.cwd, ".ai_sessions"),
      source: "default",
      insideRepository: true,
      gitIgnored: false,
    });
    expect(report.problems.join("\n")).toContain(".gitignore");
    // Once ignored, the warning is gone but "no sync client" stays a warning, not a problem.
    writeFileSync(join(ws.cwd, ".gitignore"), ".ai_sessions/\n");
    const fixed = reportSchema.parse(JSON.parse((await run(ws, "doctor", "--json")).stdout));
    expect(fixed.ok).toBe(true);
    expect(fixed.clients[0]?.outputDir.gitIgnored).toBe(true);
    expect(fixed.warnings.join("\n")).toMatch(/sync/i);
  });

  it("a project config with machine paths and no client at all are problems", async () => {
    const ws = gitWorkspace();
    const none = await run(ws, "doctor");
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/no MCP client config/i);

    mkdirSync(join(ws.cwd, ".vscode"));
    writeFileSync(
      join(ws.cwd, ".vscode", "mcp.json"),
      JSON.stringify({
        servers: {
          "ai-session-tracker": {
            type: "stdio",
            command: "/usr/bin/node",
            args: ["/gone/dist/cli/main.js", "server"],
          },
        },
      }),
    );
    const report = reportSchema.parse(JSON.parse((await run(ws, "doctor", "--json")).stdout));
    expect(report.ok).toBe(false);
    expect(report.clients[0]?.portable).toBe(false);
    expect(report.problems.join("\n")).toMatch(/machine-specific|install/);
  });

  it("the team file's pattern is reported with its source", async () => {
    const ws = gitWorkspace("sam");
    writeFileSync(
      join(ws.cwd, ".ai_sessions.yaml"),
      "project: payments\noutput_dir: ~/share/{developer}/{project}\n",
    );
    await run(ws, "install", "--client", "claude");
    const report = reportSchema.parse(JSON.parse((await run(ws, "doctor", "--json")).stdout));
    expect(report.clients[0]?.outputDir).toMatchObject({
      dir: join(ws.home, "share", "sam", "payments"),
      pattern: "~/share/{developer}/{project}",
      source: `output_dir in ${join(ws.cwd, ".ai_sessions.yaml")}`,
    });
  });

  it("warns when the project's clients write to different folders", async () => {
    const ws = gitWorkspace();
    await run(ws, "install", "--output-dir", "~/share/{developer}");
    await run(ws, "install", "--client", "claude");
    const report = reportSchema.parse(JSON.parse((await run(ws, "doctor", "--json")).stdout));
    expect(report.ok).toBe(true);
    expect(report.warnings.join("\n")).toMatch(/different folders/);
  });
});
