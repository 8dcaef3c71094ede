/**
 * The package as a teammate gets it: `npm pack` of the built package, installed from the tarball into an
 * empty prefix, then the installed copy does everything — `--version`, `install` into a git project with
 * the team's share pattern, a full MCP session over stdio through the SDK client. A second developer clones
 * that project and runs the COMMITTED config's command exactly as written (`npx -y <name>@<version> server`
 * with its env); both developers' sessions land in the share, each under their own folder.
 *
 * The package is not on the registry, so npx cannot download it here: the teammate's clone gets the
 * tarball installed in its own node_modules (`npm install --no-save <tgz>`), and npx — asked for exactly
 * that name@version — uses the project's copy without any download. Dependencies come from npm's cache
 * or the registry (`--prefer-offline`).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CLI_PACKAGE_ROOT, cliTempDir, readJson } from "./helpers/cli-run.js";
import { recordSession } from "./helpers/record-session.js";

const run = promisify(execFile);
/** Cursor's variable, as install writes it into the config. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: it is the client's variable syntax, not ours
const WORKSPACE_FOLDER = "${workspaceFolder}";
const TIMEOUT = 300_000;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const { name, version } = z
  .object({ name: z.string(), version: z.string() })
  .parse(readJson(join(CLI_PACKAGE_ROOT, "package.json")));

const root = cliTempDir("ast-tarball-");
const prefix = join(root, "prefix");
const cloud = join(root, "cloud"); // what the sync client keeps in step on every machine
let tarball = "";
let packedFiles: string[] = [];

/** This process's env without the `npm_*` variables an outer `npm test` / `npm run -w …` exports. */
const npmEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
  npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? root, ".npm"),
};

/** One developer's machine: a HOME whose ~/OneDrive is the shared cloud folder, and a git identity. */
function machine(developer: string): NodeJS.ProcessEnv {
  const home = join(root, `home-${developer.replaceAll(" ", "-")}`);
  mkdirSync(home, { recursive: true });
  symlinkSync(cloud, join(home, "OneDrive"), "dir");
  writeFileSync(join(home, ".gitconfig"), `[user]\n\tname = ${developer}\n\temail = dev@example.invalid\n`);
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    TZ: "UTC",
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
    GIT_CONFIG_NOSYSTEM: "1",
    USER: "os-account",
    npm_config_cache: npmEnv.npm_config_cache ?? "",
  };
}

const git = (cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) => run("git", args, { cwd, env });

const sessionsIn = (dir: string) =>
  z
    .record(z.string(), z.object({ developer: z.string(), project: z.string(), status: z.string() }))
    .parse(readJson(join(dir, "sessions.json")));

beforeAll(async () => {
  mkdirSync(prefix, { recursive: true });
  mkdirSync(cloud, { recursive: true });
  // The built package as it is (npm test builds it first); prepack's rebuild is for publishing.
  const { stdout } = await run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", root], {
    cwd: CLI_PACKAGE_ROOT,
    env: npmEnv,
  });
  const packed = z
    .array(z.object({ filename: z.string(), files: z.array(z.object({ path: z.string() })) }))
    .parse(JSON.parse(stdout))[0];
  if (!packed) throw new Error("npm pack printed no result");
  tarball = join(root, packed.filename);
  packedFiles = packed.files.map((f) => f.path);
  await run(npm, ["install", "--prefix", prefix, tarball, "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: root,
    env: npmEnv,
    timeout: TIMEOUT,
  });
}, TIMEOUT);

// Two installs of the package and its dependencies (~100 MB): not left behind in the temp folder.
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the packed package", () => {
  it("ships only the compiled code, the agent files, README, LICENSE and package.json", () => {
    const unexpected = packedFiles.filter(
      (f) =>
        !/^(package\.json|README\.md|LICENSE|agent-files\/.+\.md|dist\/.+\.(js|d\.ts))$/.test(f) ||
        f.includes("test-helpers"),
    );
    expect(unexpected).toEqual([]);
    for (const f of ["package.json", "README.md", "LICENSE", "dist/cli/main.js", "dist/stats/index.js"]) {
      expect(packedFiles).toContain(f);
    }
    // Every compiled module has its source: nothing stale from an older build ships.
    const stale = packedFiles
      .filter((f) => f.endsWith(".js"))
      .filter(
        (f) => !existsSync(join(CLI_PACKAGE_ROOT, "src", f.slice("dist/".length).replace(/\.js$/, ".ts"))),
      );
    expect(stale).toEqual([]);
  });

  it("declares what a published package needs", () => {
    const pkg = z
      .object({
        name: z.string(),
        version: z.string(),
        description: z.string().min(1),
        license: z.string(),
        keywords: z.array(z.string()).min(1),
        engines: z.object({ node: z.string() }),
        bin: z.object({ "ai-session-tracker": z.string() }),
        exports: z.record(z.string(), z.unknown()),
        files: z.array(z.string()),
      })
      .parse(readJson(join(prefix, "node_modules", name, "package.json")));
    expect(pkg.version).toBe(version);
    expect(existsSync(join(prefix, "node_modules", name, pkg.bin["ai-session-tracker"]))).toBe(true);
  });

  it(
    "installs and runs: --version, install in a git project, a stdio session; a teammate's clone runs the committed command",
    async () => {
      const bin = join(prefix, "node_modules", ".bin", "ai-session-tracker");
      const alice = machine("Alice Example");
      expect((await run(bin, ["--version"], { env: alice })).stdout).toBe(`ai-session-tracker ${version}\n`);

      // Alice sets the project up with the team's share pattern and commits the result.
      const origin = join(root, "alice", "payments-api");
      mkdirSync(origin, { recursive: true });
      await git(origin, alice, "init", "-q");
      const pattern = "~/OneDrive/ai-sessions/{developer}/{project}";
      for (const client of ["vscode", "claude", "cursor"]) {
        const r = await run(bin, ["install", "--client", client, "--output-dir", pattern], {
          cwd: origin,
          env: alice,
        });
        expect(r.stdout).toContain("Successfully installed");
      }
      await git(origin, alice, "add", "-A");
      await git(origin, alice, "commit", "-q", "-m", "track AI sessions");
      const committed = (await git(origin, alice, "show", "--name-only", "--format=", "HEAD")).stdout;
      expect(committed).toContain(".vscode/mcp.json");
      expect(committed).toContain(".mcp.json");
      expect(committed).toContain(".cursor/mcp.json");

      const entrySchema = z
        .object({ command: z.string(), args: z.array(z.string()), env: z.record(z.string(), z.string()) })
        .loose();
      const vscode = entrySchema.parse(
        z
          .object({ servers: z.record(z.string(), z.unknown()) })
          .parse(readJson(join(origin, ".vscode", "mcp.json"))).servers["ai-session-tracker"],
      );
      const claude = entrySchema.parse(
        z.object({ mcpServers: z.record(z.string(), z.unknown()) }).parse(readJson(join(origin, ".mcp.json")))
          .mcpServers["ai-session-tracker"],
      );
      expect(claude).toEqual(vscode);
      // The npx command and the share pattern are the same for all three clients.
      expect(vscode).toEqual({
        command: "npx",
        args: ["-y", `${name}@${version}`, "server"],
        env: { AI_MAX_SESSION_DURATION_HOURS: "4.0", AI_OUTPUT_DIR: pattern },
        type: "stdio",
      });

      // Alice's own session, through the installed copy's bin with the config's env.
      const aliceSession = await recordSession({
        command: bin,
        args: vscode.args.slice(-1),
        cwd: origin,
        env: { ...z.record(z.string(), z.string()).parse(alice), ...vscode.env },
      });

      // Bob clones the repository on his machine and his client runs the committed command as written.
      const bob = machine("Bob Builder");
      const clone = join(root, "bob", "payments-api");
      await git(root, bob, "clone", "-q", origin, clone);
      await run(
        npm,
        ["install", "--no-save", "--no-package-lock", tarball, "--no-audit", "--no-fund", "--prefer-offline"],
        {
          cwd: clone,
          env: bob,
          timeout: TIMEOUT,
        },
      );
      const bobConfig = entrySchema.parse(
        z
          .object({ servers: z.record(z.string(), z.unknown()) })
          .parse(readJson(join(clone, ".vscode", "mcp.json"))).servers["ai-session-tracker"],
      );
      const bobSession = await recordSession({
        command: bobConfig.command,
        args: bobConfig.args,
        cwd: clone,
        env: { ...z.record(z.string(), z.string()).parse(bob), ...bobConfig.env },
      });
      // Bob also works in Cursor, which expands ${workspaceFolder} in env (done here as Cursor would).
      // Cursor documents no working folder; it is the clone here because only from inside the project
      // can npx find the unpublished package (AI_PROJECT_DIR from elsewhere: cli-install-share.test.ts).
      const cursorConfig = entrySchema.parse(
        z
          .object({ mcpServers: z.record(z.string(), z.unknown()) })
          .parse(readJson(join(clone, ".cursor", "mcp.json"))).mcpServers["ai-session-tracker"],
      );
      const cursorEnv = Object.fromEntries(
        Object.entries(cursorConfig.env).map(([k, v]) => [k, v.replaceAll(WORKSPACE_FOLDER, clone)]),
      );
      expect(cursorEnv.AI_PROJECT_DIR).toBe(clone);
      const bobCursorSession = await recordSession({
        command: cursorConfig.command,
        args: cursorConfig.args,
        cwd: clone,
        env: { ...z.record(z.string(), z.string()).parse(bob), ...cursorEnv },
      });

      const share = join(cloud, "ai-sessions");
      expect(readdirSync(share).sort()).toEqual(["Alice Example", "Bob Builder"]);
      const aliceData = sessionsIn(join(share, "Alice Example", "payments-api"));
      const bobData = sessionsIn(join(share, "Bob Builder", "payments-api"));
      expect(Object.keys(aliceData)).toEqual([aliceSession]);
      expect(Object.keys(bobData).sort()).toEqual([bobSession, bobCursorSession].sort());
      expect(aliceData[aliceSession]).toMatchObject({
        developer: "Alice Example",
        project: "payments-api",
        status: "completed",
      });
      expect(bobData[bobCursorSession]).toMatchObject({ developer: "Bob Builder", project: "payments-api" });
      expect(bobData[bobSession]).toMatchObject({
        developer: "Bob Builder",
        project: "payments-api",
        status: "completed",
      });
      const interactions = z.array(z.object({ session_id: z.string() }));
      expect(
        interactions.parse(readJson(join(share, "Bob Builder", "payments-api", "interactions.json"))),
      ).toEqual([
        expect.objectContaining({ session_id: bobSession }),
        expect.objectContaining({ session_id: bobCursorSession }),
      ]);
      // Nothing landed in either checkout.
      expect(existsSync(join(origin, ".ai_sessions"))).toBe(false);
      expect(existsSync(join(z.string().parse(bob.HOME), ".ai_sessions"))).toBe(false);
      expect(existsSync(join(clone, ".ai_sessions"))).toBe(false);
    },
    TIMEOUT,
  );
});
