import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  type Interaction,
  type Issue,
  parseTrackerFile,
  type Session,
  timestampToEpochMs,
} from "ai-session-tracker-mcp/contract";
import {
  calculateEffectivenessDistribution,
  calculateEstimationAccuracy,
  calculateOutcomeWeightedRoi,
  calculateRoiMetrics,
  calculateSessionGaps,
  computeRequestStats,
  computeTokenStats,
  summarizeIssues,
} from "ai-session-tracker-mcp/stats";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DashboardFilters, parseFilters, resolveWindow } from "@/lib/filters";
import { ALL_MESS, makeTeamFolder, type TeamFolderManifest } from "@/scripts/make-team-folder";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { teamRoi } from "@/test-support/team-roi";
import { getEstimationAccuracy } from "./get-estimation-accuracy";
import { getIssues } from "./get-issues";
import { getKpis } from "./get-kpis";
import { getBreakdown, getReport } from "./get-report";
import { getRequestStats } from "./get-request-stats";
import { getSessionDetail } from "./get-session-detail";
import { getWeeklyTrend } from "./get-trend";
import { listSessions, sessionTableParamsSchema } from "./list-sessions";

const NOW = Date.UTC(2026, 5, 1);
let env: StoreEnv;
let manifest: TeamFolderManifest;

beforeEach(async () => {
  env = await makeStoreEnv();
  manifest = makeTeamFolder({
    root: env.root,
    seed: 11,
    developers: 4,
    sessionsPerDeveloper: 40,
    interactionsPerSession: 3,
    now: new Date(NOW),
    mess: ALL_MESS,
  });
  await ingest(env, NOW);
});
afterEach(() => env.cleanup());

interface Truth {
  dev: string;
  sessions: Session[];
  interactions: Interaction[];
  issues: Issue[];
}

/** The generator's truth per developer, through the contract. */
function truth(): Truth[] {
  return manifest.developers.map((d) => ({
    dev: d.name,
    sessions: parseTrackerFile("sessions", d.sessions).records,
    interactions: parseTrackerFile("interactions", d.interactions).records,
    issues: parseTrackerFile("issues", d.issues).records,
  }));
}

/** Applies the filters to the truth rows the way the dashboards define them. */
function select(f: DashboardFilters, t: Truth[]): Truth[] {
  const w = resolveWindow(f, NOW);
  return t
    .filter((d) => !f.developer || d.dev === f.developer)
    .map((d) => {
      const sessions = d.sessions.filter((s) => {
        const ms = timestampToEpochMs(s.start_time);
        if (w && (ms === null || ms < w.fromMs || ms >= w.toMs)) return false;
        if (f.model && s.model_name !== f.model) return false;
        if (f.task && s.task_type !== f.task) return false;
        return true;
      });
      const ids = new Set(sessions.map((s) => s.id));
      const narrowed = Boolean(w || f.model || f.task);
      return {
        dev: d.dev,
        sessions,
        interactions: narrowed ? d.interactions.filter((i) => ids.has(i.session_id)) : d.interactions,
        issues: narrowed ? d.issues.filter((i) => ids.has(i.session_id)) : d.issues,
      };
    });
}

const ALL = parseFilters({ range: "all" });

describe("dashboards over a generated team folder (every kind of mess)", () => {
  it("each developer's figures equal the upstream report of that folder", async () => {
    for (const d of truth()) {
      const r = await getReport({ db: env.store, filters: { ...ALL, developer: d.dev }, nowMs: NOW });
      expect(r.roi, d.dev).toEqual(calculateRoiMetrics(d.sessions, d.interactions));
      const gaps = calculateSessionGaps(d.sessions);
      expect(r.gaps.byDeveloper[0]?.friction_indicators).toEqual(gaps.friction_indicators);
      expect(r.gaps.by_classification).toEqual(gaps.summary.by_classification);
      expect(r.gaps.average_gap_minutes).toBe(gaps.summary.average_gap_minutes);
      expect(r.effectiveness.distribution).toEqual(calculateEffectivenessDistribution(d.interactions));
      expect(r.tokens).toEqual(computeTokenStats(d.interactions));
      expect(r.outcomeRoi).toEqual(calculateOutcomeWeightedRoi(d.sessions));
      expect(r.sessions).toBe(d.sessions.length);
    }
  });

  it("team figures are over the union, with gaps per developer", async () => {
    const t = truth();
    const r = await getReport({ db: env.store, filters: ALL, nowMs: NOW });
    const union = calculateRoiMetrics(
      t.flatMap((d) => d.sessions),
      t.flatMap((d) => d.interactions),
    );
    expect(r.roi).toEqual(teamRoi(t));
    expect(r.roi.time_metrics).toEqual(union.time_metrics);
    expect({ ...r.roi.cost_metrics, productivity_multiplier: 0 }).toEqual({
      ...union.cost_metrics,
      productivity_multiplier: 0,
    });
    expect(r.gaps.total_gaps).toBe(
      t.reduce((a, d) => a + calculateSessionGaps(d.sessions).summary.total_gaps, 0),
    );
    expect(r.gaps.byDeveloper).toHaveLength(t.length);
    const all = t.flatMap((d) => d.interactions);
    expect(r.tokens).toEqual(computeTokenStats(all));
    expect(r.outcomeRoi).toEqual(calculateOutcomeWeightedRoi(t.flatMap((d) => d.sessions)));
    const issues = await getIssues({ db: env.store, filters: ALL, nowMs: NOW });
    expect(issues.summary.total).toBe(summarizeIssues(t.flatMap((d) => d.issues)).total);
    expect(issues.summary.by_severity).toEqual(
      expect.objectContaining(summarizeIssues(t.flatMap((d) => d.issues)).by_severity),
    );
    const requests = manifest.developers.flatMap((d) => parseTrackerFile("requests", d.requests).records);
    const rs = await getRequestStats({ db: env.store, filters: ALL, nowMs: NOW });
    const expected = computeRequestStats(requests);
    expect({ ...rs, by_type: {}, by_model: {} }).toEqual({ ...expected, by_type: {}, by_model: {} });
    expect(rs.by_model).toEqual(expect.objectContaining(expected.by_model));
  });

  it("filters (30 days, a model, a task type, a developer) change every figure correctly", async () => {
    const t = truth();
    const first = t[0]?.sessions[0];
    if (!first) throw new Error("no sessions generated");
    for (const q of [
      { range: "30d" },
      { range: "7d" },
      { range: "90d", model: first.model_name },
      { range: "all", task: "debugging" },
      { range: "30d", developer: t[1]?.dev },
      { range: "all" },
      { range: "all", developer: t[2]?.dev },
    ]) {
      const f = parseFilters(q);
      const sel = select(f, t);
      const r = await getReport({ db: env.store, filters: f, nowMs: NOW });
      expect(r.roi, JSON.stringify(q)).toEqual(teamRoi(sel));
      expect(r.sessions).toBe(sel.reduce((a, d) => a + d.sessions.length, 0));
      expect(r.tokens).toEqual(computeTokenStats(sel.flatMap((d) => d.interactions)));
      const issues = await getIssues({ db: env.store, filters: f, nowMs: NOW });
      expect(issues.summary.total).toBe(sel.reduce((a, d) => a + d.issues.length, 0));
      // By the session's model and task type: issues without a session record in scope have neither.
      const byModel = new Map<string, number>();
      const byTask = new Map<string, number>();
      for (const d of sel) {
        const of = new Map(d.sessions.map((s) => [s.id, s]));
        for (const i of d.issues) {
          const s = of.get(i.session_id);
          if (!s) continue;
          byModel.set(s.model_name, (byModel.get(s.model_name) ?? 0) + 1);
          byTask.set(s.task_type, (byTask.get(s.task_type) ?? 0) + 1);
        }
      }
      const asMap = (rows: { key: string; count: number }[]) => new Map(rows.map((r) => [r.key, r.count]));
      expect(asMap(issues.byModel)).toEqual(byModel);
      expect(asMap(issues.byTaskType)).toEqual(byTask);
      const acc = await getEstimationAccuracy({ db: env.store, filters: f, nowMs: NOW });
      const direct = calculateEstimationAccuracy(sel.flatMap((d) => d.sessions));
      expect(acc.overall.sessions_considered).toBe(direct.sessions_considered);
      expect(acc.overall.initial_to_actual.median).toBeCloseTo(direct.initial_to_actual.median ?? 0, 9);
      expect(acc.overall.final_to_actual.mean ?? 0).toBeCloseTo(direct.final_to_actual.mean ?? 0, 9);
      // The Overview's overall-only path (sorted reads instead of window functions) gives the same figures.
      const overall = (
        await getEstimationAccuracy({
          db: env.store,
          filters: f,
          nowMs: NOW,
          breakdowns: false,
        })
      ).overall;
      expect(overall.sessions_considered).toBe(direct.sessions_considered);
      expect(overall.with_both_estimates).toBe(direct.with_both_estimates);
      for (const k of ["initial_to_actual", "final_to_actual"] as const) {
        expect(overall[k].count).toBe(direct[k].count);
        expect(overall[k].median ?? -1).toBeCloseTo(direct[k].median ?? -1, 9);
        expect(overall[k].mean ?? -1).toBeCloseTo(direct[k].mean ?? -1, 9);
      }
      expect(overall.initial_vs_final_mape_pct ?? -1).toBeCloseTo(direct.initial_vs_final_mape_pct ?? -1, 9);
    }
  });

  it("issues without a session record count in the summary but under no model or task type", async () => {
    const dir = path.join(env.root, "orphan-dev");
    mkdirSync(dir, { recursive: true });
    const start = new Date(NOW - 86_400_000).toISOString();
    writeFileSync(
      path.join(dir, "sessions.json"),
      JSON.stringify({
        s1: {
          id: "s1",
          session_name: "s",
          task_type: "testing",
          model_name: "m-x",
          start_time: start,
          status: "active",
        },
      }),
    );
    const issue = (session_id: string) => ({
      session_id,
      timestamp: start,
      issue_type: "hallucination",
      description: `about ${session_id}`,
      severity: "high",
      resolved: false,
    });
    writeFileSync(path.join(dir, "issues.json"), JSON.stringify([issue("s1"), issue("gone")]));
    await ingest(env, NOW);
    const all = await getIssues({
      db: env.store,
      filters: parseFilters({ range: "all", developer: "orphan-dev" }),
      nowMs: NOW,
    });
    expect(all.summary.total).toBe(2);
    expect(all.byModel).toEqual([{ key: "m-x", count: 1 }]);
    expect(all.byTaskType).toEqual([{ key: "testing", count: 1 }]);
    const week = await getIssues({
      db: env.store,
      filters: parseFilters({ range: "7d", developer: "orphan-dev" }),
      nowMs: NOW,
    });
    expect(week.summary.total).toBe(1);
  });

  it("KPIs compare with the previous period of equal length", async () => {
    const k = await getKpis({ db: env.store, filters: parseFilters({ range: "30d" }), nowMs: NOW });
    expect(k.previousWindow).toEqual({ fromMs: NOW - 60 * 86_400_000, toMs: NOW - 30 * 86_400_000 });
    const prev = await getReport({
      db: env.store,
      filters: parseFilters({ range: "custom", from: "2026-04-02", to: "2026-05-01" }),
      nowMs: NOW,
    });
    expect(k.previous?.costSaved).toBe(prev.roi.cost_metrics.cost_saved);
    expect((await getKpis({ db: env.store, filters: ALL, nowMs: NOW })).previous).toBeNull();
  });

  it("per-developer breakdown equals each developer's own report", async () => {
    const rows = await getBreakdown({ db: env.store, filters: ALL, nowMs: NOW, group: "developer" });
    for (const d of truth()) {
      expect(rows.find((r) => r.key === d.dev)?.roi).toEqual(calculateRoiMetrics(d.sessions, d.interactions));
    }
    const weeks = await getWeeklyTrend({
      db: env.store,
      filters: parseFilters({ range: "90d" }),
      nowMs: NOW,
    });
    const inRange = select(parseFilters({ range: "90d" }), truth()).reduce(
      (a, d) => a + d.sessions.length,
      0,
    );
    expect(weeks.reduce((a, w) => a + w.sessions, 0)).toBe(inRange);
    expect(weeks.length).toBeGreaterThanOrEqual(13);
  });

  it("sessions table paginates and sorts in SQL; detail shows the session's own figures", async () => {
    const params = sessionTableParamsSchema.parse({
      page: "2",
      sort: "duration",
      dir: "asc",
      pageSize: "10",
    });
    const page = await listSessions({ db: env.store, filters: ALL, nowMs: NOW, params });
    const total = truth().reduce((a, d) => a + d.sessions.length, 0);
    expect(page.total).toBe(total);
    expect(page.rows).toHaveLength(10);
    const durations = page.rows.map((r) => r.durationMinutes);
    expect(durations).toEqual([...durations].sort((a, b) => a - b));
    const firstPage = await listSessions({
      db: env.store,
      filters: ALL,
      nowMs: NOW,
      params: { ...params, page: 1 },
    });
    expect(Math.max(...firstPage.rows.map((r) => r.durationMinutes))).toBeLessThanOrEqual(durations[0] ?? 0);

    const row = page.rows[0];
    if (!row) throw new Error("no row");
    const detail = await getSessionDetail({ db: env.store, id: row.id });
    const d = truth().find((x) => x.dev === row.developer);
    const s = d?.sessions.find((x) => x.id === row.sessionId);
    const mine = d?.interactions.filter((i) => i.session_id === row.sessionId) ?? [];
    expect(s).toBeDefined();
    expect(detail.session.id).toBe(row.sessionId);
    expect(detail.interactions).toHaveLength(mine.length);
    expect(detail.roi).toEqual(calculateRoiMetrics(s ? [s] : [], mine));
    expect(detail.tokens).toEqual(computeTokenStats(mine));
    await expect(getSessionDetail({ db: env.store, id: 999_999 })).rejects.toThrow(/No such session/);
  });
});
