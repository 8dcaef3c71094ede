/**
 * Ingest CLI.
 *
 *   npm run scan  -- <root> [--json] [--db path] [--max-file-mb N]
 *   npm run watch -- <root> [--db path] [--settle ms] [--poll] [--poll-ms ms] [--rescan ms]
 *
 * `<root>` defaults to PORTAL_DATA_ROOT; `--db` (a SQLite file) to the store the environment names:
 * PostgreSQL with DATABASE_URL, else SQLite at PORTAL_DB_PATH (./data/portal.db). `watch` joins the
 * portal instances' ingest election (lib/runtime/leader.ts): on PostgreSQL it waits while a portal
 * instance (or another watcher) leads and takes over when that one stops, so two never ingest at once;
 * on SQLite it leads at once, as before. Human output goes
 * to stderr (progress bar on a terminal) and the summary to stdout; `--json` prints one JSON document.
 * Exit codes: 0 ok, 1 files failed to parse (data kept), 2 usage error or unreadable root.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { openStore, type StoreLocation, storeLocation } from "@/lib/db/open-store";
import { getEnv } from "@/lib/env";
import { getMaxSessionMinutes } from "@/lib/queries/get-assumptions";
import { type DeveloperSummary, getScanSummary } from "@/lib/queries/get-scan-summary";
import { ingestWhileLeading } from "@/lib/runtime/leader";
import { type ScanProgress, type ScanResult, scanRoot } from "./scan";
import { startIngestWorker } from "./watch";

function progressBar(p: ScanProgress): void {
  const width = 30;
  const frac = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.done / Math.max(1, p.total);
  const filled = Math.round(frac * width);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const name = p.relPath.length > 40 ? `…${p.relPath.slice(-39)}` : p.relPath;
  process.stderr.write(
    `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done}/${p.total} files ${mb(p.bytesDone)}/${mb(p.bytesTotal)} MiB ${name.padEnd(40)}`,
  );
}

function formatTable(rows: DeveloperSummary[]): string {
  const head = [
    "developer",
    "sessions",
    "completed",
    "active",
    "abandoned",
    "interactions",
    "issues",
    "requests",
    "files",
    "errors",
    "AI h",
    "human h",
    "ROI %",
  ];
  const body = rows.map((r) =>
    [
      r.developer,
      r.sessions,
      r.completed,
      r.active,
      r.abandoned,
      r.interactions,
      r.issues,
      r.requests,
      r.files,
      r.filesWithErrors,
      r.aiHours.toFixed(2),
      r.humanHours.toFixed(2),
      r.roiPercentage.toFixed(1),
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(head), ...body.map(line)].join("\n");
}

function describePass(r: ScanResult): string {
  const secs = ((r.finishedMs - r.startedMs) / 1000).toFixed(2);
  return `${r.filesSeen} files seen, ${r.filesIngested} ingested, ${r.filesUnchanged} unchanged, ${r.filesRemoved} removed, ${r.filesFailed} failed, ${(r.bytesRead / 1024 / 1024).toFixed(1)} MiB read in ${secs} s`;
}

/** Where the data goes, for the output: the SQLite file's path, or the PostgreSQL URL without its password. */
function describeLocation(location: StoreLocation): string {
  if (location.engine === "sqlite") return path.resolve(location.path);
  const url = new URL(location.url);
  if (url.password) url.password = "***";
  return url.toString();
}

const USAGE = `usage:
  npm run scan  -- <root> [--json] [--db path] [--max-file-mb N]
  npm run watch -- <root> [--db path] [--settle ms] [--poll] [--poll-ms ms] [--rescan ms]`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let args: ReturnType<typeof parse>;
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        db: { type: "string" },
        "max-file-mb": { type: "string" },
        settle: { type: "string" },
        poll: { type: "boolean" },
        "poll-ms": { type: "string" },
        rescan: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  try {
    args = parse(rest);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help || (command !== "scan" && command !== "watch")) {
    process.stderr.write(`${USAGE}\n`);
    return args.values.help ? 0 : 2;
  }
  const env = getEnv();
  const root = args.positionals[0] ?? env.PORTAL_DATA_ROOT;
  if (!root) {
    process.stderr.write(`no root folder: pass one or set PORTAL_DATA_ROOT\n${USAGE}\n`);
    return 2;
  }
  const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  const maxFileBytes = num(args.values["max-file-mb"], env.PORTAL_INGEST_MAX_FILE_MB) * 1024 * 1024;
  // --db: a SQLite file; else the store the environment names (DATABASE_URL, else PORTAL_DB_PATH).
  const location: StoreLocation = args.values.db
    ? { engine: "sqlite", path: args.values.db }
    : storeLocation(env);
  const where = describeLocation(location);
  const db = await openStore(location);
  try {
    if (command === "scan") {
      const tty = process.stderr.isTTY && !args.values.json;
      const result = await scanRoot({
        db,
        root,
        maxFileBytes,
        onProgress: tty ? progressBar : undefined,
      });
      if (tty) process.stderr.write("\n");
      if (result.rootError) {
        process.stderr.write(`${result.rootError}\n`);
        return 2;
      }
      const developers = await getScanSummary({
        db,
        maxSessionMinutes: await getMaxSessionMinutes({ db }),
      });
      const failed = result.files.filter((f) => f.error);
      if (args.values.json) {
        process.stdout.write(`${JSON.stringify({ db: where, scan: result, developers }, null, 2)}\n`);
      } else {
        process.stdout.write(`${describePass(result)}\n\n${formatTable(developers)}\n`);
        for (const f of failed) process.stdout.write(`! ${f.relPath}: ${f.error}\n`);
        for (const l of result.discover.skippedLinks)
          process.stdout.write(`~ link ${l.relPath} not followed: ${l.reason}\n`);
      }
      return failed.length > 0 ? 1 : 0;
    }
    const say = (m: string) => process.stderr.write(`[ingest] ${m}\n`);
    const start = () => {
      const worker = startIngestWorker({
        root,
        db,
        settleMs: num(args.values.settle, env.PORTAL_INGEST_SETTLE_MS),
        poll: args.values.poll ?? env.PORTAL_INGEST_POLL,
        pollIntervalMs: num(args.values["poll-ms"], env.PORTAL_INGEST_POLL_MS),
        rescanMs: num(args.values.rescan, env.PORTAL_INGEST_RESCAN_MS),
        maxFileBytes,
        extraRoots: env.PORTAL_INGEST_EXTRA_ROOTS,
        onChange: (r) => {
          process.stderr.write(`[ingest] ${new Date(r.finishedMs).toISOString()} ${describePass(r)}\n`);
          // Failures first; a cold first pass would otherwise flood the terminal with one line per file.
          const listed = [...r.files.filter((f) => f.error), ...r.files.filter((f) => !f.error)];
          for (const f of listed.slice(0, 20)) {
            process.stderr.write(`  ${f.action} ${f.relPath}${f.error ? `: ${f.error}` : ""}\n`);
          }
          if (listed.length > 20) process.stderr.write(`  … ${listed.length - 20} more\n`);
        },
      });
      void worker.ready.then(
        (first) => say(`watching ${path.resolve(root)} → ${where}; first pass: ${describePass(first)}`),
        () => {}, // reported by ingestWhileLeading
      );
      return worker;
    };
    const stopped = new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    const running = ingestWhileLeading({ store: db, instanceId: env.PORTAL_INSTANCE_ID, start, log: say });
    await running.decided;
    const lead = running.leadership();
    if (!lead.leader)
      say(
        `another instance leads the ingest (${lead.leaderInstance ?? "unknown"}); this watcher (${running.instanceId}) takes over when it stops`,
      );
    await stopped;
    await running.stop();
    return 0;
  } finally {
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
