/**
 * The /api/v1 resources the pages had no route for (issue 11): interactions, issues, requests,
 * projects/{name}, sessions/{developer}/{session_id}, and CSV of interactions and issues with the Issues
 * page's "Export CSV" link. Counts are checked against an oracle computed from the generator's own truth
 * (regenerated, the contract's parsers, windows by session start computed here), and against the pages'
 * figures through their own routes (the summary's interaction count, the Issues page's total).
 */
import { readFileSync } from "node:fs";
import {
  parseInteractionsFile,
  parseIssuesFile,
  parseRequestsFile,
  parseSessionsFile,
  timestampToEpochMs,
} from "ai-session-tracker-mcp/contract";
import { parse } from "csv-parse/sync";
import { fixtureDevelopers } from "./expected-figures";
import { FIXTURE_NOW } from "./fixture-folder";
import { expect, authTest as test } from "./fixtures";

const NOW = Date.parse(FIXTURE_NOW);
const DAY = 86_400_000;

/** Per developer: session starts by id, and the parsed interactions, issues and requests. */
const truth = fixtureDevelopers().map((d) => ({
  dev: d.name,
  starts: new Map(
    parseSessionsFile(d.sessions).records.map((s) => [s.id, timestampToEpochMs(s.start_time)] as const),
  ),
  interactions: parseInteractionsFile(d.interactions).records,
  issues: parseIssuesFile(d.issues).records,
  requests: parseRequestsFile(d.requests).records,
}));

/** Rows of sessions starting in the last `days` days (all rows without `days`), of `developer` if given. */
function oracle(kind: "interactions" | "issues", o: { days?: number; developer?: string } = {}): number {
  let n = 0;
  for (const t of truth) {
    if (o.developer && t.dev !== o.developer) continue;
    for (const row of t[kind]) {
      if (o.days === undefined) n += 1;
      else {
        const start = t.starts.get(row.session_id);
        if (start != null && start >= NOW - o.days * DAY && start < NOW) n += 1;
      }
    }
  }
  return n;
}

type Json = Record<string, unknown>;
const csvRows = (text: string): Record<string, string>[] =>
  parse(text, { columns: true, bom: true, skip_empty_lines: true });

test.describe("API resources", () => {
  test("interactions and issues: totals equal the oracle and the pages' figures; CSV holds the same rows", async ({
    page,
  }) => {
    const get = async (url: string) => {
      const res = await page.request.get(url);
      expect(res.status(), url).toBe(200);
      return (await res.json()) as Json;
    };
    const dev = truth[2]?.dev ?? "";
    const cases = [
      ["range=all", {}],
      ["range=30d", { days: 30 }],
      [`range=90d&developer=${dev}`, { days: 90, developer: dev }],
    ] as const;
    for (const [q, o] of cases) {
      const interactions = await get(`/api/v1/interactions?${q}`);
      const issues = await get(`/api/v1/issues?${q}`);
      expect(oracle("interactions", o), q).toBeGreaterThan(0);
      expect(interactions.total, q).toBe(oracle("interactions", o));
      expect(issues.total, q).toBe(oracle("issues", o));
      // The pages' own figures: the report's interaction count, the Issues page's summary.
      const summary = await get(`/api/v1/summary?${q}`);
      expect((summary.effectiveness as Json).count, q).toBe(interactions.total);
      expect((issues.summary as Json).total, q).toBe(issues.total);
      const csv = await page.request.get(`/api/v1/interactions?${q}&format=csv`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      expect(csvRows(await csv.text())).toHaveLength(Number(interactions.total));
    }
    // A page of rows: its size, sort and the session it links to.
    const p = await get("/api/v1/interactions?range=all&pageSize=5&page=2&sort=tokens_in&dir=asc");
    const rows = p.rows as Json[];
    expect(rows).toHaveLength(5);
    expect(p.params).toEqual({ page: 2, page_size: 5, sort: "tokens_in", dir: "asc" });
    const tokens = rows.map((r) => Number(r.tokens_in));
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    const first = rows[0] as Json;
    const session = await get(`/api/v1/sessions/${first.session_row_id}`);
    expect(session.developer).toBe(first.developer);
    expect((session.session as Json).id).toBe(first.session_id);
  });

  test("requests: the Requests panel's stats; a filter that does not apply to requests is a 400", async ({
    page,
  }) => {
    const res = await page.request.get("/api/v1/requests?range=all");
    expect(res.status()).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.total_requests).toBe(truth.reduce((n, t) => n + t.requests.length, 0));
    expect(Object.values(body.by_model as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      body.total_requests,
    );
    for (const bad of ["task=debugging", "outcome=success", "range=bogus"]) {
      expect((await page.request.get(`/api/v1/requests?${bad}`)).status(), bad).toBe(400);
    }
  });

  test("projects/{name}: the project page's figures, equal to its /projects row; 404 for an unknown one", async ({
    page,
  }) => {
    const list = (await (await page.request.get("/api/v1/projects?range=all")).json()) as { rows: Json[] };
    const row = list.rows.find((r) => r.project !== "");
    expect(row).toBeDefined();
    const name = String(row?.project);
    const res = await page.request.get(
      `/api/v1/projects/${encodeURIComponent(name)}?range=all&sort=sessions`,
    );
    expect(res.status()).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.project).toBe(name);
    expect((body.filters as Json).project).toBe(name);
    expect((body.kpis as Json).sessions).toBe(row?.sessions);
    expect(body.sessions).toBe(row?.sessions);
    const byDev = (body.by_developer as { rows: Json[] }).rows;
    expect(byDev.reduce((n, r) => n + Number(r.sessions), 0)).toBe(row?.sessions);
    const sessions = byDev.map((r) => Number(r.sessions));
    expect(sessions).toEqual([...sessions].sort((a, b) => b - a));
    expect((await page.request.get("/api/v1/projects/no-such-project?range=all")).status()).toBe(404);
    // "No project" as on the pages: /none in the path; 404 here unless some session has no project.
    const none = await page.request.get("/api/v1/projects/%2Fnone?range=all");
    expect(none.status()).toBe(list.rows.some((r) => r.project === "") ? 200 : 404);
    expect((await page.request.get(`/api/v1/projects/${encodeURIComponent(name)}?project=x`)).status()).toBe(
      400,
    );
  });

  test("sessions/{developer}/{session_id} answers what sessions/{id} answers; ETag; 404 otherwise", async ({
    page,
  }) => {
    const list = (await (await page.request.get("/api/v1/sessions?range=all&pageSize=5")).json()) as {
      rows: Json[];
    };
    const row = list.rows[0] as Json;
    const byId = await page.request.get(`/api/v1/sessions/${row.id}`);
    const byKey = await page.request.get(
      `/api/v1/sessions/${encodeURIComponent(String(row.developer))}/${encodeURIComponent(String(row.session_id))}`,
    );
    expect(byId.status()).toBe(200);
    expect(byKey.status()).toBe(200);
    expect(await byKey.json()).toEqual(await byId.json());
    const etag = byKey.headers().etag ?? "";
    expect(etag).toMatch(/^W\//);
    const again = await page.request.get(byKey.url(), { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
    // The same session id under another developer is another session (ids are unique per developer).
    const other = truth.find((t) => t.dev !== row.developer)?.dev ?? "nobody";
    expect(
      (
        await page.request.get(`/api/v1/sessions/${other}/${encodeURIComponent(String(row.session_id))}`)
      ).status(),
    ).toBe(404);
    expect((await page.request.get(`/api/v1/sessions/${row.developer}/a/b`)).status()).toBe(404);
    expect((await page.request.get("/api/v1/sessions/not-a-number")).status()).toBe(400);
  });

  test("strict list parameters: an unknown sort, a page size out of range, an unknown key are a 400", async ({
    page,
  }) => {
    for (const url of [
      "/api/v1/interactions?sort=bogus",
      "/api/v1/interactions?pageSize=1000",
      "/api/v1/issues?page=0",
      "/api/v1/issues?severity=high",
    ]) {
      expect((await page.request.get(url)).status(), url).toBe(400);
    }
  });

  test("the Issues page's Export CSV downloads the filtered issues", async ({ page }) => {
    await page.goto("/issues?range=all");
    const link = page.getByRole("link", { name: "Export CSV" });
    await expect(link).toHaveAttribute("href", /\/api\/v1\/issues\?.*range=all.*format=csv/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^issues_range-all.*\.csv$/);
    const rows = csvRows(readFileSync((await download.path()) ?? "", "utf8"));
    expect(rows).toHaveLength(oracle("issues"));
    expect(Object.keys(rows[0] ?? {})).toContain("severity");
  });
});
