/**
 * A big file applied in steps: the event loop gets a turn between steps, and the end state is exactly
 * the one-transaction state (holder counts, totals, resolved sessions), also when a step sees another
 * writer take the file over. Real databases on the run's engine, the real store.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import {
  holdingViolations,
  makeStoreSandbox,
  type StoreSandbox,
  snapshotRows,
  totalsViolations,
} from "@/test-support/ingest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { applyInSteps } from "./apply-steps";
import type { DiscoveredFile } from "./discover";
import { parseFileBytes } from "./parse";
import { IngestStore } from "./store";

const NOW = Date.parse("2026-06-01T00:00:00Z");
let sb: StoreSandbox;
let otherDb: TestStore;
let other: Store;
beforeEach(async () => {
  sb = await makeStoreSandbox();
  otherDb = await openTestStore();
  other = otherDb.store;
});
afterEach(async () => {
  await otherDb.cleanup();
  await sb.cleanup();
});

function identity(kind: "sessions" | "interactions"): DiscoveredFile {
  const name = `${kind}.json`;
  return {
    kind,
    copyKind: "primary",
    copyOf: null,
    label: null,
    absPath: `/nowhere/dev/${name}`,
    relPath: `dev/${name}`,
    dirRelPath: "dev",
    developer: "dev",
    subPath: "",
    name,
    size: 1,
    mtimeMs: 1,
  };
}

function interactions(n: number, tag: string): Buffer {
  const rows = Array.from({ length: n }, (_, i) => ({
    session_id: `s${i % 7}`,
    timestamp: `2026-05-01T10:${String(i % 60).padStart(2, "0")}:00+00:00`,
    prompt: `${tag} prompt ${i}`,
    effectiveness_rating: (i % 5) + 1,
  }));
  return Buffer.from(JSON.stringify(rows));
}

function sessions(n: number, tag: string): Buffer {
  const map: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    map[`s${i}`] = {
      id: `s${i}`,
      session_name: `${tag} ${i}`,
      task_type: "debugging",
      start_time: "2026-05-01T10:00:00+00:00",
      end_time: "2026-05-01T11:00:00+00:00",
      status: "completed",
      initial_estimate_minutes: 60,
    };
  }
  return Buffer.from(JSON.stringify(map));
}

/** Applies `bytes` as the file of `kind` on `db` in steps of `step` records; counts event-loop turns. */
async function apply(db: Store, kind: "sessions" | "interactions", bytes: Buffer, step: number) {
  const store = new IngestStore(db);
  const f = identity(kind);
  const parsed = parseFileBytes(kind, bytes, NOW);
  if (!parsed.ok) throw new Error(parsed.error);
  const existing = (await store.listFiles()).get(f.relPath);
  let turns = 0;
  let ticking = true;
  const tick = () => {
    if (!ticking) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await applyInSteps(
    store,
    f,
    parsed.contribution,
    parsed.skipped,
    { size: bytes.length, mtimeMs: 1, hash: `h${bytes.length}`, nowMs: NOW },
    async () => existing ?? store.createFile(f, bytes.length, 1, NOW),
    step,
  );
  ticking = false;
  return { result, turns };
}

describe("stepwise apply", () => {
  it("yields between steps and ends in the one-transaction state (interactions: add, keep, release)", async () => {
    const first = interactions(1000, "a");
    // The second version keeps half, drops half and adds new ones (and duplicates a record).
    const second = Buffer.from(
      JSON.stringify([
        ...(JSON.parse(first.toString()) as unknown[]).slice(0, 500),
        ...(JSON.parse(interactions(700, "b").toString()) as unknown[]),
        (JSON.parse(first.toString()) as unknown[])[3],
      ]),
    );
    const stepped1 = await apply(sb.store, "interactions", first, 100);
    expect(stepped1.turns).toBeGreaterThanOrEqual(9);
    expect(await holdingViolations(sb.store)).toEqual([]);
    const stepped2 = await apply(sb.store, "interactions", second, 100);
    expect(stepped2.turns).toBeGreaterThanOrEqual(11);
    const whole1 = await apply(other, "interactions", first, Number.POSITIVE_INFINITY);
    // One transaction on SQLite runs without a turn of the event loop; PostgreSQL's statements are I/O,
    // during which the loop turns anyway.
    if (other.dialect === "sqlite") expect(whole1.turns).toBe(0);
    await apply(other, "interactions", second, Number.POSITIVE_INFINITY);

    expect(await holdingViolations(sb.store)).toEqual([]);
    expect(await totalsViolations(sb.store)).toEqual([]);
    expect(stepped2.result?.records).toBe(1201);
    expect(await comparable(sb.store)).toEqual(await comparable(other));
  });

  it("sessions in steps: same rows as one transaction, vanished sessions removed at the end", async () => {
    await apply(sb.store, "sessions", sessions(300, "a"), 40);
    const stepped = await apply(sb.store, "sessions", sessions(250, "b"), 40);
    expect(stepped.turns).toBeGreaterThanOrEqual(6);
    await apply(other, "sessions", sessions(300, "a"), Number.POSITIVE_INFINITY);
    await apply(other, "sessions", sessions(250, "b"), Number.POSITIVE_INFINITY);
    expect(await comparable(sb.store)).toEqual(await comparable(other));
    expect(await sb.store.get("SELECT count(*) AS n FROM sessions")).toEqual({ n: 250 });
  });

  it("stops (consistently) when another writer takes the file over between steps", async () => {
    const store = new IngestStore(sb.store);
    const f = identity("interactions");
    const bytes = interactions(1000, "a");
    const parsed = parseFileBytes("interactions", bytes, NOW);
    if (!parsed.ok) throw new Error(parsed.error);
    const file = await store.transaction(() => store.createFile(f, bytes.length, 1, NOW));
    // The other writer marks the file as its own after our first step.
    setImmediate(() => void store.transaction(() => store.markApplying(file, "applying:someone-else")));
    const result = await applyInSteps(
      store,
      f,
      parsed.contribution,
      parsed.skipped,
      { size: bytes.length, mtimeMs: 1, hash: "h", nowMs: NOW },
      async () => file,
      100,
    );
    expect(result).toBeNull();
    expect(await holdingViolations(sb.store)).toEqual([]);
    expect(await totalsViolations(sb.store)).toEqual([]);
  });
});

/** The data tables without ids that depend on insertion order across runs. */
async function comparable(db: Store): Promise<string> {
  const snap = JSON.parse(await snapshotRows(db)) as Record<string, unknown>[][];
  // source_files (hash/ids), file_holdings (ids), ingest_runs differ by construction: compare the data.
  const q = (sql: string) => db.all(sql);
  return JSON.stringify({
    sessions: await q(
      "SELECT session_id, session_name, start_ms, end_ms, duration_minutes, versions_count FROM sessions ORDER BY session_id",
    ),
    interactions: await q(
      "SELECT session_id, timestamp, prompt, effectiveness_rating, holders FROM interactions ORDER BY session_id, timestamp, prompt",
    ),
    totals: await q("SELECT * FROM session_interaction_totals ORDER BY 1, 2"),
    tables: snap.length,
  });
}
