/**
 * Start-up of a portal server process: open the DB, create the first users, connect the ingest events to
 * the data layer and run the ingest watcher on the shared root (or the demo folder) while this instance
 * leads (lib/runtime/leader.ts: always on SQLite, one instance of several on PostgreSQL). Called once from
 * instrumentation.ts; the `globalThis` guard makes a second call (dev reloads, a second bundle) a no-op.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { ensureInitialUsers } from "@/lib/auth/users";
import type { Dialect } from "@/lib/db/store";
import { getEnv } from "@/lib/env";
import { workerOptionsFromEnv } from "@/lib/ingest";
import { rebuildInteractionTotalsIfMissing } from "@/lib/ingest/interaction-totals";
import { startIngestWorker } from "@/lib/ingest/watch";
import { getPortalStore } from "./db";
import { connectIngestEvents, publishIngestChange } from "./events";
import { ingestWhileLeading, type LeaderIngest } from "./leader";

/** What the running portal serves. */
export interface PortalRuntime {
  /** Absolute path of the watched root. */
  root: string;
  /** True when PORTAL_DATA_ROOT is unset and the generated demo folder is served. */
  demoMode: boolean;
  /** The database engine (to print it). */
  engine: Dialect;
  /** The ingest worker while this instance leads, its leadership and readiness. */
  ingest: LeaderIngest;
}

/** What start-up needs from outside lib/. */
export interface RuntimeDeps {
  /** Writes the demo team folder at `root` (scripts/make-team-folder.ts). */
  makeDemoFolder: (root: string) => Promise<void>;
}

const g = globalThis as typeof globalThis & { __astPortalRuntime?: Promise<PortalRuntime> };

/** The runtime of this process, if started. */
export function getPortalRuntime(): Promise<PortalRuntime> | undefined {
  return g.__astPortalRuntime;
}

/** True when the portal runs on the generated demo folder (no PORTAL_DATA_ROOT). */
export function isDemoMode(): boolean {
  return !getEnv().PORTAL_DATA_ROOT;
}

/**
 * Starts the portal runtime once per process. `makeDemoFolder` writes the demo team folder when demo
 * mode finds none (injected so lib/ does not import scripts/).
 */
export function startPortalRuntime(deps: RuntimeDeps): Promise<PortalRuntime> {
  g.__astPortalRuntime ??= boot(deps);
  return g.__astPortalRuntime;
}

async function boot(deps: RuntimeDeps): Promise<PortalRuntime> {
  const env = getEnv();
  const demoMode = !env.PORTAL_DATA_ROOT;
  const root = path.resolve(env.PORTAL_DATA_ROOT ?? env.PORTAL_DEMO_ROOT);
  const log = (m: string) => process.stderr.write(`[portal] ${m}\n`);

  if (demoMode && !existsSync(root)) {
    log(`PORTAL_DATA_ROOT is not set: generating the demo team folder in ${root}`);
    await deps.makeDemoFolder(root);
  }

  const store = await getPortalStore();
  // A database ingested before the per-session interaction totals existed gets them filled before any
  // page reads them (Next awaits this start-up before serving).
  await rebuildInteractionTotalsIfMissing(store);
  const users = await ensureInitialUsers({
    db: store,
    adminEmail: env.PORTAL_ADMIN_EMAIL,
    adminPassword: env.PORTAL_ADMIN_PASSWORD,
    demoMode,
  });
  if (users.admin) log(`admin login: ${users.admin.email} (password from PORTAL_ADMIN_PASSWORD)`);
  if (users.demo) log(`demo login: ${users.demo.email} / ${users.demo.password}`);
  if (users.noUsers) log("no users: set PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD and restart");

  connectIngestEvents(store);
  const ingest = ingestWhileLeading({
    store,
    instanceId: env.PORTAL_INSTANCE_ID,
    log,
    start: () => {
      log(`watching ${root}${env.PORTAL_INGEST_POLL ? " (polling)" : ""}${demoMode ? " [demo mode]" : ""}`);
      return startIngestWorker({
        // Demo mode watches the generated folder with the same settle/poll/rescan settings.
        ...workerOptionsFromEnv({ ...env, PORTAL_DATA_ROOT: root }),
        root,
        db: store,
        onChange: (r) =>
          publishIngestChange({
            at: r.finishedMs,
            developers: r.changedDevelopers,
            files: r.filesIngested + r.filesRemoved + r.filesFailed,
          }),
      });
    },
  });
  return { root, demoMode, engine: store.dialect, ingest };
}
