/**
 * Shared helpers of the ingest tests (test support: never imported by production code): a temp dir + fresh SQLite file per test, expected figures computed
 * from a generator manifest through the contract and the stats package (never through the portal's SQL).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseInteractionsFile, parseSessionsFile } from "ai-session-tracker-mcp/contract";
import {
  calculateAverageEffectiveness,
  calculateEffectivenessDistribution,
  calculateRoiMetrics,
  type RoiMetrics,
} from "ai-session-tracker-mcp/stats";
import { closeDb, openDb, type PortalDb } from "@/lib/db/client";
import { storeOf } from "@/lib/db/sqlite-store";
import type { Store } from "@/lib/db/store";
import type { DeveloperTruth } from "@/scripts/make-team-folder";
import { openTestStore } from "./store";
import { getTrackerData } from "./tracker-data";

/** A temp dir with a fresh DB; `cleanup()` closes and removes both. */
export function makeSandbox(): {
  dir: string;
  root: string;
  db: PortalDb;
  /** The data-layer store over `db` (follows a reopened `db`). */
  readonly store: Store;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), "ingest-test-"));
  const sandbox = {
    dir,
    root: path.join(dir, "team"),
    db: openDb(path.join(dir, "portal.db")),
    get store(): Store {
      return storeOf(sandbox.db);
    },
    cleanup: () => {
      // The test may have reopened the DB: close whichever handle it holds now.
      closeDb(sandbox.db);
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${path.join(dir, "team")}.external`, { recursive: true, force: true });
    },
  };
  return sandbox;
}

/** A sandbox on the run's engine (test-support/store.ts): a temp dir, the team root in it, a fresh store. */
export interface StoreSandbox {
  dir: string;
  root: string;
  store: Store;
  /** Another store (connection) on the same database. */
  another(): Promise<Store>;
  /** The environment that points a portal process at this database (see TestStore). */
  portalEnv(): Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * A temp dir with a fresh database on the run's engine (`PORTAL_TEST_ENGINE`: SQLite, or PostgreSQL in
 * the `portal-postgres` project); `cleanup()` closes and removes both.
 */
export async function makeStoreSandbox(): Promise<StoreSandbox> {
  const t = await openTestStore();
  const root = path.join(t.dir, "team");
  return {
    dir: t.dir,
    root,
    store: t.store,
    another: () => t.another(),
    portalEnv: () => t.portalEnv(),
    cleanup: async () => {
      await t.cleanup();
      rmSync(`${root}.external`, { recursive: true, force: true });
    },
  };
}

/**
 * A valid, completed upstream session record (`sessions.json` value) with `over` applied: the hand-written
 * files of the ingest tests.
 */
export function sessionRecord(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    session_name: `Session ${id}`,
    task_type: "code_generation",
    start_time: "2026-11-20T09:00:00+00:00",
    end_time: "2026-11-20T10:00:00+00:00",
    status: "completed",
    outcome: "success",
    model_name: "gpt-4.1",
    initial_estimate_minutes: 120.0,
    estimate_source: "manual",
    final_estimate_minutes: null,
    total_interactions: 1,
    avg_effectiveness: 4.0,
    ...over,
  };
}

/**
 * A valid upstream interaction record (`interactions.json` entry) of `sessionId` at 09:<minute> on
 * 2026-11-20, with `over` applied.
 */
export function interactionRecord(
  sessionId: string,
  minute: number,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    session_id: sessionId,
    timestamp: `2026-11-20T09:${String(minute).padStart(2, "0")}:00+00:00`,
    prompt: `prompt ${minute}`,
    response_summary: "ok",
    effectiveness_rating: 4,
    iteration_count: 1,
    tools_used: [],
    ...over,
  };
}

/** Counts and ROI of a slice. */
export interface Figures {
  sessions: number;
  interactions: number;
  issues: number;
  requests: number;
  roi: RoiMetrics;
}

/** Expected figures of some developers' truth (team figures when given all of them). */
export function expectedFigures(devs: readonly DeveloperTruth[]): Figures {
  const sessions = devs.flatMap((d) => parseSessionsFile(d.sessions).records);
  const interactions = devs.flatMap((d) => parseInteractionsFile(d.interactions).records);
  return {
    sessions: sessions.length,
    interactions: interactions.length,
    issues: devs.reduce((n, d) => n + d.issues.length, 0),
    requests: devs.reduce((n, d) => n + d.requests.length, 0),
    roi: calculateRoiMetrics(sessions, interactions),
  };
}

/** Figures of what the DB holds for a developer (or the team). */
export async function actualFigures(db: Store, developer?: string): Promise<Figures> {
  const data = await getTrackerData({ db, developer });
  return {
    sessions: data.sessions.length,
    interactions: data.interactions.length,
    issues: data.issues.length,
    requests: data.requests.length,
    roi: calculateRoiMetrics(data.sessions, data.interactions),
  };
}

/** Every row of the ingest's data tables, for "nothing changed" assertions. */
export async function snapshotRows(db: Store): Promise<string> {
  const tables = [
    "developers",
    "sources",
    "source_files",
    "file_holdings",
    "session_versions",
    "sessions",
    "interactions",
    "session_interaction_totals",
    "issues",
    "requests",
    "code_metrics",
    "ingest_runs",
  ];
  const rows: unknown[] = [];
  for (const t of tables) rows.push(await db.all(`SELECT * FROM ${t} ORDER BY 1`));
  return JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString("hex") : v));
}

/** Polls `check` until it returns true or `timeoutMs` passes; returns the elapsed ms. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Invariant of the reference counting: every interaction/issue/request row's `holders` equals the number
 * of times the files' holdings list it, and no row exists that no file holds. Returns the violations.
 */
export async function holdingViolations(db: Store): Promise<string[]> {
  const counts = new Map<string, number>();
  const rows = await db.all<{ ids: Buffer; kind: string }>(
    "SELECT h.ids, f.kind FROM file_holdings h JOIN source_files f ON f.id = h.file_id",
  );
  for (const r of rows) {
    const copy = new Uint8Array(r.ids.byteLength);
    copy.set(r.ids);
    for (const id of new Int32Array(copy.buffer))
      counts.set(`${r.kind}:${id}`, (counts.get(`${r.kind}:${id}`) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const table of ["interactions", "issues", "requests", "usage"]) {
    for (const row of await db.all<{ id: number; holders: number }>(`SELECT id, holders FROM ${table}`)) {
      const key = `${table}:${row.id}`;
      if ((counts.get(key) ?? 0) !== row.holders)
        problems.push(`${key} holders ${row.holders} vs ${counts.get(key) ?? 0}`);
      counts.delete(key);
    }
  }
  for (const key of counts.keys()) problems.push(`${key} held but missing`);
  return problems;
}

/**
 * Invariant of the derived per-session interaction totals: each row equals the totals recomputed here
 * from the interaction rows with the stats package's row-based formulas, and no session with interactions
 * lacks a row. Returns the violations.
 */
export async function totalsViolations(db: Store): Promise<string[]> {
  const rows = await db.all<
    { dev: number; sid: string; effectiveness_rating: number } & Record<string, number>
  >(
    `SELECT developer_id AS dev, session_id AS sid, effectiveness_rating, tokens_in, tokens_out, cache_hit_rate,
       cached_tokens, new_tokens, context_pct FROM interactions`,
  );
  const bySession = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.dev}:${r.sid}`;
    const list = bySession.get(k) ?? [];
    list.push(r);
    bySession.set(k, list);
  }
  const problems: string[] = [];
  const stored = await db.all<Record<string, number | string>>("SELECT * FROM session_interaction_totals");
  for (const t of stored) {
    const k = `${t.developer_id}:${t.session_id}`;
    const list = bySession.get(k) ?? [];
    bySession.delete(k);
    const d = calculateEffectivenessDistribution(list);
    const expected = {
      interactions: list.length,
      rating_int_sum: Math.round(calculateAverageEffectiveness(list) * list.length),
      rated_1: d[1],
      rated_2: d[2],
      rated_3: d[3],
      rated_4: d[4],
      rated_5: d[5],
      tokens_in: list.reduce((a, r) => a + (r.tokens_in as number), 0),
      tokens_out: list.reduce((a, r) => a + (r.tokens_out as number), 0),
      tokens_in_max: Math.max(...list.map((r) => r.tokens_in as number)),
      tokens_out_max: Math.max(...list.map((r) => r.tokens_out as number)),
      cached_tokens: list.reduce((a, r) => a + (r.cached_tokens as number), 0),
      new_tokens: list.reduce((a, r) => a + (r.new_tokens as number), 0),
      context_pct_max: Math.max(...list.map((r) => r.context_pct as number)),
    };
    for (const [col, want] of Object.entries(expected)) {
      if (t[col] !== want) problems.push(`${k} ${col} ${t[col]} vs ${want}`);
    }
    const rate = list.reduce((a, r) => a + (r.cache_hit_rate as number), 0);
    if (Math.abs((t.cache_hit_rate_sum as number) - rate) > 1e-9) problems.push(`${k} cache_hit_rate_sum`);
  }
  for (const k of bySession.keys()) problems.push(`${k} has interactions but no totals row`);
  return problems;
}
