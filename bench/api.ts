/**
 * API load benchmark (issue 11): 50 concurrent clients × 30 s on `GET /api/v1/summary` and then on
 * `GET /api/v1/sessions` (default filters: last 30 days, page 1), with an API token of scope `read`, on
 * team-L served by a production `next start` (the ingest watcher running in it), while a writer changes
 * one developer's `sessions.json` every 3 s (a new `notes` text on their newest session, written
 * atomically as the recorder does) — so the ingest keeps committing and the read model's cache keeps
 * emptying, as on a team that works while people read the figures.
 *
 * Load tool: autocannon (pinned), one run per route; a request counts as an error when it fails at the
 * connection (autocannon `errors`, timeouts included) or answers anything but 2xx. Prints requests,
 * errors, p50 / p97.5 / p99 / max latency per route and writes them into BENCHMARKS.md (the "API"
 * section, between markers). The original file is written back at the end.
 *
 * `npm run bench:api [-- --developers 50 --sessions 2000 --interactions 10 --connections 50 --duration 30
 *   --write-every 3 --build --no-write]`
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { z } from "zod";
import {
  baseUrl,
  ensureBuild,
  logTo,
  prepareData,
  signIn,
  startServer,
  waitHealthy,
  writeBenchmarkSection,
} from "./portal-server";
import { TEAM_SIZE_OPTIONS, teamSize } from "./team-size";

const PORT = 3218;
const BASE = baseUrl(PORT);
const log = logTo("bench:api");

const { values } = parseArgs({
  options: {
    ...TEAM_SIZE_OPTIONS,
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    "write-every": { type: "string", default: "3" },
    build: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
  },
});
const { nDev, nSess, nInt } = teamSize(values);
const connections = Math.max(1, Number(values.connections));
const duration = Math.max(1, Number(values.duration));
const writeEverySec = Math.max(0.5, Number(values["write-every"]));

const ROUTES = [
  ["summary (last 30 days)", "/api/v1/summary"],
  ["sessions (page 1, last 30 days)", "/api/v1/sessions"],
] as const;

/** One route's figures. */
interface RouteStat {
  name: string;
  path: string;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  writes: number;
}

/** A sessions.json as the writer reads it: records kept whole (unknown keys too), start and notes typed. */
const sessionsFileSchema = z.record(
  z.string(),
  z.looseObject({ start_time: z.string().optional(), notes: z.string().optional() }),
);

/**
 * The writer: every `everyMs` rewrites `file` (a developer's sessions.json, a dict of session records)
 * with a new `notes` on its newest session, through a temp file + rename so the watcher never reads half
 * a file. `halt()` stops writing, `restore()` writes the original bytes back; `writes()` counts the writes.
 */
function startWriter(
  file: string,
  everyMs: number,
): { halt: () => void; restore: () => void; writes: () => number } {
  const original = readFileSync(file);
  const records = sessionsFileSchema.parse(JSON.parse(original.toString("utf8")));
  const newest = Object.keys(records)
    .sort((a, b) => String(records[a]?.start_time).localeCompare(String(records[b]?.start_time)))
    .at(-1);
  if (!newest) throw new Error(`${file} holds no session`);
  const record = records[newest];
  if (!record) throw new Error(`${file} lost its newest session`);
  const tmp = path.join(path.dirname(file), ".bench-api-write.tmp");
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    record.notes = `bench:api write ${n} at ${new Date().toISOString()}`;
    writeFileSync(tmp, JSON.stringify(records));
    renameSync(tmp, file);
  }, everyMs);
  return {
    writes: () => n,
    halt: () => clearInterval(timer),
    restore: () => {
      clearInterval(timer);
      writeFileSync(tmp, original);
      renameSync(tmp, file);
    },
  };
}

/** Creates an API token with scope `read` through the API (the admin's cookie, a same-origin JSON write). */
async function createReadToken(cookie: string): Promise<{ token: string; id: number }> {
  const r = await fetch(`${BASE}/api/v1/tokens`, {
    method: "POST",
    headers: { cookie, origin: BASE, "content-type": "application/json" },
    body: JSON.stringify({ name: `bench:api ${new Date().toISOString()}`, scopes: ["read"] }),
  });
  if (r.status !== 201) throw new Error(`token creation → ${r.status} ${await r.text()}`);
  const body = z.object({ token: z.string(), info: z.object({ id: z.number() }) }).parse(await r.json());
  return { token: body.token, id: body.info.id };
}

async function load(name: string, urlPath: string, token: string, writes: () => number): Promise<RouteStat> {
  const before = writes();
  const r = await autocannon({
    url: `${BASE}${urlPath}`,
    connections,
    duration,
    timeout: 30,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    name,
    path: urlPath,
    requests: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
    rps: r.requests.average,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    writes: writes() - before,
  };
}

function report(stats: RouteStat[], note: string, ingested: boolean): string {
  const ms = (v: number) => `${Math.round(v).toLocaleString("en-US")} ms`;
  const lines = [
    "<!-- api:begin -->",
    "## API under load (`npm run bench:api`)",
    "",
    `Team-L: ${nDev} developers × ${nSess.toLocaleString("en-US")} sessions × ${nInt} interactions (${note}), production \`next start\` with the ingest watcher running, \`PORTAL_NOW\` at the data's end. autocannon 9.0.0: ${connections} connections × ${duration} s per route (one route after the other), bearer token with scope \`read\`, no \`If-None-Match\` (every answer is a full 200). Meanwhile a writer rewrites one developer's \`sessions.json\` (${nSess.toLocaleString("en-US")} sessions, a new \`notes\` on the newest) every ${writeEverySec} s, atomically; ${ingested ? "the last write was ingested (checked through the API at the end)" : "**the last write was NOT seen through the API at the end**"}.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; 1-min load average at the end ${loadavg()[0]?.toFixed(1)} — a shared machine, other work running: read the figures as an upper bound.`,
    "",
    "| route | requests | req/s | errors | non-2xx | p50 | p97.5 | p99 | max | writes during |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...stats.map(
      (s) =>
        `| ${s.name} \`${s.path}\` | ${s.requests.toLocaleString("en-US")} | ${s.rps.toFixed(0)} | ${s.errors} | ${s.non2xx} | ${ms(s.p50)} | ${ms(s.p97_5)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.writes} |`,
    ),
    "",
    `Target: 0 errors — ${stats.every((s) => s.errors === 0 && s.non2xx === 0) ? "met" : "missed"}; p99 ≤ 100 ms — ${stats.map((s) => `${s.path.replace("/api/v1/", "")} ${s.p99 <= 100 ? "met" : "missed"}`).join(", ")}. Before this bench existed, the same load measured by hand on main gave p50 ≈ 125 ms, p99 ≈ 725–844 ms.`,
    "<!-- api:end -->",
  ];
  return lines.join("\n");
}

/** True when the session detail of the written session shows the writer's last `notes` (a write was made). */
async function lastWriteIngested(token: string, file: string): Promise<boolean> {
  const records = sessionsFileSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  if (!Object.values(records).some((r) => r.notes?.startsWith("bench:api write"))) return false;
  const headers = { authorization: `Bearer ${token}` };
  const developer = path.basename(path.dirname(file));
  const list = z.object({ rows: z.array(z.looseObject({ id: z.number() })) }).parse(
    await (
      await fetch(`${BASE}/api/v1/sessions?developer=${developer}&range=all&sort=start&dir=desc`, {
        headers,
      })
    ).json(),
  );
  const row = list.rows[0];
  if (!row) return false;
  const detail = z
    .object({ session: z.looseObject({ id: z.string(), notes: z.string().optional() }) })
    .parse(await (await fetch(`${BASE}/api/v1/sessions/${row.id}`, { headers })).json());
  return records[detail.session.id]?.notes === detail.session.notes;
}

async function main(): Promise<void> {
  const { root, db, note } = prepareData(nDev, nSess, nInt, log);
  ensureBuild(values.build, log);
  const server = startServer(PORT, root, db);
  const file = path.join(root, "dev000", "sessions.json");
  let writer: ReturnType<typeof startWriter> | null = null;
  try {
    await waitHealthy(BASE, 300_000);
    const cookie = await signIn(BASE);
    const { token, id } = await createReadToken(cookie);
    writer = startWriter(file, writeEverySec * 1000);
    const stats: RouteStat[] = [];
    for (const [name, urlPath] of ROUTES) {
      log(`${name}: ${connections} connections × ${duration} s …`);
      const s = await load(name, urlPath, token, writer.writes);
      log(
        `${name}: ${s.requests} requests, ${s.errors} errors, ${s.non2xx} non-2xx; p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms; ${s.writes} writes`,
      );
      stats.push(s);
    }
    writer.halt();
    // The watcher settles and ingests the last write; then the API must show it.
    await new Promise((r) => setTimeout(r, 5000));
    const ingested = await lastWriteIngested(token, file);
    await fetch(`${BASE}/api/v1/tokens/${id}?purge=true`, {
      method: "DELETE",
      headers: { cookie, origin: BASE, "content-type": "application/json" },
    });
    const section = report(stats, note, ingested);
    process.stdout.write(`${section}\n`);
    if (!values["no-write"]) writeBenchmarkSection("api", section);
    if (stats.some((s) => s.errors > 0 || s.non2xx > 0)) process.exitCode = 1;
  } finally {
    writer?.restore();
    server.kill("SIGTERM");
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
