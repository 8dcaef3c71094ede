/**
 * The session commands through the built bin: start → log → flag → active → end, log-request,
 * request-stats (all with --json, ServiceResult shape), text output, failures (exit 1), `report` against
 * the worked example (spec §3.10/§3.12), and 40 concurrent `log` processes on one session.
 */
import { cpSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type CliWorkspace, cliWorkspace, parseServiceResult, readJson, runCli } from "./helpers/cli-run.js";
import { SAMPLE_TOKEN_USAGE } from "./helpers/sample-usage.js";

const WORKED_EXAMPLE = fileURLToPath(new URL("./fixtures/upstream/worked-example", import.meta.url));

const sessionsFile = z.record(z.string(), z.looseObject({ status: z.string() }));
const arrayFile = z.array(z.looseObject({}));

function cli(ws: CliWorkspace) {
  return (...args: string[]) => runCli(args, { cwd: ws.cwd, env: ws.env });
}

async function startSession(
  ws: CliWorkspace,
  name = "Add login form",
  extra: string[] = [],
): Promise<string> {
  const r = await cli(ws)(
    "start",
    "--name",
    name,
    "--type",
    "planning",
    "--model",
    "claude-opus-4",
    "--mins",
    "60",
    "--source",
    "manual",
    "--json",
    ...extra,
  );
  expect(r.code, r.stderr).toBe(0);
  const id = parseServiceResult(r.stdout).data?.session_id;
  expect(typeof id).toBe("string");
  return String(id);
}

// Each test spells out its command line and the exact result it expects: alike in shape by design.
describe("session commands with --json", () => {
  // Prompts written verbatim: these tests check what is stored (privacy levels: mcp-privacy.test.ts).
  const ws = cliWorkspace({ AI_TRACKER_PROMPTS: "full" });
  const run = cli(ws);
  let id = "";

  beforeAll(async () => {
    writeFileSync(join(ws.cwd, ".ai_sessions.yaml"), "project: payments-api\n");
  });

  it("start: planning accepted, background context, identity defaults filled in", async () => {
    const r = await run(
      "start",
      "--name",
      "Plan the Q3 roadmap",
      "--type",
      "planning",
      "--model",
      "claude-opus-4",
      "--mins",
      "120",
      "--source",
      "issue_tracker",
      "--context",
      "PAY-1",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    const result = parseServiceResult(r.stdout);
    expect(result).toMatchObject({
      success: true,
      data: {
        task_type: "planning",
        execution_context: "background",
        project: "payments-api",
        developer: "cli-test-user",
        initial_estimate_minutes: 120,
        estimate_source: "issue_tracker",
        auto_closed_sessions: [],
      },
    });
    id = String(result.data?.session_id);
    expect(id).toMatch(/^plan_the_q3_roadmap_\d{8}_\d{6}/);
    expect(result.message).toBe(`Session started: ${id}`);
    expect(r.stdout.startsWith('{\n  "success": true,\n  "message": ')).toBe(true);
    const stored = sessionsFile.parse(readJson(join(ws.data, "sessions.json")))[id];
    expect(stored).toMatchObject({ status: "active", context: "PAY-1", execution_context: "background" });
  });

  it("start: explicit --developer/--project win over the defaults", async () => {
    const other = await startSession(ws, "Explicit identity", [
      "--developer",
      "Jane Doe",
      "--project",
      "other-api",
    ]);
    const stored = sessionsFile.parse(readJson(join(ws.data, "sessions.json")))[other];
    expect(stored).toMatchObject({ developer: "Jane Doe", project: "other-api" });
  });

  it("log: rating, iterations, tools and every token flag are stored", async () => {
    const r = await run(
      "log",
      "--session-id",
      id,
      "--prompt",
      "Draft the roadmap",
      "--summary",
      "Three milestones",
      "--rating",
      "4",
      "--iterations",
      "2",
      "--tools",
      "read_file",
      "grep",
      "--tokens-in",
      "12000",
      "--tokens-out",
      "1800",
      "--cache-hit-rate",
      "0.85",
      "--cached-tokens",
      "10200",
      "--new-tokens",
      "1800",
      "--context-pct",
      "34.5",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    expect(parseServiceResult(r.stdout)).toEqual({
      success: true,
      message: "Interaction logged (rating: 4/5)",
      data: {
        session_id: id,
        effectiveness_rating: 4,
        iteration_count: 2,
        total_interactions: 1,
        avg_effectiveness: 4,
      },
    });
    const interactions = arrayFile.parse(readJson(join(ws.data, "interactions.json")));
    expect(interactions.at(-1)).toMatchObject({
      session_id: id,
      prompt: "Draft the roadmap",
      response_summary: "Three milestones",
      effectiveness_rating: 4,
      iteration_count: 2,
      tools_used: ["read_file", "grep"],
      ...SAMPLE_TOKEN_USAGE,
    });
  });

  it("log: second interaction updates the session average", async () => {
    const r = await run(
      "log",
      "--session-id",
      id,
      "--prompt",
      "p",
      "--summary",
      "s",
      "--rating",
      "5",
      "--json",
    );
    // The service's figures written out per command (like every test here), alike in shape by design.
    expect(parseServiceResult(r.stdout).data).toMatchObject({
      total_interactions: 2,
      avg_effectiveness: 4.5,
      iteration_count: 1,
    });
  });

  it("flag: stores the issue", async () => {
    const r = await run(
      "flag",
      "--session-id",
      id,
      "--type",
      "hallucination",
      "--desc",
      "Invented an API",
      "--severity",
      "high",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    expect(parseServiceResult(r.stdout)).toEqual({
      success: true,
      message: "Issue flagged: hallucination (high)",
      data: { session_id: id, issue_type: "hallucination", severity: "high" },
    });
    expect(arrayFile.parse(readJson(join(ws.data, "issues.json")))).toEqual([
      expect.objectContaining({
        session_id: id,
        issue_type: "hallucination",
        description: "Invented an API",
        severity: "high",
        resolved: false,
      }),
    ]);
  });

  it("active: lists the open sessions (json and text)", async () => {
    const r = await run("active", "--json");
    expect(r.code).toBe(0);
    const result = parseServiceResult(r.stdout);
    expect(result.message).toBe("Found 2 active session(s)");
    const list = z.array(z.looseObject({ session_id: z.string() })).parse(result.data?.active_sessions);
    expect(list.map((s) => s.session_id)).toContain(id);
    const text = await run("active");
    expect(text.stdout).toContain("📋 Found 2 active session(s):");
    expect(text.stdout).toContain(`    ID: ${id}\n    Type: planning\n`);
  });

  it("end: outcome, final estimate, metrics and token stats", async () => {
    const r = await run(
      "end",
      "--session-id",
      id,
      "--outcome",
      "success",
      "--notes",
      "Merged",
      "--final-estimate",
      "90",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    const result = parseServiceResult(r.stdout);
    expect(result).toMatchObject({
      success: true,
      message: `Session ended: ${id}`,
      data: {
        session_id: id,
        outcome: "success",
        total_interactions: 2,
        avg_effectiveness: 4.5,
        issues_count: 1,
        token_stats: { token_stats: { total_in: 12000, turns: 2 }, cache_stats: { total_cached: 10200 } },
      },
    });
    expect(typeof result.data?.duration_minutes).toBe("number");
    const stored = sessionsFile.parse(readJson(join(ws.data, "sessions.json")))[id];
    expect(stored).toMatchObject({
      status: "completed",
      outcome: "success",
      notes: "Merged",
      final_estimate_minutes: 90,
    });
  });

  it("log-request and request-stats", async () => {
    const a = await run(
      "log-request",
      "--model",
      "claude-opus-4.6",
      "--type",
      "planning",
      "--tokens-in",
      "5000",
      "--tokens-out",
      "900",
      "--cache-hit-rate",
      "0.5",
      "--cached-tokens",
      "2500",
      "--new-tokens",
      "2500",
      "--context-pct",
      "12.345",
      "--note",
      "sprint planning",
      "--json",
    );
    expect(a.code, a.stderr).toBe(0);
    const logged = parseServiceResult(a.stdout);
    expect(logged.data).toMatchObject({
      type: "planning",
      model: "claude-opus-4.6",
      tokens_in: 5000,
      tokens_out: 900,
    });
    expect(logged.message).toBe(`Request logged: ${String(logged.data?.request_id)}`);
    await run(
      "log-request",
      "--model",
      "gpt-4.1",
      "--type",
      "coding",
      "--tokens-in",
      "800",
      "--tokens-out",
      "200",
    );
    const requests = arrayFile.parse(readJson(join(ws.data, "requests.json")));
    expect(requests[0]).toMatchObject({
      context_pct: 12.35,
      note: "sprint planning",
      project: "payments-api",
      developer: "cli-test-user",
    });

    const stats = await run("request-stats", "--json");
    // The same two requests' figures as upstream-fixtures.test's oracle, written out again on purpose.
    expect(parseServiceResult(stats.stdout)).toEqual({
      success: true,
      message: "Request stats (2 requests)",
      data: {
        total_requests: 2,
        total_tokens_in: 5800,
        total_tokens_out: 1100,
        total_cached_tokens: 2500,
        total_new_tokens: 2500,
        avg_tokens_in: 2900,
        avg_tokens_out: 550,
        avg_cache_hit_rate: 0.25,
        by_type: { planning: 1, coding: 1 },
        by_model: { "claude-opus-4.6": 1, "gpt-4.1": 1 },
      },
    });
    const filtered = await run("request-stats", "--type", "coding", "--json");
    expect(parseServiceResult(filtered.stdout).data).toMatchObject({
      total_requests: 1,
      by_model: { "gpt-4.1": 1 },
    });
    const text = await run("request-stats");
    expect(text.stdout).toBe(
      [
        "📊 Request Stats (2 requests)",
        "  Tokens In: 5800",
        "  Tokens Out: 1100",
        "  Avg In/Req: 2900.0",
        "  Avg Out/Req: 550.0",
        "  Cache Hit Rate: 25.0%",
        "  By Type: {'planning': 1, 'coding': 1}",
        "  By Model: {'claude-opus-4.6': 1, 'gpt-4.1': 1}",
        "",
      ].join("\n"),
    );
  });
});

describe("text output and failures", () => {
  it("text mode prints ✅ message and key: value lines on stdout", async () => {
    const ws = cliWorkspace();
    const r = await cli(ws)(
      "start",
      "--name",
      "Text mode",
      "--type",
      "testing",
      "--model",
      "m",
      "--mins",
      "30",
      "--source",
      "manual",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✅ Session started: text_mode_\d{8}_\d{6}\S*\n {2}session_id: text_mode_/);
    expect(r.stdout).toContain("  task_type: testing\n");
    expect(r.stdout).toContain("  auto_closed_sessions: []\n");
  });

  it("an unknown session exits 1 with the error on stderr (text) or a failed ServiceResult (json)", async () => {
    const ws = cliWorkspace();
    const run = cli(ws);
    const text = await run(
      "log",
      "--session-id",
      "nope_20260101_000000",
      "--prompt",
      "p",
      "--summary",
      "s",
      "--rating",
      "3",
    );
    expect(text.code).toBe(1);
    expect(text.stdout).toBe("");
    expect(text.stderr).toContain(
      "❌ Failed to log interaction\n  Error: No session with ID: nope_20260101_000000",
    );
    const json = await run("end", "--session-id", "nope_20260101_000000", "--outcome", "failed", "--json");
    expect(json.code).toBe(1);
    const result = parseServiceResult(json.stdout);
    expect(result).toMatchObject({ success: false, message: "Failed to end session" });
    expect(result.error).toContain("No session with ID: nope_20260101_000000");
    expect(result.data).toBeUndefined();
  });

  it("active with nothing open", async () => {
    const ws = cliWorkspace();
    const r = await cli(ws)("active");
    expect(r).toMatchObject({ code: 0, stdout: "📋 No active sessions found\n" });
    const json = await cli(ws)("active", "--json");
    expect(parseServiceResult(json.stdout)).toEqual({
      success: true,
      message: "Found 0 active session(s)",
      data: { active_sessions: [] },
    });
  });

  it("a corrupt data file is moved aside (never overwritten) and reported on stderr", async () => {
    const ws = cliWorkspace();
    await startSession(ws, "Before corruption");
    writeFileSync(join(ws.data, "sessions.json"), '{"truncated": ');
    const r = await cli(ws)("active", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(parseServiceResult(r.stdout).data).toEqual({ active_sessions: [] });
    expect(r.stderr).toMatch(
      /Data file .*sessions\.json could not be read .*kept as .*sessions\.json\.corrupt-/,
    );
    const moved = readdirSync(ws.data).filter((f) => f.startsWith("sessions.json.corrupt-"));
    expect(moved).toHaveLength(1);
  });

  it("a data folder that cannot be created exits 1", async () => {
    const ws = cliWorkspace();
    const blocker = join(ws.cwd, "a-file");
    writeFileSync(blocker, "x");
    const r = await runCli(["active"], {
      cwd: ws.cwd,
      env: { ...ws.env, AI_OUTPUT_DIR: join(blocker, "data") },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("❌ Failed to get active sessions");
  });
});

describe("report", () => {
  const expected = (lines: Record<string, string>) =>
    [
      "==================================================",
      "AI SESSION TRACKER - ANALYTICS REPORT",
      "==================================================",
      "",
      "📊 SESSION SUMMARY",
      `  • Total sessions: ${lines.total}`,
      `  • Completed sessions: ${lines.completed}`,
      `  • Total AI time: ${lines.hours} hours`,
      "",
      "💰 ROI METRICS",
      `  • Human baseline cost: ${lines.human}`,
      `  • AI total cost: ${lines.ai}`,
      `  • Cost saved: ${lines.saved}`,
      `  • ROI: ${lines.roi}`,
      "",
      "⭐ EFFECTIVENESS DISTRIBUTION",
      ...(lines.distribution ?? "").split("|"),
      "",
      `  Average: ${lines.average}`,
      "",
      "🐛 ISSUES SUMMARY",
      ...(lines.issues ?? "").split("|"),
      "",
      "📝 CODE METRICS",
      ...(lines.code ?? "").split("|"),
      "",
      "==================================================",
      "",
    ].join("\n");

  function workedExample(): CliWorkspace {
    const ws = cliWorkspace();
    cpSync(WORKED_EXAMPLE, ws.data, { recursive: true });
    return ws;
  }

  it("prints the §3.10 text for the worked example (spec §3.12 figures)", async () => {
    const ws = workedExample();
    const r = await cli(ws)("report");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      expected({
        total: "5",
        completed: "3",
        hours: "2.6",
        human: "$780.00",
        ai: "$67.81",
        saved: "$712.19",
        roi: "91.3%",
        distribution: "  ★★★★★: 2|  ★★★★☆: 2|  ★★★☆☆: 1|  ★★☆☆☆: 1|  ★☆☆☆☆: 1",
        average: "3.4/5",
        issues: "  • Total issues: 2|  • Critical: 1|  • Medium: 1",
        code: "  • Functions analyzed: 3|  • Lines added: 28|  • Avg complexity: 4.0|  • Avg doc score: 43/100|  • Total effort score: 31.4",
      }),
    );
  });

  it("--session-id reports one session (B: $480.62, half-even)", async () => {
    const ws = workedExample();
    const r = await cli(ws)("report", "--session-id", "b_20260302_100000");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      expected({
        total: "1",
        completed: "1",
        hours: "1.5",
        human: "$520.00",
        ai: "$39.38",
        saved: "$480.62",
        roi: "92.4%",
        distribution: "  ★★★★★: 0|  ★★★★☆: 0|  ★★★☆☆: 1|  ★★☆☆☆: 1|  ★☆☆☆☆: 0",
        average: "2.5/5",
        issues: "  • Total issues: 1|  • Medium: 1",
        code: "  • Functions analyzed: 0|  • Lines added: 0|  • Avg complexity: 0.0|  • Avg doc score: 0/100|  • Total effort score: 0.0",
      }),
    );
  });

  it("is read-only: the active session E stays active and the files are unchanged", async () => {
    const ws = workedExample();
    const before = readdirSync(ws.data).map((f) => [f, JSON.stringify(readJson(join(ws.data, f)))]);
    await cli(ws)("report");
    const sessions = sessionsFile.parse(readJson(join(ws.data, "sessions.json")));
    expect(sessions.e_20260302_150000?.status).toBe("active");
    expect(
      readdirSync(ws.data)
        .filter((f) => f.endsWith(".json"))
        .map((f) => [f, JSON.stringify(readJson(join(ws.data, f)))]),
    ).toEqual(before.filter(([f]) => f?.endsWith(".json")));
  });

  it("an unknown --session-id exits 1", async () => {
    const ws = workedExample();
    const r = await cli(ws)("report", "--session-id", "zzz");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Session not found: zzz");
  });
});

describe("concurrency", () => {
  it("40 concurrent `log` processes on one session → exactly 40 interactions, total_interactions 40", async () => {
    const ws = cliWorkspace({ AI_TRACKER_PROMPTS: "full" });
    const id = await startSession(ws, "Concurrency");
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        runCli(
          [
            "log",
            "--session-id",
            id,
            "--prompt",
            `prompt ${i}`,
            "--summary",
            `summary ${i}`,
            "--rating",
            String((i % 5) + 1),
            "--json",
          ],
          { cwd: ws.cwd, env: ws.env, timeoutMs: 280_000 },
        ),
      ),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const interactions = arrayFile
      .parse(readJson(join(ws.data, "interactions.json")))
      .filter((i) => i.session_id === id);
    expect(interactions).toHaveLength(40);
    expect(new Set(interactions.map((i) => i.prompt)).size).toBe(40);
    const session = sessionsFile.parse(readJson(join(ws.data, "sessions.json")))[id];
    expect(session).toMatchObject({ total_interactions: 40, avg_effectiveness: 3 });
    const totals = results
      .map((r) => Number(parseServiceResult(r.stdout).data?.total_interactions))
      .sort((a, b) => a - b);
    expect(totals).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  }, 300_000);
});
