/**
 * Ship rates from the recorder's git evidence, per developer / project / model / task type, and the
 * sessions whose self-reported outcome git contradicts. Files written by hand in the recorder's shape;
 * every expected figure is worked out by hand in the comments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SHIP_RATES_CSV_COLUMNS, shipRatesCsvRows, shipRatesResponse } from "@/lib/api/responses/ship-rates";
import type { Store } from "@/lib/db/store";
import { parseFilters } from "@/lib/filters";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { getShipRates } from "./get-ship-rates";

const NOW = Date.UTC(2026, 3, 1);
let env: StoreEnv;
beforeEach(async () => {
  env = await makeStoreEnv();
});
afterEach(() => env.cleanup());

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

type Shipped = "merged" | "reverted" | "unmerged" | "pending";
/** A commit with `added`/`removed` lines and its status; merged ones merged `mergeAfterH` after the session end. */
const commit = (
  n: number,
  added: number,
  removed: number,
  status: Shipped,
  endMs: number,
  mergeAfterH = 0,
) => ({
  sha: String(n).padStart(40, "a"),
  committed_at: iso(endMs - 600_000),
  files_changed: 1,
  lines_added: added,
  lines_removed: removed,
  patch_id: null,
  shipped: {
    status,
    ...(status === "merged" || status === "reverted"
      ? { via: "ancestry", merged_at: iso(endMs + mergeAfterH * H) }
      : {}),
    ...(status === "reverted" ? { reverted_by: "f".repeat(40), reverted_at: iso(endMs + 30 * H) } : {}),
    checked_at: iso(NOW),
  },
});

function session(
  id: string,
  day: number,
  outcome: string,
  extra: { git?: unknown },
  who: { project: string; model: string; task: string },
) {
  const start = Date.UTC(2026, 2, day, 9);
  return {
    id,
    session_name: id,
    task_type: who.task,
    context: "",
    start_time: iso(start),
    model_name: who.model,
    initial_estimate_minutes: 60,
    estimate_source: "manual",
    final_estimate_minutes: 30,
    status: "completed",
    execution_context: "foreground",
    end_time: iso(start + H),
    outcome,
    notes: "",
    total_interactions: 0,
    avg_effectiveness: 0,
    code_metrics: [],
    developer: "",
    project: who.project,
    ...extra,
  };
}

function write(dev: string, sessions: ReturnType<typeof session>[]) {
  const dir = path.join(env.root, dev);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "sessions.json"),
    JSON.stringify(Object.fromEntries(sessions.map((s) => [s.id, s]))),
  );
}

const ctx = { state: "ok", repository_id: "github.com/acme/api", captured_at: iso(NOW) };
const endOf = (day: number) => Date.UTC(2026, 2, day, 10);
const ana = { project: "api", model: "m1", task: "code_generation" };
const bo = { project: "web", model: "m2", task: "debugging" };
/** Bo's file, with B1's commit in state `b1` (a later `outcomes` run rewrites it: unmerged → merged). */
const BO_SESSIONS = (b1: Shipped) => [
  // B1 success, still unmerged after the window: a disagreement; decided, not shipped.
  session("b1", 2, "success", { git: { start: ctx, commits: [commit(5, 4, 4, b1, endOf(2))] } }, bo),
  // B2 partial, pending: committed but not decided yet.
  session("b2", 3, "partial", { git: { start: ctx, commits: [commit(6, 1, 0, "pending", endOf(3))] } }, bo),
];

beforeEach(async () => {
  write("ana", [
    // A1 success, shipped: 10+2 and 5+0 lines merged 2 h after the end → 17 lines shipped, 2 h.
    session(
      "a1",
      2,
      "success",
      {
        git: {
          start: ctx,
          commits: [commit(1, 10, 2, "merged", endOf(2), 1), commit(2, 5, 0, "merged", endOf(2), 2)],
        },
      },
      ana,
    ),
    // A2 failed but shipped: 3+1 lines merged 4 h after the end.
    session(
      "a2",
      3,
      "failed",
      { git: { start: ctx, commits: [commit(3, 3, 1, "merged", endOf(3), 4)] } },
      ana,
    ),
    // A3 success, reverted: a disagreement; decided, not shipped.
    session(
      "a3",
      4,
      "success",
      { git: { start: ctx, commits: [commit(4, 7, 0, "reverted", endOf(4), 1)] } },
      ana,
    ),
    // A4 success with evidence but no commits; A5 without any git evidence (an upstream record).
    session("a4", 5, "success", { git: { start: ctx, commits: [] } }, ana),
    session("a5", 6, "success", {}, ana),
  ]);
  write("bo", BO_SESSIONS("unmerged"));
  await ingest(env, NOW);
});

describe("ship rates", () => {
  it("per developer and in total", async () => {
    const r = await getShipRates({
      db: env.store,
      filters: parseFilters({ range: "all" }),
      nowMs: NOW,
      group: "developer",
    });
    // ana: 5 sessions, 4 with evidence, 3 committed, 2 shipped of 3 decided; 17 + 4 = 21 lines shipped of
    // 12 + 5 + 4 + 7 = 28 changed; hours to merge 2 (A1's last merge) and 4 → median 3; 2 disagreements.
    expect(r.rows.find((x) => x.key === "ana")).toEqual({
      key: "ana",
      sessions: 5,
      sessionsWithEvidence: 4,
      sessionsCommitted: 3,
      sessionsDecided: 3,
      sessionsShipped: 2,
      shipRate: 2 / 3,
      linesChanged: 28,
      linesShipped: 21,
      medianHoursToMerge: 3,
      successNotShipped: 1,
      failedButShipped: 1,
    });
    // bo: 2 sessions, both committed, 1 decided (B1), none shipped → rate 0; 9 lines changed, none shipped.
    expect(r.rows.find((x) => x.key === "bo")).toEqual({
      key: "bo",
      sessions: 2,
      sessionsWithEvidence: 2,
      sessionsCommitted: 2,
      sessionsDecided: 1,
      sessionsShipped: 0,
      shipRate: 0,
      linesChanged: 9,
      linesShipped: 0,
      medianHoursToMerge: null,
      successNotShipped: 1,
      failedButShipped: 0,
    });
    expect(r.total).toMatchObject({
      key: "all",
      sessions: 7,
      sessionsCommitted: 5,
      sessionsDecided: 4,
      sessionsShipped: 2,
      shipRate: 0.5,
      linesShipped: 21,
      medianHoursToMerge: 3,
    });
  });

  it("per task type, with a filter", async () => {
    const r = await getShipRates({
      db: env.store,
      filters: parseFilters({ range: "all", project: "api" }),
      nowMs: NOW,
      group: "task_type",
    });
    expect(r.rows.map((x) => [x.key, x.sessionsShipped, x.shipRate])).toEqual([
      ["code_generation", 2, 2 / 3],
    ]);
  });

  it("lists the disagreements, newest first", async () => {
    const r = await getShipRates({
      db: env.store,
      filters: parseFilters({ range: "all" }),
      nowMs: NOW,
      group: "developer",
    });
    expect(r.disagreements.map((d) => [d.developer, d.sessionId, d.outcome, d.kind])).toEqual([
      ["ana", "a3", "success", "success_not_shipped"],
      ["ana", "a2", "failed", "failed_but_shipped"],
      ["bo", "b1", "success", "success_not_shipped"],
    ]);
  });

  it("the API body fits its documented schema; the CSV rows follow its columns", async () => {
    const filters = parseFilters({ range: "all" });
    const rates = await getShipRates({ db: env.store, filters, nowMs: NOW, group: "model" });
    const body = shipRatesResponse.schema.parse(shipRatesResponse.toDto({ filters, rates }));
    expect(body.rows.map((r) => [r.key, r.sessions_shipped, r.lines_shipped])).toEqual([
      ["m1", 2, 21],
      ["m2", 0, 0],
    ]);
    expect(body.disagreements[0]).toMatchObject({
      developer: "ana",
      session_id: "a3",
      kind: "success_not_shipped",
    });
    expect(SHIP_RATES_CSV_COLUMNS[0]).toBe("key");
    expect(shipRatesCsvRows(rates)[0]).toEqual(SHIP_RATES_CSV_COLUMNS.map((c) => body.rows[0]?.[c]));
  });

  it("a developer's changed git evidence moves the figures: no cached part outlives the change", async () => {
    const groups = ["developer", "project", "model", "task_type"] as const;
    const figures = async (db: Store) =>
      Promise.all(
        groups.map((group) =>
          getShipRates({ db, filters: parseFilters({ range: "all" }), nowMs: NOW, group }),
        ),
      );
    const before = await figures(env.store);
    expect(before[0]?.total.sessionsShipped).toBe(2);
    // Only B1's shipped state changes (unmerged → merged 0 h after the end): the session row's columns
    // stay the same, only the git evidence in its record moves.
    write("bo", BO_SESSIONS("merged"));
    await ingest(env, NOW + 60_000);
    const after = await figures(env.store);
    // bo: B1 shipped now (4 + 4 lines, 0 h to merge); no disagreement left for bo.
    expect(after[0]?.rows.find((x) => x.key === "bo")).toMatchObject({
      sessionsDecided: 1,
      sessionsShipped: 1,
      shipRate: 1,
      linesShipped: 8,
      medianHoursToMerge: 0,
      successNotShipped: 0,
    });
    // ana's rows are as before; the total moves: 3 of 4 decided shipped, hours 0, 2, 4 → median 2.
    expect(after[0]?.rows.find((x) => x.key === "ana")).toEqual(before[0]?.rows.find((x) => x.key === "ana"));
    expect(after[0]?.total).toMatchObject({
      sessionsShipped: 3,
      shipRate: 0.75,
      linesShipped: 29,
      medianHoursToMerge: 2,
    });
    for (const r of after) expect(r.disagreements.map((d) => d.sessionId)).toEqual(["a3", "a2"]);
    expect(after[2]?.rows.find((x) => x.key === "m2")?.sessionsShipped).toBe(1);
    // Another connection (no cache of this one's) reads the same figures.
    const fresh = await env.another();
    expect(JSON.stringify(after)).toBe(JSON.stringify(await figures(fresh)));
  });
});
