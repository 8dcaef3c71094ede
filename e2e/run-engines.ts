/**
 * `npm run test:e2e` (part of `npm test`): the e2e suite against a portal on SQLite AND on PostgreSQL
 * (issue 14). The production build does not depend on the engine (DATABASE_URL is read at run time), so
 * `.next-e2e` is built ONCE here and both Playwright runs start their servers from it (E2E_PREBUILT=1).
 * The two runs go one after the other by default (E2E_PARALLEL=0 too). E2E_PARALLEL=1 runs them at the
 * same time — each has its own ports, fixture folder, database and output folders (e2e/fixture-folder.ts);
 * `.ci/run` went from 1983 to 1351–1700 s on this 2-core machine — but time-bound checks (a 2 s sign-in
 * backoff, a file on screen within 3 s) then failed in 2 of 5 runs. E2E_PARALLEL=auto runs them at once
 * only when the CPU is otherwise idle, measured over one second after the build (not the load average,
 * which still holds the build and the unit tests). Arguments are passed to both runs (e.g. a spec path).
 * Exits non-zero when either run fails, after both have finished.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);

// Stopping this script (Ctrl-C, a CI timeout) stops its runs, which stop their servers.
const children = new Set<ChildProcess>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const c of children) c.kill(signal);
    process.exitCode = 1;
  });
}

/** Runs a command with its output lines prefixed by `tag`; resolves with the exit code. */
function run(tag: string, command: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    const prefix = (out: NodeJS.WriteStream) => {
      let rest = "";
      return (chunk: Buffer) => {
        const text = rest + chunk.toString("utf8");
        const lines = text.split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) out.write(`[${tag}] ${line}\n`);
      };
    };
    child.stdout.on("data", prefix(process.stdout));
    child.stderr.on("data", prefix(process.stderr));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const started = Date.now();
const seconds = () => `${Math.round((Date.now() - started) / 1000)} s`;

const built = await run("build", ["node_modules/next/dist/bin/next", "build"], {
  NEXT_DIST_DIR: ".next-e2e",
  NEXT_TELEMETRY_DISABLED: "1",
});
if (built !== 0) {
  process.stderr.write(`[e2e] next build failed (${built}): no e2e run\n`);
  process.exit(built);
}
process.stderr.write(`[e2e] built .next-e2e in ${seconds()}\n`);

const playwright = ["node_modules/@playwright/test/cli.js", "test", ...args];
const engines = ["sqlite", "postgres"] as const;
// Each run picks its own free ports (playwright.config.ts): fixed ones would collide between two at once.
for (const name of ["E2E_PORT", "E2E_OIDC_PORT", "E2E_PG_PORT", "E2E_REUSE_SERVER"]) delete process.env[name];
const runEngine = (engine: (typeof engines)[number]) =>
  run(engine, playwright, { PORTAL_TEST_ENGINE: engine, E2E_PREBUILT: "1" }).then((code) => {
    process.stderr.write(`[e2e] ${engine}: exit ${code} at ${seconds()}\n`);
    return code;
  });

/** Share of the machine's CPU time spent busy over the next second (0..1). */
async function busyShare(): Promise<number> {
  const total = () =>
    cpus().reduce(
      (acc, c) => {
        const t = c.times;
        acc.all += t.user + t.nice + t.sys + t.idle + t.irq;
        acc.idle += t.idle;
        return acc;
      },
      { all: 0, idle: 0 },
    );
  const a = total();
  await sleep(1_000);
  const b = total();
  const all = b.all - a.all;
  return all > 0 ? 1 - (b.idle - a.idle) / all : 1;
}

/** At the same time when forced, or (auto) on a machine with two cores or more that is at most a quarter busy. */
async function inParallel(): Promise<boolean> {
  const forced = process.env.E2E_PARALLEL;
  if (forced === "1" || forced === "0") return forced === "1";
  // Not by default: see the module comment.
  if (forced !== "auto" || availableParallelism() < 2) return false;
  const busy = await busyShare();
  const parallel = busy <= 0.25;
  process.stderr.write(
    `[e2e] CPU ${Math.round(busy * 100)} % busy before the runs: ${parallel ? "both engines at once" : "one engine after the other"} (E2E_PARALLEL=1/0 forces)\n`,
  );
  return parallel;
}

const codes: number[] = [];
if (await inParallel()) {
  codes.push(...(await Promise.all(engines.map(runEngine))));
} else {
  for (const engine of engines) codes.push(await runEngine(engine));
}
const failed = engines.filter((_, i) => codes[i] !== 0);
process.stderr.write(
  failed.length === 0
    ? `[e2e] both engines passed in ${seconds()}\n`
    : `[e2e] failed on ${failed.join(" and ")} (${seconds()})\n`,
);
process.exit(failed.length === 0 ? 0 : 1);
