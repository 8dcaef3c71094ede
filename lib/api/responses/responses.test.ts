import { writeFileSync } from "node:fs";
import path from "node:path";
import { type Assumptions, DEFAULT_PRICE_ROWS } from "ai-session-tracker-mcp/stats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";
import { listUsers } from "@/lib/auth/user-admin";
import { upsertUser } from "@/lib/auth/users";
import { storeOf } from "@/lib/db/sqlite-store";
import type { DashboardFilters } from "@/lib/filters";
import { ingestPush, pushPayloadSchema } from "@/lib/ingest/push";
import { getAssumptions } from "@/lib/queries/get-assumptions";
import { getChargeback } from "@/lib/queries/get-chargeback";
import { getComparison } from "@/lib/queries/get-comparison";
import { getFilterOptions } from "@/lib/queries/get-filter-options";
import { getFriction } from "@/lib/queries/get-friction";
import { getIssues } from "@/lib/queries/get-issues";
import { getKpis } from "@/lib/queries/get-kpis";
import { getPeriodCompare } from "@/lib/queries/get-period-compare";
import { getBreakdown, getReport } from "@/lib/queries/get-report";
import { getRequestStats } from "@/lib/queries/get-request-stats";
import { getMethodSettings, getRoiMethod } from "@/lib/queries/get-roi-method";
import { getSessionDetail } from "@/lib/queries/get-session-detail";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { listInteractions } from "@/lib/queries/list-interactions";
import { listIssues } from "@/lib/queries/list-issues";
import { listSessions } from "@/lib/queries/list-sessions";
import { listUsage, usageListParamsSchema } from "@/lib/queries/list-usage";
import { getPortalSettings } from "@/lib/settings";
import { interactionRecord, sessionRecord } from "@/test-support/ingest";
import { ingest, makeStoreEnv, placeWorkedExample, type StoreEnv } from "@/test-support/queries";
import { openApiDocument } from "../openapi";
import { createdTokenResponse, tokensResponse, usersResponse } from "./admin";
import { modelsResponse, projectsResponse, taskTypesResponse } from "./comparison";
import { chargebackResponse, ingestResponse } from "./data";
import type { ApiResponse } from "./define";
import { developerResponse, developersResponse } from "./developers";
import { documentResponse } from "./document";
import { interactionsResponse } from "./interactions";
import { issuesResponse } from "./issues";
import { projectResponse } from "./project";
import { requestsResponse } from "./requests";
import { sessionDetailResponse, sessionsResponse } from "./sessions";
import { settingsPatchFrom, settingsPatchSchema, settingsResponse } from "./settings";
import { sourcesResponse } from "./sources";
import { summaryResponse } from "./summary";
import { usageResponse } from "./usage";

/** The mapped body, after checking that the strict schema accepts it unchanged. */
function shaped<In, S extends z.ZodType>(r: ApiResponse<In, S>, input: In): z.output<S> {
  const body = r.toDto(input);
  expect(r.schema.parse(body)).toEqual(body);
  return body;
}

// Each response's mapping applied to a real loader's output over real ingested files, then parsed with
// its (strict) schema: a field the mapping adds, drops or mistypes against the document fails here.
describe("/api/v1 response bodies match their schemas", () => {
  let env: StoreEnv;
  const nowMs = Date.UTC(2026, 2, 10);
  const all: DashboardFilters = { range: "all" };
  let assumptions: Assumptions;
  const input = (filters: DashboardFilters = all) => ({ db: env.store, filters, nowMs, assumptions });
  beforeAll(async () => {
    env = await makeStoreEnv();
    placeWorkedExample(env.root, "alice");
    placeWorkedExample(env.root, "bob", "payments");
    // A file the contract refuses: the sources body carries its error.
    writeFileSync(path.join(env.root, "bob", "payments", "issues.json"), "{ not json");
    await ingest(env, nowMs);
    assumptions = await getAssumptions({ db: env.store });
  });
  afterAll(() => env.cleanup());

  it("sources", async () => {
    const body = shaped(sourcesResponse, await getSourcesStatus({ db: env.store, nowMs }));
    expect(() => sourcesResponse.schema.parse({ ...body, nowMs: body.now_ms })).toThrow(/nowMs/);
    expect(body.totals.files_with_errors).toBe(1);
    expect(body.sources.find((s) => s.developer === "bob")?.files.some((f) => f.last_error)).toBe(true);
  });

  it("summary, with upstream's roi block exactly as the stats package computed it", async () => {
    const filters: DashboardFilters = { range: "all", compare: "2026-01-01..2026-03-05" };
    const report = await getReport(input(filters));
    const compare = await getPeriodCompare(input(filters));
    if (!compare?.ok) throw new Error("compare range refused");
    const body = shaped(summaryResponse, {
      filters,
      assumptions: await getAssumptions({ db: env.store }),
      report,
      kpis: await getKpis({ ...input(filters), current: report }),
      method: await getRoiMethod({
        ...input(filters),
        method: await getMethodSettings({ db: env.store }),
      }),
      friction: await getFriction(input(filters)),
      compare,
    });
    expect(body.roi).toEqual(report.roi);
    expect(body.outcome_roi).toEqual(report.outcomeRoi);
    expect(body.gaps.by_developer.map((d) => d.developer).sort()).toEqual(["alice", "bob"]);
    expect(body.method.expected.hours_saved).toBeGreaterThan(0);
    expect(body.compare?.after.values.sessions).toBe(report.sessions);
    expect(body.kpis.sessions).toBe(report.sessions);
  });

  it("developers and one developer", async () => {
    const list = shaped(developersResponse, {
      filters: all,
      rows: await getBreakdown({ ...input(), group: "developer" }),
      withheld: { rows: 1, minGroupSize: 3, reason: "withheld (fewer than 3 people)" },
    });
    expect(list.withheld).toEqual({ rows: 1, min_group_size: 3, reason: "withheld (fewer than 3 people)" });
    expect(list.developers.map((d) => d.developer)).toEqual(["alice", "bob"]);
    const one: DashboardFilters = { range: "all", developer: "alice" };
    const report = await getReport(input(one));
    const body = shaped(developerResponse, {
      developer: "alice",
      filters: one,
      report,
      kpis: await getKpis({ ...input(one), current: report }),
    });
    expect(body.roi).toEqual(list.developers[0]?.roi);
  });

  it("projects, models and task types", async () => {
    const method = await getMethodSettings({ db: env.store });
    const sort = { sort: "sessions", dir: "desc" } as const;
    for (const [r, group, key] of [
      [projectsResponse, "project", "project"],
      [modelsResponse, "model", "model"],
      [taskTypesResponse, "task", "task_type"],
    ] as const) {
      const c = await getComparison({ ...input(), group, method });
      const body = shaped(r as ApiResponse<unknown>, {
        filters: all,
        sort,
        rows: c.rows,
        weeks: c.weeks,
      }) as {
        rows: Record<string, unknown>[];
      };
      expect(body.rows.length).toBeGreaterThan(0);
      expect(Object.keys(body.rows[0] ?? {})[0]).toBe(key);
    }
  });

  it("sessions page and session detail", async () => {
    const page = shaped(
      sessionsResponse,
      await listSessions({
        ...input(),
        params: { page: 1, pageSize: 5, sort: "start", dir: "desc" },
        maxSessionMinutes: 240,
      }),
    );
    expect(page.params.page_size).toBe(5);
    const id = page.rows[0]?.id ?? 0;
    const detail = shaped(
      sessionDetailResponse,
      await getSessionDetail({
        db: env.store,
        id,
        assumptions: await getAssumptions({ db: env.store }),
        nowMs,
        maxSessionMinutes: 240,
      }),
    );
    expect(detail.session.id).toBe(page.rows[0]?.session_id);
    expect(detail.interactions.length).toBeGreaterThan(0);
  });

  it("interactions, issues, requests and one project", async () => {
    const params = { page: 1, pageSize: 5, sort: "time", dir: "desc" } as const;
    const interactions = shaped(interactionsResponse, {
      filters: all,
      page: await listInteractions({ ...input(), params }),
    });
    expect(interactions.rows.length).toBe(5);
    expect(interactions.total).toBe((await getReport(input())).effectiveness.count);
    expect(interactions.rows.every((r) => r.prompt_withheld_chars === undefined)).toBe(true);
    const issues = shaped(issuesResponse, {
      filters: all,
      figures: await getIssues(input()),
      page: await listIssues({ ...input(), params }),
    });
    expect(issues.total).toBe(issues.summary.total);
    const requests = shaped(requestsResponse, { filters: all, stats: await getRequestStats(input()) });
    expect(Object.values(requests.by_type).reduce((a, b) => a + b, 0)).toBe(requests.total_requests);
    const name = (await getFilterOptions({ db: env.store })).projects[0] ?? "";
    const one: DashboardFilters = { range: "all", project: name };
    const method = await getMethodSettings({ db: env.store });
    const sort = { sort: "sessions", dir: "desc" } as const;
    const report = await getReport(input(one));
    const project = shaped(projectResponse, {
      project: name,
      filters: one,
      report,
      kpis: await getKpis({ ...input(one), current: report }),
      method: await getRoiMethod({ ...input(one), method }),
      byDeveloper: { sort, ...(await getComparison({ ...input(one), group: "developer", method })) },
      byTaskType: { sort, ...(await getComparison({ ...input(one), group: "task", method })) },
    });
    expect(project.by_developer.rows.reduce((n, r) => n + r.sessions, 0)).toBe(report.sessions);
    expect(project.kpis.sessions).toBe(report.sessions);
  });

  it("settings, and a PUT body by the same snake_case names", async () => {
    const body = shaped(settingsResponse, await getPortalSettings({ db: env.store }));
    expect(body.settings.human_hourly_rate).toBe(130);
    expect(
      settingsPatchFrom(settingsPatchSchema.parse({ human_hourly_rate: 150, stale_after_days: 3 })),
    ).toEqual({
      humanHourlyRate: 150,
      staleAfterDays: 3,
    });
    expect(() => settingsPatchSchema.parse({ humanHourlyRate: 150 })).toThrow();
  });

  it("chargeback", async () => {
    const rows = await getChargeback({
      db: env.store,
      filters: all,
      nowMs,
      method: await getMethodSettings({ db: env.store }),
    });
    expect(shaped(chargebackResponse, { filters: all, rows }).rows.length).toBeGreaterThan(0);
  });

  it("tokens, a created token and users", async () => {
    // Deliberate likeness: the user store's named arguments, as every auth test passes them.
    const admin = await upsertUser({
      db: env.store,
      email: "a@example.com",
      name: "A",
      password: "password-1",
      role: "admin",
      now: nowMs,
    });
    const created = await createApiToken({
      db: env.store,
      creator: { userId: admin.id, tokenId: null },
      name: "ci",
      now: nowMs,
    });
    expect(shaped(createdTokenResponse, created).info.created_by).toEqual({
      via: "session",
      user_id: admin.id,
      user_name: "A",
    });
    await createApiToken({
      db: env.store,
      creator: { userId: admin.id, tokenId: created.info.id },
      name: "child",
      now: nowMs,
    });
    const tokens = shaped(
      tokensResponse,
      await listApiTokens({ db: env.store, userId: admin.id }),
    ).tokens;
    expect(tokens.find((t) => t.name === "child")?.created_by).toMatchObject({
      via: "token",
      token_id: created.info.id,
    });
    expect(shaped(usersResponse, await listUsers({ db: env.store })).users[0]?.created_ms).toBe(nowMs);
  });

  it("a push's answer", async () => {
    const payload = pushPayloadSchema.parse({
      developer: "carol",
      files: {
        "sessions.json": { p1: sessionRecord("p1") },
        "interactions.json": [interactionRecord("p1", 1)],
      },
    });
    const body = shaped(
      ingestResponse,
      await ingestPush({ db: env.store, payload, nowMs: Date.UTC(2026, 11, 1) }),
    );
    expect(body.rows_changed).toBeGreaterThan(0);
    expect(body.files.map((f) => f.action)).toEqual(["ingested", "ingested"]);
  });

  it("the OpenAPI document", async () => {
    shaped(documentResponse, openApiDocument());
  });
  it("usage rows (one priced, one unpriced)", async () => {
    const rec = (model: string) => ({
      agent: "claude-code",
      agent_version: null,
      conversation_id: "c1",
      project: "payments",
      model,
      hour: "2026-03-01T10:00:00Z",
      first_timestamp: "2026-03-01T10:05:00Z",
      last_timestamp: "2026-03-01T10:50:00Z",
      requests: 2,
      input_tokens: 1_000_000,
      output_tokens: 10,
      cache_write_5m_tokens: 0,
      cache_write_1h_tokens: 0,
      cache_read_tokens: 0,
      reasoning_output_tokens: 0,
    });
    writeFileSync(
      path.join(env.root, "alice", "usage.json"),
      JSON.stringify([rec("claude-sonnet-4-5-20250929"), rec("no-such-model")]),
    );
    await ingest(env, nowMs);
    const page = await listUsage({
      ...input(),
      prices: DEFAULT_PRICE_ROWS,
      params: usageListParamsSchema.parse({ sort: "model", dir: "asc" }),
    });
    const body = shaped(usageResponse, { filters: all, page });
    // $3 per million input + $15 per million output tokens: 3 + 0.00015.
    expect(body.rows.map((r) => [r.model, r.agent_version, r.cost_usd])).toEqual([
      ["claude-sonnet-4-5-20250929", null, 3.00015],
      ["no-such-model", null, null],
    ]);
    expect(body.params).toEqual({ page: 1, page_size: 25, sort: "model", dir: "asc" });
  });
});
