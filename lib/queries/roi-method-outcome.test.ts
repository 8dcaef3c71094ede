/**
 * The ROI method's outcome signal (issue 15): self-report vs git's shipped verdict, on one developer's
 * hand-written sessions (each 30 min long, estimate 60 min = 1 h; upstream 130 USD/h, full engagement,
 * partial weight 0.5). Every expected figure is worked out by hand in the comments.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { methodDto } from "@/lib/api/responses/summary";
import { parseFilters } from "@/lib/filters";
import { updatePortalSettings } from "@/lib/settings";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { getMethodSettings, getRoiMethod } from "./get-roi-method";

const NOW = Date.UTC(2026, 3, 1);
const at = (day: number, min = 0) => new Date(Date.UTC(2026, 2, day, 9, min)).toISOString();
let env: StoreEnv;

/** A commit of `lines` added lines in `status` (merged/reverted carry a merge time). */
const commit = (sha: string, lines: number, status: string) => ({
  sha: sha.repeat(40),
  committed_at: at(1),
  files_changed: 1,
  lines_added: lines,
  lines_removed: 0,
  patch_id: null,
  shipped: { status, ...(status === "pending" ? {} : { merged_at: at(2) }), checked_at: at(20) },
});

/** A 30-minute completed session on `day` with a 60-minute estimate. */
const record = (id: string, day: number, outcome: string, commits?: unknown[]) => ({
  id,
  session_name: id,
  task_type: "code_generation",
  context: "",
  start_time: at(day),
  end_time: at(day, 30),
  model_name: "m1",
  initial_estimate_minutes: 60,
  final_estimate_minutes: 60,
  estimate_source: "manual",
  status: "completed",
  execution_context: "foreground",
  outcome,
  notes: "",
  total_interactions: 0,
  avg_effectiveness: 0,
  code_metrics: [],
  developer: "",
  project: "api",
  ...(commits ? { git: { start: { state: "ok", captured_at: at(day) }, commits } } : {}),
});

beforeEach(async () => {
  env = await makeStoreEnv();
  const sessions = [
    record("s1", 2, "success", [commit("1", 10, "merged")]), // git: shipped → success
    record("s2", 3, "failed", [commit("2", 10, "merged")]), // git: shipped → success (self: failed)
    record("s3", 4, "success", [commit("3", 10, "unmerged")]), // git: unmerged → failed
    record("s4", 5, "partial", [commit("4", 10, "pending")]), // pending → self-report (partial)
    record("s5", 6, "success"), // no evidence → self-report (success)
    // shipped 30 of 40 lines → 0.75 success + 0.25 failed
    record("s6", 7, "success", [commit("5", 30, "merged"), commit("6", 10, "reverted")]),
  ];
  const dir = path.join(env.root, "ana");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "sessions.json"),
    JSON.stringify(Object.fromEntries(sessions.map((s) => [s.id, s]))),
  );
  await ingest(env);
});
afterEach(() => env.cleanup());

const view = async () =>
  await getRoiMethod({
    db: env.store,
    filters: parseFilters({ range: "all" }),
    nowMs: NOW,
    method: await getMethodSettings({ db: env.store }),
  });

describe("ROI method outcome signal", () => {
  it("self-report by default: the figures of a method without the setting, every session by its report", async () => {
    expect((await getMethodSettings({ db: env.store })).outcomeSignal).toBe("self_report");
    const v = await view();
    const { outcomeSignal: _, ...settings } = await getMethodSettings({ db: env.store });
    const without = await getRoiMethod({
      db: env.store,
      filters: parseFilters({ range: "all" }),
      nowMs: NOW,
      method: settings,
    });
    expect({ ...v, outcomeSignal: null }).toEqual({ ...without, outcomeSignal: null });
    expect(v.outcomeSignal).toEqual({ signal: "self_report", fromGit: 0, selfReport: 6 });
    // valued s1 s3 s5 s6 = 4 h, partial s4 1 h, failed s2 1 h; sessions 6 × 0.5 h = 3 h.
    expect(v.expected).toMatchObject({
      successHours: 4,
      partialHours: 1,
      failedHours: 1,
      deliveredHours: 4.5,
    });
    expect(v.expected).toMatchObject({ developerHours: 3, hoursSaved: 1.5, valueUsd: 195 });
    // conservative: partial at 0.25 → 4.25 delivered, 1.25 saved, 162.50 USD.
    expect(v.conservative).toMatchObject({ deliveredHours: 4.25, hoursSaved: 1.25, valueUsd: 162.5 });
  });

  it("shipped: git's verdict where decided (shipped share of lines), self-report for pending and no evidence", async () => {
    const before = await view();
    await updatePortalSettings({ db: env.store, patch: { outcomeSignal: "shipped" } });
    const v = await view();
    expect(v.outcomeSignal).toEqual({ signal: "shipped", fromGit: 4, selfReport: 2 });
    // valued s1 + s2 + s5 + 0.75 × s6 = 3.75 h; partial s4 1 h; failed s3 + 0.25 × s6 = 1.25 h.
    expect(v.expected).toMatchObject({ successHours: 3.75, partialHours: 1, failedHours: 1.25 });
    // delivered 3.75 + 0.5 = 4.25, saved 4.25 − 3 = 1.25 h, value 1.25 × 130 = 162.50.
    expect(v.expected).toMatchObject({ deliveredHours: 4.25, hoursSaved: 1.25, valueUsd: 162.5 });
    // conservative: 3.75 + 0.25 = 4.00 delivered, 1.00 saved, 130 USD.
    expect(v.conservative).toMatchObject({ deliveredHours: 4, hoursSaved: 1, valueUsd: 130 });
    // Counted sessions, session time and spend do not depend on the signal.
    expect(v.byOutcome).toEqual({ success: 4, partial: 1, failed: 1, other: 0 });
    expect([v.sessions, v.aiHours, v.spend]).toEqual([before.sessions, before.aiHours, before.spend]);
    expect(methodDto(v).outcome_signal).toEqual({ signal: "shipped", from_git: 4, self_report: 2 });
    // Back to the default: the first figures again.
    await updatePortalSettings({ db: env.store, patch: { outcomeSignal: "self_report" } });
    expect(await view()).toEqual(before);
  });

  it("the setting takes only its two values", async () => {
    (
      await expect(updatePortalSettings({ db: env.store, patch: { outcomeSignal: "git" } }))
    ).rejects.toThrow();
    expect((await getMethodSettings({ db: env.store })).outcomeSignal).toBe("self_report");
  });
});
