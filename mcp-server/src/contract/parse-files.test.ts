import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isTrackerError } from "../errors.js";
import {
  interactionRecordSchema,
  normalizeInteraction,
  normalizeInteractionFast,
  normalizeSession,
  normalizeSessionFast,
  parseInteractionsFile,
  parseIssuesFile,
  parseRequestsFile,
  parseSessionsFile,
  parseTrackerFile,
  sessionRecordSchema,
  TRACKER_FILE_KINDS,
  TRACKER_FILE_NAMES,
  trackerFileKindOf,
} from "./index.js";

// Real files written by the upstream Python tool (spec §2.8), copied into the repository: mcp-server/test/fixtures.
const FIXTURES = fileURLToPath(new URL("../../test/fixtures/upstream/", import.meta.url));
const readJson = (folder: string, file: string): unknown =>
  JSON.parse(readFileSync(`${FIXTURES}${folder}/${file}`, "utf8"));

describe("upstream fixture folders", () => {
  for (const folder of ["run1", "errors", "worked-example"]) {
    it(`${folder}: every file parses with no skipped record`, () => {
      for (const kind of TRACKER_FILE_KINDS) {
        const result = parseTrackerFile(kind, readJson(folder, TRACKER_FILE_NAMES[kind]));
        expect(result.skipped, `${folder}/${kind}`).toEqual([]);
      }
    });
  }

  it("run1 sessions normalise to upstream's fields", () => {
    const { records } = parseSessionsFile(readJson("run1", "sessions.json"));
    expect(records.map((s) => s.id)).toEqual([
      "add_jwt_auth_middleware_20261122_014939",
      "debug_flaky_webhook_retry_20261122_014939",
      "review_pr_91_20261122_014939",
    ]);
    const s1 = records[0];
    expect(s1?.final_estimate_minutes).toBe(60);
    expect(s1?.initial_estimate_minutes).toBe(120);
    expect(s1?.human_time_estimate_minutes).toBeNull();
    expect(s1?.code_metrics[0]?.functions.map((f) => f.function_name)).toEqual([
      "parse_config",
      "helper",
      "fetch_all",
    ]);
    expect(s1?.code_metrics[0]?.functions[0]?.documentation).toEqual({
      has_docstring: true,
      quality_score: 100,
      has_type_hints: true,
    });
    expect(s1?.token_stats?.token_stats.total_in).toBe(27000);
    expect(s1?.token_stats?.cache_stats.hit_rate_pct).toBe(87.5);
    expect(records[1]?.token_stats).toBeNull(); // auto-closed sessions have no snapshot
    expect(records[1]?.outcome).toBe("partial");
  });

  it("errors/: the float rating, clamped values and the negative request tokens are kept as stored", () => {
    const interactions = parseInteractionsFile(readJson("errors", "interactions.json")).records;
    expect(interactions.map((i) => i.effectiveness_rating)).toEqual([5, 1, 4.7, 2]);
    expect(interactions[0]?.context_pct).toBe(100);
    const requests = parseRequestsFile(readJson("errors", "requests.json")).records;
    expect(requests[0]?.tokens_in).toBe(-7);
    expect(requests[0]?.model).toBe(""); // an empty model is a value, not "unknown"
    const sessions = parseSessionsFile(readJson("errors", "sessions.json")).records;
    expect(sessions[0]?.final_estimate_minutes).toBe(0);
    expect(sessions[0]?.code_metrics).toEqual([
      { file_path: "src/sample_module.py", timestamp: "2026-11-22T01:50:04.232482+00:00", functions: [] },
    ]);
    expect(parseIssuesFile(readJson("errors", "issues.json")).records).toEqual([]);
  });
});

describe("legacy and odd record shapes (spec §2.7, §7)", () => {
  it("normalises a pre-2026-02-20 session with defaults", () => {
    const { records, skipped } = parseSessionsFile({
      old_20260105_211518: {
        id: "old_20260105_211518",
        name: "Old style",
        task_type: "debugging",
        start_time: "2026-01-05T21:15:18Z",
        human_time_estimate_minutes: 45,
        end_time: "2026-01-05T21:45:18",
      },
    });
    expect(skipped).toEqual([]);
    expect(records[0]).toEqual({
      id: "old_20260105_211518",
      session_name: "Old style",
      task_type: "debugging",
      context: "",
      start_time: "2026-01-05T21:15:18Z",
      model_name: "unknown",
      initial_estimate_minutes: null,
      estimate_source: "unknown",
      final_estimate_minutes: null,
      human_time_estimate_minutes: 45,
      status: "active",
      execution_context: "foreground",
      end_time: "2026-01-05T21:45:18",
      outcome: null,
      notes: "",
      total_interactions: 0,
      avg_effectiveness: 0,
      code_metrics: [],
      developer: "",
      project: "",
      token_stats: null,
    });
  });

  it("takes the session id from the map key, else from the record", () => {
    const { records } = parseSessionsFile({ key_id: { id: "other" }, "": { id: "own_id" } });
    expect(records.map((s) => s.id)).toEqual(["key_id", "own_id"]);
  });

  it("accepts the odd types upstream stored unchecked", () => {
    const { records, skipped } = parseInteractionsFile([
      {
        session_id: "s",
        timestamp: "2026-01-01T00:00:00+00:00",
        prompt: 42,
        response_summary: null,
        effectiveness_rating: 4.7,
        tools_used: "read_file",
      },
      { session_id: "s", timestamp: "2026-01-01T00:01:00+00:00", effectiveness_rating: 3 },
    ]);
    expect(skipped).toEqual([]);
    expect(records[0]).toMatchObject({ prompt: "42", response_summary: "", effectiveness_rating: 4.7 });
    expect(records[0]?.tools_used).toEqual(["read_file"]);
    // Pre-2026-04-07 interaction: no token fields.
    expect(records[1]).toMatchObject({
      iteration_count: 1,
      tools_used: [],
      tokens_in: 0,
      tokens_out: 0,
      cache_hit_rate: 0,
      cached_tokens: 0,
      new_tokens: 0,
      context_pct: 0,
    });
  });

  it("reads a final estimate stored as a numeric string", () => {
    const { records } = parseSessionsFile({
      s: { final_estimate_minutes: "15", initial_estimate_minutes: 30.0 },
    });
    expect(records[0]?.final_estimate_minutes).toBe(15);
  });

  it("keeps a session whose nested snapshots are damaged", () => {
    const { records, skipped } = parseSessionsFile({
      s: { code_metrics: [{ functions: "oops" }, { file_path: "a.py", functions: [] }], token_stats: "bad" },
    });
    expect(skipped).toEqual([]);
    expect(records[0]?.code_metrics).toEqual([{ file_path: "a.py", timestamp: null, functions: [] }]);
    expect(records[0]?.token_stats).toBeNull();
  });
});

describe("session fast path", () => {
  it("gives the same session as the schema path for every fixture session", () => {
    for (const folder of ["run1", "errors", "worked-example"]) {
      const raw = readJson(folder, "sessions.json");
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error("not an object");
      for (const [key, value] of Object.entries(raw)) {
        const viaSchema = normalizeSession(key, sessionRecordSchema.parse(value));
        expect(normalizeSessionFast(key, value as Record<string, unknown>), key).toEqual(viaSchema);
      }
    }
  });

  it("gives the same session for legacy and odd-but-plain records", () => {
    const cases: [string, Record<string, unknown>][] = [
      ["a", { name: "legacy name", human_time_estimate_minutes: 90, start_time: "2026-03-02T09:00:00" }],
      ["", { id: "from-record", outcome: null, code_metrics: null, token_stats: null }],
      ["b", { session_name: 42, notes: true, status: "completed", total_interactions: null }],
      ["c", { code_metrics: [{ file_path: "a.py", functions: [{ function_name: "f" }] }, "junk"] }],
      ["d", { token_stats: { total_tokens_in: 5 }, git: { branch: 7 } }],
      ["e", {}],
    ];
    for (const [key, value] of cases) {
      const viaSchema = normalizeSession(key, sessionRecordSchema.parse(value));
      expect(normalizeSessionFast(key, value), key).toEqual(viaSchema);
    }
  });

  it("declines what only the schema path reads or refuses", () => {
    expect(normalizeSessionFast("s", { final_estimate_minutes: "45" })).toBeNull();
    expect(normalizeSessionFast("s", { start_time: 5 })).toBeNull();
    expect(normalizeSessionFast("s", { task_type: ["x"] })).toBeNull();
    expect(normalizeSessionFast("s", { code_metrics: {} })).toBeNull();
    expect(normalizeSessionFast("s", { total_interactions: true })).toBeNull();
  });
});

describe("interaction fast path", () => {
  it("gives the same result as the schema path for every fixture interaction", () => {
    for (const folder of ["run1", "errors", "worked-example"]) {
      const raw = readJson(folder, "interactions.json");
      if (!Array.isArray(raw)) throw new Error("fixture is not an array");
      for (const value of raw) {
        const viaSchema = normalizeInteraction(interactionRecordSchema.parse(value));
        expect(normalizeInteractionFast(value)).toEqual(viaSchema);
      }
    }
  });

  it("gives the same result for withheld markers (well-formed, malformed, one of two) and missing fields", () => {
    const marker = { chars: 412, sha256: "0123456789abcdef" };
    const cases: Record<string, unknown>[] = [
      { session_id: "s", timestamp: "t", prompt: "", prompt_withheld: marker },
      { session_id: "s", timestamp: "t", response_summary: "", response_summary_withheld: marker },
      { session_id: "s", timestamp: "t", prompt_withheld: marker, response_summary_withheld: marker },
      { session_id: "s", timestamp: "t", prompt_withheld: { chars: -1, sha256: "x" } },
      { session_id: "s", timestamp: "t", prompt_withheld: "412 chars", response_summary_withheld: null },
      { session_id: "s", timestamp: "t", tools_used: ["a", "b"], effectiveness_rating: 4.7 },
      { session_id: "s", timestamp: "t" },
    ];
    for (const value of cases) {
      const viaSchema = normalizeInteraction(interactionRecordSchema.parse(value));
      expect(normalizeInteractionFast(value)).toEqual(viaSchema);
    }
  });

  it("declines unusual records so the schema path handles them", () => {
    expect(normalizeInteractionFast({ session_id: "s", timestamp: "t", tools_used: ["a", 1] })).toBeNull();
    expect(normalizeInteractionFast({ session_id: "s", timestamp: "t", context_pct: null })).toBeNull();
    expect(normalizeInteractionFast({ session_id: "s", timestamp: "t", prompt: 42 })).toBeNull();
    expect(normalizeInteractionFast({ session_id: "s", timestamp: "t", tools_used: "x" })).toBeNull();
    expect(normalizeInteractionFast({ session_id: "s", timestamp: "t", tokens_in: "5" })).toBeNull();
    expect(normalizeInteractionFast({ timestamp: "t" })).toBeNull();
  });
});

describe("bad records and bad files", () => {
  it("skips bad records with a readable reason and keeps the rest", () => {
    const { records, skipped } = parseInteractionsFile([
      { session_id: "a", timestamp: "t1", effectiveness_rating: 5 },
      "not an object",
      { timestamp: "t2" },
      { session_id: "b", timestamp: "t3", tokens_in: "abc" },
      null,
    ]);
    expect(records.map((r) => r.session_id)).toEqual(["a"]);
    expect(skipped.map((s) => s.key)).toEqual([1, 2, 3, 4]);
    expect(skipped[0]?.reason).toBe("expected an object, got string");
    expect(skipped[1]?.reason).toMatch(/^session_id: /);
    expect(skipped[2]?.reason).toBe('tokens_in: expected a number, got "abc"');
    expect(skipped[3]?.reason).toBe("expected an object, got null");
  });

  it("skips a session that is not an object or whose start time is not text", () => {
    const { records, skipped } = parseSessionsFile({ ok: {}, list: [1], bad: { start_time: 5 } });
    expect(records.map((s) => s.id)).toEqual(["ok"]);
    expect(skipped.map((s) => s.key)).toEqual(["list", "bad"]);
    expect(skipped[1]?.reason).toMatch(/^start_time: /);
  });

  it("throws corrupt_file on a wrong top-level shape", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => parseSessionsFile([]), /sessions\.json must hold a JSON object/],
      [() => parseSessionsFile(null), /holds null/],
      [() => parseInteractionsFile({}), /interactions\.json must hold a JSON array/],
      [() => parseIssuesFile("x"), /issues\.json/],
      [() => parseRequestsFile(3), /requests\.json/],
    ];
    for (const [run, message] of cases) {
      let caught: unknown;
      try {
        run();
      } catch (e) {
        caught = e;
      }
      expect(isTrackerError(caught, "corrupt_file")).toBe(true);
      expect(caught instanceof Error ? caught.message : "").toMatch(message);
    }
  });

  it("maps file names to kinds", () => {
    expect(trackerFileKindOf("requests.json")).toBe("requests");
    expect(trackerFileKindOf("charts")).toBeNull();
  });
});

describe("parsing speed", () => {
  it("parses 100,000 interactions quickly", () => {
    const one = readJson("run1", "interactions.json");
    const template = JSON.stringify(Array.isArray(one) ? one[0] : undefined);
    const items = Array.from({ length: 100_000 }, (_, i) =>
      template.replace('"timestamp":"', `"timestamp":"${i}-`),
    );
    const data: unknown = JSON.parse(`[${items.join(",")}]`);
    const started = performance.now();
    const { records, skipped } = parseInteractionsFile(data);
    const ms = performance.now() - started;
    expect(records).toHaveLength(100_000);
    expect(skipped).toHaveLength(0);
    // Measured ~550 ms on 2 vCPUs at load average 9 (other suites running); the bound is loose so a
    // loaded CI host does not flake (bench/ is the place for precise figures).
    expect(ms).toBeLessThan(1500);
  });
});
