/**
 * End-to-end benchmark through the real stdio server (the built bin, driven by the SDK client), with
 * 100 / 1,000 / 10,000 existing sessions of ~10 interactions each. Prints a table of median and p95 per
 * tool, cold start and peak RSS, beside upstream's figures measured on this machine, and writes it to
 * BENCHMARKS.md.
 *
 *   npm run bench -w mcp-server            # all three sizes
 *   npm run bench -w mcp-server -- 1000    # one size
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { type JsonObject, pyDumps } from "../src/storage/json.js";
import { SAMPLE_TOKEN_USAGE, SAMPLE_TOOLS_USED } from "../test/helpers/sample-usage.js";

const BIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const OUT = fileURLToPath(new URL("../BENCHMARKS.md", import.meta.url));
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length > 0 ? sizes : [100, 1_000, 10_000];
const ROUNDS = 40;

/** Upstream's figures (ms per call) measured on this machine: start, log, end, observability. */
const UPSTREAM: Record<number, [number, number, number, number]> = {
  1000: [55, 214, 150, 87],
  10000: [500, 2_520, 1_350, 980],
};

function makeHistory(dir: string, n: number) {
  const sessions: JsonObject = {};
  const interactions: JsonObject[] = [];
  const base = Date.parse("2026-06-01T09:00:00Z");
  for (let i = 0; i < n; i++) {
    const id = `history_session_${i}_20260601_090000`;
    const start = new Date(base + i * 3_600_000);
    sessions[id] = {
      id,
      session_name: `History session ${i}`,
      task_type: i % 7 === 0 ? "human_review" : "code_generation",
      context: "",
      start_time: start.toISOString().replace("Z", "+00:00"),
      model_name: "claude-sonnet-4-20250514",
      initial_estimate_minutes: 60.0,
      estimate_source: "manual",
      final_estimate_minutes: 45,
      status: "completed",
      execution_context: "foreground",
      end_time: new Date(start.getTime() + 1_800_000).toISOString().replace("Z", "+00:00"),
      outcome: "success",
      notes: "",
      total_interactions: 10,
      avg_effectiveness: 4.0,
      code_metrics: [],
      developer: "Bench Dev",
      project: "bench",
    };
    for (let k = 0; k < 10; k++) {
      interactions.push({
        session_id: id,
        timestamp: new Date(start.getTime() + k * 60_000).toISOString().replace("Z", "+00:00"),
        prompt: `Implement part ${k} of the feature with tests and documentation`,
        response_summary: "Implemented and tested",
        effectiveness_rating: (k % 5) + 1,
        iteration_count: 1,
        tools_used: [...SAMPLE_TOOLS_USED],
        ...SAMPLE_TOKEN_USAGE,
      });
    }
  }
  writeFileSync(join(dir, "sessions.json"), pyDumps(sessions));
  writeFileSync(join(dir, "interactions.json"), pyDumps(interactions));
  writeFileSync(join(dir, "issues.json"), "[]");
  writeFileSync(join(dir, "requests.json"), "[]");
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

interface Row {
  sessions: number;
  cold: number;
  rss: number;
  ops: Record<"start" | "log" | "end" | "observability", { p50: number; p95: number }>;
}

async function measure(n: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), `ast-bench-${n}-`));
  makeHistory(dir, n);
  const t0 = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "server"],
    cwd: dir,
    // AI_TRACKER_USAGE passes through so a run can compare the session-end usage extraction off and on.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      AI_OUTPUT_DIR: dir,
      AI_TRACKER_USAGE: process.env.AI_TRACKER_USAGE ?? "",
    },
    stderr: "ignore",
  });
  const client = new Client({ name: "bench", version: "1" });
  await client.connect(transport);
  await client.callTool({ name: "get_active_sessions", arguments: {} }); // first call reads the folder
  const cold = performance.now() - t0;
  const pid = transport.pid ?? 0;

  const times: Record<keyof Row["ops"], number[]> = {
    start: [],
    log: [],
    end: [],
    observability: [],
  };
  const timed = async (op: keyof typeof times, name: string, args: Record<string, unknown>) => {
    const t = performance.now();
    const r = await client.callTool({ name, arguments: args });
    times[op].push(performance.now() - t);
    if (r.isError) throw new Error(`${name} failed: ${JSON.stringify(r.content)}`);
    return r;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const started = await timed("start", "start_ai_session", {
      session_name: `Bench round ${round}`,
      task_type: "code_generation",
      model_name: "bench-model",
      initial_estimate_minutes: 60,
      estimate_source: "manual",
      developer: "Bench Dev",
      project: "bench",
    });
    const id = String((started.structuredContent as { session_id?: string } | undefined)?.session_id);
    for (let k = 0; k < 3; k++) {
      await timed("log", "log_ai_interaction", {
        session_id: id,
        prompt: `prompt ${k}`,
        response_summary: "done",
        effectiveness_rating: 4,
        tokens_in: 1000,
        tokens_out: 200,
      });
    }
    await timed("end", "end_ai_session", { session_id: id, outcome: "success", final_estimate_minutes: 30 });
    if (round % 2 === 0) await timed("observability", "get_ai_observability", {});
  }
  const rss = peakRssMb(pid);
  await client.close();
  rmSync(dir, { recursive: true, force: true });
  const stat = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) });
  return {
    sessions: n,
    cold,
    rss,
    ops: {
      start: stat(times.start),
      log: stat(times.log),
      end: stat(times.end),
      observability: stat(times.observability),
    },
  };
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const rows: Row[] = [];
for (const n of SIZES) {
  const row = await measure(n);
  rows.push(row);
  const o = row.ops;
  console.log(
    `${n} sessions: start ${fmt(o.start.p50)}/${fmt(o.start.p95)} ms, log ${fmt(o.log.p50)}/${fmt(o.log.p95)} ms, end ${fmt(o.end.p50)}/${fmt(o.end.p95)} ms, observability ${fmt(o.observability.p50)}/${fmt(o.observability.p95)} ms (median/p95); cold start ${fmt(row.cold)} ms; peak RSS ${fmt(row.rss)} MB`,
  );
}

const lines = [
  "# mcp-server benchmarks",
  "",
  "Measured by `npm run bench -w mcp-server` through the real stdio server (built bin, SDK client), on a",
  "folder that already holds N sessions with 10 interactions each. Each round: `start_ai_session`, three",
  `\`log_ai_interaction\`, \`end_ai_session\`, and every other round \`get_ai_observability\` (${ROUNDS} rounds).`,
  'Times in ms, median / p95. "Upstream" is the Python tool\'s median measured on this machine; the ratio',
  "is upstream ÷ ours. Cold start = spawn → initialize → first tool reply.",
  "",
  `Run: ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average at the end ${loadavg()[0]?.toFixed(1)} (figures scale with load on this shared machine).`,
  "",
  "| sessions | start | log | end | observability | cold start | peak RSS |",
  "|---:|---:|---:|---:|---:|---:|---:|",
];
for (const r of rows) {
  const up = UPSTREAM[r.sessions];
  const cell = (op: keyof Row["ops"], i: 0 | 1 | 2 | 3) => {
    const { p50, p95 } = r.ops[op];
    const ratio = up ? ` (upstream ${up[i]}, ${(up[i] / p50).toFixed(0)}× faster)` : "";
    return `${fmt(p50)} / ${fmt(p95)}${ratio}`;
  };
  lines.push(
    `| ${r.sessions.toLocaleString("en-US")} | ${cell("start", 0)} | ${cell("log", 1)} | ${cell("end", 2)} | ${cell("observability", 3)} | ${fmt(r.cold)} | ${fmt(r.rss)} MB |`,
  );
}
lines.push(
  "",
  "Targets (issue #2): at 1,000 sessions every call ≤ 10 ms median; at 10,000 ≤ 50 ms median for the three",
  "writes and ≤ 200 ms for observability. Appending an interaction writes only the new record in place",
  "(journaled), never the whole history; a session update rewrites only the changed tail of `sessions.json`",
  "(journaled) or, for an early session, the whole file atomically from cached per-session fragments.",
  "",
);
if (sizes.length === 0) {
  writeFileSync(OUT, lines.join("\n"));
  console.log(`wrote ${OUT}`);
}
