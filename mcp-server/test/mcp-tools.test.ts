/** Every tool's happy path and error paths over a real stdio server process. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  copyFixture,
  fixturesDir,
  readJson,
  type ServerHandle,
  startServer,
  tempDir,
  textOf,
} from "./helpers/mcp-harness.js";
import { SAMPLE_TOKEN_USAGE, SAMPLE_TOOLS_USED } from "./helpers/sample-usage.js";

let servers: ServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function server(opts: Parameters<typeof startServer>[0]) {
  const s = await startServer(opts);
  servers.push(s);
  return s;
}

const START = {
  session_name: "Add JWT auth middleware",
  task_type: "code_generation",
  model_name: "claude-sonnet-4-20250514",
  initial_estimate_minutes: 120,
  estimate_source: "issue_tracker",
  context: "Ticket PAY-142",
  developer: "Jane Doe",
  project: "payments-api",
};

type Json = Record<string, unknown>;
const sessionsIn = (dir: string) => readJson(join(dir, "sessions.json")) as Record<string, Json>;
const arrayIn = (dir: string, file: string) => readJson(join(dir, file)) as Json[];

describe("tools/list", () => {
  it("lists upstream's nine tools in order with stable enums", async () => {
    const s = await server({ outputDir: tempDir() });
    const { tools } = await s.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "start_ai_session",
      "log_ai_interaction",
      "end_ai_session",
      "flag_ai_issue",
      "log_code_metrics",
      "get_ai_observability",
      "get_active_sessions",
      "log_ai_request",
      "get_request_stats",
    ]);
    const upstream = (
      readJson(fixturesDir("tools-list.json")) as {
        result: { tools: Array<{ name: string; inputSchema: { properties: Json } }> };
      }
    ).result.tools;
    for (const theirs of upstream) {
      const ours = tools.find((t) => t.name === theirs.name);
      // Every upstream parameter keeps its name.
      expect(Object.keys(ours?.inputSchema.properties ?? {})).toEqual(
        expect.arrayContaining(Object.keys(theirs.inputSchema.properties)),
      );
    }
    const start = tools[0]?.inputSchema.properties as Record<string, { enum?: string[] }>;
    // Written out, not imported from contract/enums.ts: an oracle independent of the code under test.
    expect(start.task_type?.enum).toEqual([
      "code_generation",
      "documentation",
      "debugging",
      "refactoring",
      "testing",
      "analysis",
      "architecture_planning",
      "planning",
      "human_review",
    ]);
    expect(start).toHaveProperty("human_time_estimate_minutes");
  });
});

// Each call and its expected reply are written out in transcript order: alike in shape by design.
describe("a full session (spec §2.8 run1)", () => {
  it("records start, interactions, issue, code metrics and end in upstream's layout", async () => {
    const dir = tempDir();
    const workspace = tempDir("ast-ws-");
    mkdirSync(join(workspace, "src"));
    copyFileSync(join(fixturesDir("run1"), "sample_module.py"), join(workspace, "src", "sample_module.py"));
    // Upstream's layout holds the prompt verbatim: the `full` level (the others: mcp-privacy.test.ts).
    const s = await server({ outputDir: dir, cwd: workspace, env: { AI_TRACKER_PROMPTS: "full" } });

    const started = await s.call("start_ai_session", START);
    expect(started.isError).toBeFalsy();
    const id = String(started.structuredContent?.session_id);
    expect(id).toMatch(/^add_jwt_auth_middleware_\d{8}_\d{6}$/);
    expect(textOf(started)).toBe(
      `\n✅ Session Started: ${id}\nType: code_generation | Model: claude-sonnet-4-20250514\nEstimate: 120min (issue_tracker)\n\n⚠️ Log interactions! Call log_ai_interaction(session_id, prompt, rating 1-5) after responses.\n`,
    );
    expect(started.session_id).toBe(id); // also flat, as upstream

    const first = await s.call("log_ai_interaction", {
      session_id: id,
      prompt: "Write JWT validation middleware for FastAPI",
      response_summary: "Generated middleware + tests",
      effectiveness_rating: 4,
      iteration_count: 2,
      tools_used: [...SAMPLE_TOOLS_USED],
      ...SAMPLE_TOKEN_USAGE,
    });
    expect(textOf(first)).toBe(
      "\n📝 Logged: ★★★★☆ (4/5) | Iterations: 2\nSession: 1 interactions, avg 4.0/5\n",
    );
    const second = await s.call("log_ai_interaction", {
      session_id: id,
      prompt: "Add refresh-token rotation",
      response_summary: "Rotation added",
      effectiveness_rating: 5,
      tokens_in: 15000,
      tokens_out: 600,
      cache_hit_rate: 0.9,
      cached_tokens: 13500,
      new_tokens: 1500,
      context_pct: 41.25,
    });
    expect(textOf(second)).toBe(
      "\n📝 Logged: ★★★★★ (5/5) | Iterations: 1\nSession: 2 interactions, avg 4.5/5\n",
    );

    const flagged = await s.call("flag_ai_issue", {
      session_id: id,
      issue_type: "hallucination",
      description: "Referenced non-existent jwt.verify_strict()",
      severity: "high",
    });
    expect(textOf(flagged)).toBe(
      `\n🟠 Issue Flagged: hallucination (HIGH)\nSession: ${id}\n📋 Next: log_ai_interaction() or end_ai_session()\n`,
    );

    const metrics = await s.call("log_code_metrics", {
      session_id: id,
      file_path: "src/sample_module.py",
      functions_modified: [
        { name: "parse_config", modification_type: "added", lines_added: 25 },
        { name: "helper", modification_type: "modified", lines_modified: 2, lines_deleted: 1 },
        { name: "fetch_all", modification_type: "refactored", lines_added: 3, lines_modified: 4 },
        { name: "does_not_exist", modification_type: "added", lines_added: 10 },
      ],
    });
    expect(metrics.isError).toBeFalsy();
    expect(metrics.structuredContent).toMatchObject({
      functions_analyzed: 3,
      average_complexity: 4.0,
      average_doc_quality: 43.33,
      total_effort_score: 31.4,
    });
    expect(textOf(metrics)).toContain(
      "• Avg Complexity: 4.0\n• Avg Doc Score: 43/100\n• Total Effort: 31.4\n",
    );

    const ended = await s.call("end_ai_session", {
      session_id: id,
      outcome: "success",
      notes: "Merged PR #88",
      final_estimate_minutes: 60,
    });
    expect(textOf(ended)).toMatch(
      new RegExp(
        `^\\n✅ Session Ended: ${id}\\nDuration: \\d+\\.\\dmin \\| Outcome: success\\nMetrics: 2 interactions, 4\\.5/5 avg, 1 issues\\n$`,
      ),
    );

    const upstream = Object.values(sessionsIn(fixturesDir("run1")))[0] as Json;
    const ours = sessionsIn(dir)[id] as Json;
    // Upstream's keys in upstream's order; our optional `git` (git evidence) may follow them, last.
    const keys = Object.keys(ours);
    expect(keys.filter((k) => k !== "git")).toEqual(Object.keys(upstream));
    if (keys.includes("git")) expect(keys.at(-1)).toBe("git");
    expect(ours).toMatchObject({
      status: "completed",
      outcome: "success",
      final_estimate_minutes: 60,
      total_interactions: 2,
      avg_effectiveness: 4.5,
      developer: "Jane Doe",
      project: "payments-api",
      execution_context: "foreground",
      token_stats: upstream.token_stats,
    });
    const ourFunctions = (ours.code_metrics as Json[])[0]?.functions;
    expect(ourFunctions).toEqual((upstream.code_metrics as Json[])[0]?.functions);
    const interactions = arrayIn(dir, "interactions.json");
    expect(interactions).toHaveLength(2);
    expect(Object.keys(interactions[0] ?? {})).toEqual(
      Object.keys(arrayIn(fixturesDir("run1"), "interactions.json")[0] ?? {}),
    );
    const issues = arrayIn(dir, "issues.json");
    expect(issues[0]).toMatchObject({
      session_id: id,
      severity: "high",
      resolved: false,
      resolution_notes: "",
    });
  });

  it("accepts the older ABI's human_time_estimate_minutes as the initial estimate", async () => {
    const dir = tempDir();
    const s = await server({ outputDir: dir });
    const {
      human_time_estimate_minutes: _x,
      initial_estimate_minutes: _y,
      ...rest
    } = { ...START, human_time_estimate_minutes: 0 };
    const r = await s.call("start_ai_session", { ...rest, human_time_estimate_minutes: 45 });
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toContain("Estimate: 45min (issue_tracker)");
    expect(sessionsIn(dir)[String(r.structuredContent?.session_id)]?.initial_estimate_minutes).toBe(45);
  });

  it("fills developer and project from git config and .ai_sessions.yaml when omitted", async () => {
    const dir = tempDir();
    const workspace = tempDir("ast-ws-");
    writeFileSync(join(workspace, ".ai_sessions.yaml"), "project: billing-service\n");
    const { execFileSync } = await import("node:child_process");
    execFileSync("git", ["init", "-q"], { cwd: workspace });
    execFileSync("git", ["config", "user.name", "Ada Lovelace"], { cwd: workspace });
    const s = await server({ outputDir: dir, cwd: workspace });
    const { developer: _d, project: _p, ...rest } = START;
    const r = await s.call("start_ai_session", rest);
    expect(sessionsIn(dir)[String(r.structuredContent?.session_id)]).toMatchObject({
      developer: "Ada Lovelace",
      project: "billing-service",
    });
  });
});

describe("queries", () => {
  it("get_ai_observability reproduces the worked example (spec §3.12)", async () => {
    const dir = copyFixture("worked-example");
    const s = await server({ outputDir: dir });
    const all = textOf(await s.call("get_ai_observability", {}));
    for (const line of [
      "Total sessions: 5",
      "Completed sessions: 3",
      "Total AI time: 2.6 hours",
      "Human baseline cost: $780.00",
      "AI total cost: $67.81",
      "Cost saved: $712.19",
      "ROI: 91.3%",
      "Average: 3.4/5",
      "Avg doc score: 43/100",
      "Total effort score: 31.4",
    ]) {
      expect(all).toContain(line);
    }
    const sessions = Object.keys(sessionsIn(dir));
    const b = sessions.find((k) => k.startsWith("b_")) ?? "";
    const onlyB = textOf(await s.call("get_ai_observability", { session_id: b }));
    expect(onlyB).toContain("AI total cost: $39.38");
    expect(onlyB).toContain("Cost saved: $480.62");
    expect(onlyB).toContain("ROI: 92.4%");
    const unknown = await s.call("get_ai_observability", { session_id: "nope" });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain("Session not found: nope");
  });

  it("implements time_range", async () => {
    const dir = copyFixture("worked-example"); // all sessions on 2026-03-02
    const s = await server({ outputDir: dir });
    await s.call("start_ai_session", { ...START, session_name: "Today" });
    const week = textOf(await s.call("get_ai_observability", { time_range: "last_week" }));
    expect(week).toContain("Total sessions: 1\n");
    const all = textOf(await s.call("get_ai_observability", { time_range: "all" }));
    expect(all).toContain("Total sessions: 6\n");
    const bogus = await s.call("get_ai_observability", { time_range: "bogus" });
    expect(bogus.isError).toBe(true);
    expect(textOf(bogus)).toContain("time_range must be one of: all, last_day, last_week");
  });

  it("get_active_sessions, log_ai_request and get_request_stats match upstream's texts", async () => {
    const dir = tempDir();
    const s = await server({ outputDir: dir });
    expect(textOf(await s.call("get_active_sessions", {}))).toBe("No active sessions found.");
    const started = await s.call("start_ai_session", {
      ...START,
      session_name: "Review PR 91",
      task_type: "human_review",
    });
    const id = String(started.structuredContent?.session_id);
    const active = await s.call("get_active_sessions", {});
    expect(textOf(active)).toMatch(
      new RegExp(
        `^Found 1 active session\\(s\\):\\n\\n• \\*\\*Review PR 91\\*\\*\\n  - ID: \`${id}\`\\n  - Type: human_review\\n  - Started: \\S+\\n\\n$`,
      ),
    );
    const logged = await s.call("log_ai_request", {
      model: "claude-opus-4.6",
      request_type: "planning",
      tokens_in: 5000,
      tokens_out: 900,
      cache_hit_rate: 0.5,
      cached_tokens: 2500,
      new_tokens: 2500,
      context_pct: 12.345,
      note: "sprint planning",
      project: "payments-api",
      developer: "Jane Doe",
    });
    expect(textOf(logged)).toMatch(
      /^\n📋 \*\*Request Logged\*\*\n\n- \*\*ID\*\*: `[0-9a-f-]{36}`\n- \*\*Type\*\*: planning\n- \*\*Model\*\*: claude-opus-4.6\n- \*\*Tokens\*\*: 5000 in \/ 900 out\n$/,
    );
    await s.call("log_ai_request", {
      model: "gpt-4.1",
      request_type: "coding",
      tokens_in: 800,
      tokens_out: 200,
    });
    expect(arrayIn(dir, "requests.json")[0]).toMatchObject({ context_pct: 12.35, type: "planning" });
    const stats = await s.call("get_request_stats", {});
    expect(textOf(stats)).toBe(
      "\n📊 **Request Stats** (2 requests)\n\n- **Tokens In**: 5800 (avg 2900.0/req)\n- **Tokens Out**: 1100 (avg 550.0/req)\n- **Cached**: 2500 (avg hit rate 25.0%)\n- **By Type**: {'planning': 1, 'coding': 1}\n- **By Model**: {'claude-opus-4.6': 1, 'gpt-4.1': 1}\n",
    );
    expect(stats.structuredContent).toMatchObject({
      total_requests: 2,
      avg_tokens_in: 2900,
      by_type: { planning: 1, coding: 1 },
    });
  });
});

describe("bad input gets an error result and the server keeps working", () => {
  const cases: Array<[string, string, Record<string, unknown> | null, string]> = [
    ["start with arguments null", "start_ai_session", null, "session_name is required"],
    [
      "start with null estimate",
      "start_ai_session",
      { ...START, initial_estimate_minutes: null },
      "initial_estimate_minutes",
    ],
    [
      "start with non-numeric estimate",
      "start_ai_session",
      { ...START, initial_estimate_minutes: "abc" },
      "initial_estimate_minutes",
    ],
    [
      "start without any estimate",
      "start_ai_session",
      { ...START, initial_estimate_minutes: undefined },
      "initial_estimate_minutes is required",
    ],
    [
      "start with empty name",
      "start_ai_session",
      { ...START, session_name: "   " },
      "Session name cannot be empty",
    ],
    [
      "start with non-ASCII name",
      "start_ai_session",
      { ...START, session_name: "Café refactor ✨" },
      "Session name contains non-ASCII characters: 'é✨'",
    ],
    [
      "start with bad task type",
      "start_ai_session",
      { ...START, task_type: "bug_fix" },
      "task_type must be one of: analysis, architecture_planning, code_generation, debugging, documentation, human_review, planning, refactoring, testing",
    ],
    [
      "start with bad estimate source",
      "start_ai_session",
      { ...START, estimate_source: "guess" },
      "estimate_source must be one of: historical, issue_tracker, manual",
    ],
    [
      "log to unknown session",
      "log_ai_interaction",
      { session_id: "nope", prompt: "p", response_summary: "s", effectiveness_rating: 3 },
      "No session with ID: nope",
    ],
    [
      "log with float rating",
      "log_ai_interaction",
      { session_id: "x", prompt: "p", response_summary: "s", effectiveness_rating: 4.7 },
      "effectiveness_rating must be a whole number from 1 to 5",
    ],
    [
      "log with string rating",
      "log_ai_interaction",
      { session_id: "x", prompt: "p", response_summary: "s", effectiveness_rating: "4" },
      "effectiveness_rating",
    ],
    [
      "log with rating 9",
      "log_ai_interaction",
      { session_id: "x", prompt: "p", response_summary: "s", effectiveness_rating: 9 },
      "effectiveness_rating",
    ],
    [
      "log with null tokens",
      "log_ai_interaction",
      { session_id: "x", prompt: "p", response_summary: "s", effectiveness_rating: 3, tokens_in: null },
      "tokens_in",
    ],
    ["log with arguments null", "log_ai_interaction", null, "session_id is required"],
    [
      "end with bad outcome",
      "end_ai_session",
      { session_id: "x", outcome: "done" },
      "outcome must be one of: failed, partial, success",
    ],
    [
      "end unknown session",
      "end_ai_session",
      { session_id: "nope", outcome: "success" },
      "No session with ID: nope",
    ],
    [
      "flag with bad severity",
      "flag_ai_issue",
      { session_id: "x", issue_type: "x", description: "d", severity: "urgent" },
      "severity must be one of: critical, high, low, medium",
    ],
    [
      "metrics on unknown session",
      "log_code_metrics",
      { session_id: "nope", file_path: "a.py", functions_modified: [] },
      "No session with ID: nope",
    ],
    [
      "request with bad type",
      "log_ai_request",
      { model: "m", request_type: "chat" },
      "request_type must be one of: coding, debug, general, planning, review",
    ],
    [
      "request with float tokens",
      "log_ai_request",
      { model: "m", request_type: "debug", tokens_in: 1.5 },
      "tokens_in",
    ],
    [
      "request with string cache rate",
      "log_ai_request",
      { model: "m", request_type: "debug", cache_hit_rate: "x" },
      "cache_hit_rate",
    ],
    [
      "request with negative tokens",
      "log_ai_request",
      { model: "m", request_type: "debug", tokens_in: -7 },
      "tokens_in must be 0 or more",
    ],
  ];

  it.each(cases)("%s", async (_label, tool, args, message) => {
    const dir = tempDir();
    const s = await server({ outputDir: dir });
    const r = await s.call(tool, args);
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain(message);
    // Nothing was written, and the next call works.
    expect(arrayIn(dir, "interactions.json")).toEqual([]);
    const ok = await s.call("start_ai_session", START);
    expect(ok.isError).toBeFalsy();
  });

  it("log_code_metrics reports unsupported, missing, syntax-error and outside-workspace files", async () => {
    const dir = tempDir();
    const workspace = tempDir("ast-ws-");
    writeFileSync(join(workspace, "bad.py"), "def broken(:\n  pass\n");
    writeFileSync(join(workspace, "notes.txt"), "hello");
    const s = await server({ outputDir: dir, cwd: workspace });
    const id = String((await s.call("start_ai_session", START)).structuredContent?.session_id);
    const call = (file_path: string) =>
      s.call("log_code_metrics", { session_id: id, file_path, functions_modified: [] });
    expect(textOf(await call("notes.txt"))).toContain("Unsupported file type: notes.txt");
    expect(textOf(await call("missing.py"))).toContain("File not found: missing.py");
    expect(textOf(await call("bad.py"))).toContain("Syntax error in file");
    const outside = await call("/etc/hostname.py");
    expect(outside.isError).toBe(true);
    const empty = await call("bad.py".replace("bad", "good"));
    expect(empty.isError).toBe(true);
    expect(readFileSync(join(dir, "sessions.json"), "utf8")).toContain('"code_metrics": []');
  });
});
