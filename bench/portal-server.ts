/**
 * What the portal benchmarks share (bench/portal.ts, bench/api.ts): the generated team folder and its
 * ingested DB (cached in the OS temp dir: generation + cold ingest take minutes), the production build in
 * `.next-bench`, a `next start` child on a given port, waiting until it is healthy, and signing the bench
 * admin in through next-auth's credentials endpoint.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { teamSizeArgs } from "./team-size";

/** The repository root. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The data's end: PORTAL_NOW of the bench server, so "Last 30 days" holds about a third of the sessions. */
export const BENCH_NOW = "2026-06-01T12:00:00.000Z";
/** The bench server's admin (created from env on start). */
export const BENCH_ADMIN = { email: "bench@bench.test", password: "bench-password-123" };
/** The production build the benchmarks serve (reused unless rebuilt). */
export const BENCH_DIST = ".next-bench";

/** Writes a progress line to stderr with the benchmark's tag. */
export function logTo(tag: string): (msg: string) => void {
  return (msg) => process.stderr.write(`[${tag}] ${msg}\n`);
}

/** Runs a command in the repository (stderr shown), throwing on a non-zero exit; returns its wall time (ms). */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: REPO,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
  return performance.now() - t0;
}

/** A team folder and its ingested DB. `note` says how long they took to make. */
export interface BenchData {
  dir: string;
  root: string;
  db: string;
  note: string;
}

/** Where the team folder of this size lives (its `ready.json` marks a finished one). */
export function benchDataDir(nDev: number, nSess: number, nInt: number): string {
  return path.join(tmpdir(), `ast-bench-portal-${nDev}x${nSess}x${nInt}`);
}

/** Generates and ingests the team folder once (seed 42, no mess); later runs reuse it. */
export function prepareData(nDev: number, nSess: number, nInt: number, log: (m: string) => void): BenchData {
  const dir = benchDataDir(nDev, nSess, nInt);
  const root = path.join(dir, "team");
  const db = path.join(dir, "portal.db");
  const done = path.join(dir, "ready.json");
  if (existsSync(done)) return { dir, root, db, note: readFileSync(done, "utf8") };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`generating ${nDev} × ${nSess} × ${nInt} into ${root} (minutes) …`);
  // The generator and the scan hold a team's records in memory: the org size (200 developers) ran out of
  // Node's default heap; 10 GiB is a ceiling, not a reservation.
  const heap = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=10240`.trim() };
  const genMs = run(
    "npx",
    [
      "tsx",
      "scripts/make-team-folder.ts",
      root,
      "--seed",
      "42",
      ...teamSizeArgs(nDev, nSess, nInt),
      "--now",
      BENCH_NOW,
      "--mess",
      "none",
    ],
    heap,
  );
  log(`ingesting (minutes) …`);
  const ingestMs = run("npx", ["tsx", "lib/ingest/cli.ts", "scan", root, "--json"], {
    ...heap,
    PORTAL_DB_PATH: db,
  });
  const note = `generated in ${(genMs / 1000).toFixed(0)} s, ingested in ${(ingestMs / 1000).toFixed(0)} s`;
  writeFileSync(done, note);
  return { dir, root, db, note };
}

/** Builds `.next-bench` when asked to or when there is none. */
export function ensureBuild(rebuild: boolean, log: (m: string) => void): void {
  if (!rebuild && existsSync(path.join(REPO, BENCH_DIST, "BUILD_ID"))) return;
  log("building (next build → .next-bench) …");
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    NEXT_DIST_DIR: BENCH_DIST,
    NEXT_TELEMETRY_DISABLED: "1",
  });
}

/** `http://localhost:<port>`. */
export const baseUrl = (port: number) => `http://localhost:${port}`;

/**
 * Starts `next start` on `port` over `root` / `db` (the ingest watcher runs in it); stderr errors are shown.
 * `env` is laid over the server's environment last (a key set to undefined is removed).
 */
export function startServer(
  port: number,
  root: string,
  db: string,
  env: Record<string, string | undefined> = {},
): ChildProcess {
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: BENCH_DIST,
    PORTAL_DATA_ROOT: root,
    PORTAL_DB_PATH: db,
    PORTAL_ADMIN_EMAIL: BENCH_ADMIN.email,
    PORTAL_ADMIN_PASSWORD: BENCH_ADMIN.password,
    PORTAL_NOW: BENCH_NOW,
    NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdef",
    NEXTAUTH_URL: baseUrl(port),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    TZ: "UTC",
    ...env,
  };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", `${port}`], {
    cwd: REPO,
    stdio: ["ignore", "ignore", "pipe"],
    env: merged,
  });
  const errors: string[] = [];
  serverErrors.set(child, errors);
  child.stderr?.on("data", (b: Buffer) => {
    const s = b.toString();
    if (!/error/i.test(s)) return;
    process.stderr.write(s);
    errors.push(...s.split("\n").filter((l) => /error/i.test(l)));
    errors.splice(0, Math.max(0, errors.length - 20));
  });
  return child;
}

const serverErrors = new WeakMap<ChildProcess, string[]>();

/** The server's error lines since the last call (the last 20 at most), e.g. why a request failed. */
export function takeServerErrors(child: ChildProcess): string[] {
  const errors = serverErrors.get(child) ?? [];
  return errors.splice(0, errors.length);
}

/** Resolves once `/api/health` answers 2xx (throws after `timeoutMs`). */
export async function waitHealthy(base: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

/** Signs the bench admin in through next-auth's credentials endpoint and returns the Cookie header. */
export async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (pair && i > 0) jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({
      csrfToken,
      email: BENCH_ADMIN.email,
      password: BENCH_ADMIN.password,
      json: "true",
    }),
  });
  keep(login);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error("sign-in failed");
  return cookie();
}

/** Replaces the `<!-- name:begin -->…<!-- name:end -->` section of BENCHMARKS.md (appends it when absent). */
export function writeBenchmarkSection(name: string, section: string): void {
  const file = path.join(REPO, "BENCHMARKS.md");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const re = new RegExp(`<!-- ${name}:begin -->[\\s\\S]*?<!-- ${name}:end -->`);
  const next = re.test(text) ? text.replace(re, () => section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
