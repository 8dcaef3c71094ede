/**
 * Test helpers of the read model: a temp dir with a fresh database per test (a SQLite file, or with
 * `makeStoreEnv` the run's engine), and an ingested folder.
 * Test support: imported by `*.test.ts` only, never by production code.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { closeDb, openDb, type PortalDb } from "@/lib/db/client";
import { storeOf } from "@/lib/db/sqlite-store";
import type { Store } from "@/lib/db/store";
import { scanRoot } from "@/lib/ingest/scan";
import { makeStoreSandbox, type StoreSandbox } from "./ingest";

/** The upstream worked example (spec §3.12), in the repository. */
export const WORKED_EXAMPLE = fileURLToPath(
  new URL("../mcp-server/test/fixtures/upstream/worked-example", import.meta.url),
);

const recordSchema = z.record(z.string(), z.unknown());

/**
 * Upstream's answers for the worked example (its `calculate_roi_metrics` dict and token panel), the same
 * file the mcp-server's formula tests check against.
 */
export const WORKED_EXAMPLE_FIGURES = z
  .object({
    roi: recordSchema,
    tokens: z.object({ token_stats: recordSchema, cache_stats: recordSchema, context_stats: recordSchema }),
  })
  .parse(JSON.parse(readFileSync(`${WORKED_EXAMPLE}.figures.json`, "utf8")));

/** A temp folder with `root/` (the shared folder) and a fresh DB; `cleanup()` removes both. */
export interface TestEnv {
  dir: string;
  root: string;
  db: PortalDb;
  /** The data-layer store over `db` (what the read model takes). */
  store: Store;
  cleanup: () => void;
}

/** Creates a temp dir and a fresh, migrated SQLite DB inside it. */
export function makeTestEnv(): TestEnv {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-queries-"));
  const root = path.join(dir, "root");
  mkdirSync(root, { recursive: true });
  const db = openDb(path.join(dir, "portal.db"));
  return {
    dir,
    root,
    db,
    store: storeOf(db),
    cleanup: () => {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Copies the worked example into `<root>/<developer>/` (optionally a project sub-folder). */
export function placeWorkedExample(root: string, developer: string, sub = ""): void {
  const target = path.join(root, developer, sub);
  mkdirSync(target, { recursive: true });
  cpSync(WORKED_EXAMPLE, target, { recursive: true });
}

/** A temp folder with `root/` and a fresh database on the run's engine (test-support/store.ts). */
export type StoreEnv = StoreSandbox;

/**
 * A temp dir and a fresh, migrated database on the run's engine (SQLite by default, PostgreSQL in the
 * `portal-postgres` project), its root folder made: what a read-model test runs on when it is in
 * POSTGRES_TEST_FILES. `another()` opens a second connection (one without the first one's caches).
 */
export async function makeStoreEnv(): Promise<StoreEnv> {
  const sb = await makeStoreSandbox();
  mkdirSync(sb.root, { recursive: true });
  return sb;
}

/** One ingest pass over `root` with a fixed clock. */
export async function ingest(
  env: { root: string; store: Store },
  nowMs = Date.UTC(2026, 2, 10),
): Promise<void> {
  // The generator's symlink mess links a folder outside the root in (`<root>.external`): allowed here.
  const r = await scanRoot({
    db: env.store,
    root: env.root,
    now: () => nowMs,
    extraRoots: [`${env.root}.external`],
  });
  if (r.rootError) throw new Error(r.rootError);
}
