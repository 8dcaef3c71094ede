/** Exit codes, --version, --help and usage errors of the built `ai-session-tracker` bin. */
import { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TASK_TYPES } from "../src/contract/enums.js";
import { CLI_PACKAGE_ROOT, cliWorkspace, runCli } from "./helpers/cli-run.js";

const ws = cliWorkspace();
const run = (...args: string[]) => runCli(args, { cwd: ws.cwd, env: ws.env });
const version = (
  JSON.parse(readFileSync(join(CLI_PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }
).version;

describe("ai-session-tracker --version / --help", () => {
  it("--version prints the program name and the package version", async () => {
    const r = await run("--version");
    expect(r).toMatchObject({ code: 0, stdout: `ai-session-tracker ${version}\n` });
  });

  it("--help lists every command and exits 0", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    for (const cmd of [
      "server",
      "report",
      "install",
      "dashboard",
      "start",
      "log",
      "end",
      "flag",
      "active",
      "log-request",
      "request-stats",
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, "m"));
    }
    expect(r.stdout).toContain("AI_OUTPUT_DIR");
  });

  it("per-command --help shows flags, choices (planning included) and required markers", async () => {
    const r = await run("start", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Usage: ai-session-tracker start --name … --type … --model … --mins … --source …",
    );
    expect(r.stdout).toContain(`one of: ${TASK_TYPES.join(", ")}`);
    expect(r.stdout).toContain("planning");
    const log = await run("log", "-h");
    for (const flag of [
      "--tokens-in",
      "--tokens-out",
      "--cache-hit-rate",
      "--cached-tokens",
      "--new-tokens",
      "--context-pct",
      "--tools",
    ]) {
      expect(log.stdout).toContain(flag);
    }
  });

  it("--help wins over missing required flags", async () => {
    const r = await run("end", "--help");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});

describe("usage errors exit 2 with a message and a hint", () => {
  const cases: [string, string[], RegExp][] = [
    ["unknown command", ["frobnicate"], /unknown command "frobnicate"/],
    ["unknown top-level flag", ["--verbose"], /unknown flag --verbose/],
    ["unknown flag", ["active", "--foo"], /unknown flag --foo/],
    ["unexpected positional", ["active", "extra"], /unexpected argument "extra"/],
    [
      "missing required flags",
      ["log", "--session-id", "x"],
      /missing required flags: --prompt, --summary, --rating/,
    ],
    ["flag without a value", ["end", "--session-id"], /--session-id needs a value/],
    [
      "flag followed by a flag",
      ["end", "--session-id", "--outcome", "success"],
      /--session-id needs a value/,
    ],
    [
      "non-numeric number",
      ["start", "--name", "n", "--type", "testing", "--model", "m", "--mins", "abc", "--source", "manual"],
      /--mins must be a number \(got "abc"\)/,
    ],
    [
      "bad enum (zod message)",
      ["start", "--name", "n", "--type", "coding", "--model", "m", "--mins", "30", "--source", "manual"],
      /--type: task_type must be one of: analysis, architecture_planning, code_generation, debugging, documentation, human_review, planning, refactoring, testing/,
    ],
    [
      "fractional rating",
      ["log", "--session-id", "s", "--prompt", "p", "--summary", "s", "--rating", "4.5"],
      /--rating: effectiveness_rating must be a whole number from 1 to 5/,
    ],
    [
      "rating out of range",
      ["log", "--session-id", "s", "--prompt", "p", "--summary", "s", "--rating", "9"],
      /--rating: effectiveness_rating must be a whole number from 1 to 5/,
    ],
    [
      "negative tokens",
      ["log", "--session-id", "s", "--prompt", "p", "--summary", "s", "--rating", "4", "--tokens-in", "-5"],
      /--tokens-in: tokens_in must be 0 or more/,
    ],
    [
      "cache rate out of range",
      ["log-request", "--model", "m", "--type", "coding", "--cache-hit-rate", "1.5"],
      /--cache-hit-rate: cache_hit_rate must be a number from 0 to 1/,
    ],
    [
      "bad outcome",
      ["end", "--session-id", "s", "--outcome", "done"],
      /--outcome: outcome must be one of: failed, partial, success/,
    ],
    [
      "bad severity",
      ["flag", "--session-id", "s", "--type", "t", "--desc", "d", "--severity", "urgent"],
      /--severity: severity must be one of: critical, high, low, medium/,
    ],
    [
      "non-ASCII session name",
      ["start", "--name", "café", "--type", "testing", "--model", "m", "--mins", "30", "--source", "manual"],
      /--name: Session name contains non-ASCII characters: 'é'/,
    ],
    [
      "bad request type",
      ["log-request", "--model", "m", "--type", "chat"],
      /--type: request_type must be one of: coding, debug, general, planning, review/,
    ],
    [
      "bad time range",
      ["report", "--time-range", "yesterday"],
      /--time-range: time_range must be one of: all, last_day, last_week/,
    ],
    [
      "bad client",
      ["install", "--client", "emacs"],
      /--client must be one of: vscode, cursor, claude, codex/,
    ],
    ["boolean with a value", ["active", "--json=yes"], /--json takes no value/],
    ["bad port", ["dashboard", "--port", "99999"], /--port must be a whole number from 1 to 65535/],
    [
      "bad server hours",
      ["server", "--max-session-duration-hours", "0"],
      /--max-session-duration-hours must be a number of hours above 0/,
    ],
    [
      "claude --global",
      ["install", "--client", "claude", "--global"],
      /--global is not supported for claude/,
    ],
  ];
  it.each(cases)("%s", async (_label, args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Run 'ai-session-tracker( [a-z-]+)? --help' for usage\./);
  });

  it("points the hint at the failing command's help", async () => {
    const r = await run("flag", "--session-id", "x");
    expect(r.stderr).toContain("Run 'ai-session-tracker flag --help' for usage.");
  });
});

describe("server flags (the server itself is tested in mcp-*.test.ts)", () => {
  it("only one of --dashboard-host/--dashboard-port warns and runs without a dashboard", async () => {
    const r = await runCli(["server", "--dashboard-port", "8000"], { cwd: ws.cwd, env: ws.env, input: "" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Both --dashboard-host and --dashboard-port are required together");
  });

  it("no subcommand runs the MCP server (exits 0 on stdin EOF, nothing on stdout)", async () => {
    const r = await runCli([], { cwd: ws.cwd, env: ws.env, input: "" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });
});

describe("dashboard", () => {
  it("refuses a non-loopback address with a usage error", async () => {
    const r = await run("dashboard", "--host", "0.0.0.0", "--port", "8080");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("only binds to loopback");
    expect(r.stdout).toBe("");
  });

  it("says so when there is no tracker data yet", async () => {
    const r = await runCli(["dashboard"], {
      cwd: ws.cwd,
      env: { ...ws.env, AI_OUTPUT_DIR: path.join(ws.cwd, "no-such-folder") },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("No tracker data at");
  });

  it("plans the portal on this developer's folder: private root, loopback, persisted login", async () => {
    const { planDashboard } = await import("../src/dashboard/launch.js");
    const portal = mkdtempSync(path.join(tmpdir(), "ast-portal-"));
    writeFileSync(path.join(portal, "package.json"), JSON.stringify({ name: "ai-session-tracker-portal" }));
    const out = mkdtempSync(path.join(tmpdir(), "ast-out-"));
    const env = { ...ws.env, AI_OUTPUT_DIR: out, AI_SESSION_TRACKER_PORTAL: portal, USER: "Grace Hopper" };
    const plan = await planDashboard({ host: "localhost", port: 8123, env, cwd: out });
    expect(plan.url).toBe("http://localhost:8123");
    expect(plan.env.PORTAL_HOST).toBe("127.0.0.1");
    expect(plan.env.NEXTAUTH_URL).toBe("http://localhost:8123");
    const root = String(plan.env.PORTAL_DATA_ROOT);
    expect(root.startsWith(path.join(portal, "data", "dashboards"))).toBe(true);
    const [developer] = readdirSync(root);
    expect(realpathSync(path.join(root, developer ?? ""))).toBe(realpathSync(out));
    expect(plan.env.PORTAL_ADMIN_PASSWORD).toBe(plan.login.password);
    const again = await planDashboard({ host: "127.0.0.1", port: 8123, env, cwd: out });
    expect(again.login.password).toBe(plan.login.password);
    expect(again.env.NEXTAUTH_SECRET).toBe(plan.env.NEXTAUTH_SECRET);
  });
});
