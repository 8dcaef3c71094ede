// The list/detail side of the read model gives the SAME answers on SQLite and PostgreSQL (issue 14): one
// generated team folder (the e2e fixture's generator with its mess, usage files too) ingested into a fresh
// database of each engine, then every list (each sort key, both directions, two pages), the session
// detail, sources, filter options, request stats, scan summary, outcomes, issues, spend, chargeback, ship
// rates and CSV export pages compared. SQLite is the oracle: its answers are the ones the figure tests
// check. PostgreSQL-only file (it needs both engines in one run).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PRICE_ROWS, DEFAULT_ROI_METHOD_SETTINGS } from "ai-session-tracker-mcp/stats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { type DashboardFilters, parseFilters } from "@/lib/filters";
import { scanRoot } from "@/lib/ingest/scan";
import { openTestStore, type TestStore } from "@/test-support/store";
import { FIXTURE_GENERATOR, FIXTURE_NOW } from "../../e2e/fixture-folder";
import { DEMO_MESS, makeTeamFolder } from "../../scripts/make-team-folder";
import { interactionExportPages, issueExportPages, sessionExportPages } from "./export-sessions";
import { findSessionRowId } from "./find-session";
import { getChargeback } from "./get-chargeback";
import { getFilterOptions } from "./get-filter-options";
import { getIssues } from "./get-issues";
import { getOutcomes } from "./get-outcomes";
import { getRequestStats } from "./get-request-stats";
import { getScanSummary } from "./get-scan-summary";
import { getSessionDetail } from "./get-session-detail";
import { getShipRates } from "./get-ship-rates";
import { getSourcesStatus } from "./get-sources-status";
import { getSpend } from "./get-spend";
import { INTERACTION_SORTS, interactionListParamsSchema, listInteractions } from "./list-interactions";
import { ISSUE_SORTS, issueListParamsSchema, listIssues } from "./list-issues";
import { listSessions, SESSION_SORTS, sessionTableParamsSchema } from "./list-sessions";
import { listUsage, USAGE_SORTS, usageListParamsSchema } from "./list-usage";

const NOW = Date.parse(FIXTURE_NOW);
const FILTERS = [{ range: "all" }, { range: "30d" }, { range: "all", project: "payments-api" }];

let sqlite: TestStore;
let pg: TestStore;

beforeAll(async () => {
  sqlite = await openTestStore("sqlite");
  pg = await openTestStore("postgres");
  const root = path.join(sqlite.dir, "team");
  mkdirSync(root, { recursive: true });
  makeTeamFolder({ root, ...FIXTURE_GENERATOR, mess: DEMO_MESS, usage: true });
  for (const t of [sqlite, pg]) {
    const r = await scanRoot({ db: t.store, root, now: () => NOW, extraRoots: [`${root}.external`] });
    if (r.rootError) throw new Error(r.rootError);
  }
}, 180_000);
afterAll(async () => {
  await sqlite?.cleanup();
  await pg?.cleanup();
});

/** `read` on both engines: SQLite's answer (the oracle) and PostgreSQL's. */
async function both<T>(read: (db: Store) => Promise<T>): Promise<[T, T]> {
  return [await read(sqlite.store), await read(pg.store)];
}

/** Expects `read` to answer the same on both engines and returns the answer. */
async function same<T>(label: string, read: (db: Store) => Promise<T>): Promise<T> {
  const [a, b] = await both(read);
  expect(b, label).toEqual(a);
  return a;
}

describe("list/detail read model: PostgreSQL answers as SQLite does", () => {
  it("the fixture has rows (the comparisons compare something)", async () => {
    const page = await same("sessions", (db) =>
      listSessions({
        db,
        filters: parseFilters({ range: "all" }),
        nowMs: NOW,
        params: sessionTableParamsSchema.parse({}),
      }),
    );
    expect(page.total).toBeGreaterThan(100);
  });

  it("every list, every sort key, both directions, first and second page", async () => {
    // Each list: its sort keys and a read of one page for raw URL params (parsed by the list's own schema).
    type Read = (db: Store, filters: DashboardFilters, q: Record<string, string>) => Promise<unknown>;
    const lists: [string, object, Read][] = [
      [
        "sessions",
        SESSION_SORTS,
        (db, filters, q) =>
          listSessions({ db, filters, nowMs: NOW, params: sessionTableParamsSchema.parse(q) }),
      ],
      [
        "interactions",
        INTERACTION_SORTS,
        (db, filters, q) =>
          listInteractions({ db, filters, nowMs: NOW, params: interactionListParamsSchema.parse(q) }),
      ],
      [
        "issues",
        ISSUE_SORTS,
        (db, filters, q) => listIssues({ db, filters, nowMs: NOW, params: issueListParamsSchema.parse(q) }),
      ],
      [
        "usage",
        USAGE_SORTS,
        (db, filters, q) =>
          listUsage({
            db,
            filters,
            nowMs: NOW,
            prices: DEFAULT_PRICE_ROWS,
            params: usageListParamsSchema.parse(q),
          }),
      ],
    ];
    for (const f of FILTERS) {
      const filters = parseFilters(f);
      for (const [name, sorts, read] of lists)
        for (const sort of Object.keys(sorts))
          for (const dir of ["asc", "desc"])
            for (const page of ["1", "2"]) {
              const q = { sort, dir, page, pageSize: "50" };
              await same(`${name} ${JSON.stringify(f)} ${JSON.stringify(q)}`, (db) => read(db, filters, q));
            }
    }
  }, 120_000);

  it("session details (found by developer and session id), sources, filter options and the scan summary", async () => {
    const page = await listSessions({
      db: sqlite.store,
      filters: parseFilters({ range: "all" }),
      nowMs: NOW,
      params: sessionTableParamsSchema.parse({ pageSize: "200" }),
    });
    for (const row of page.rows.filter((_, i) => i % 7 === 0)) {
      const id = await same(`row id of ${row.sessionId}`, (db) =>
        findSessionRowId({ db, developer: row.developer, sessionId: row.sessionId }),
      );
      expect(id).not.toBeNull();
      await same(`detail of ${row.sessionId}`, (db) =>
        getSessionDetail({ db, id: id ?? -1, nowMs: NOW, prices: DEFAULT_PRICE_ROWS }),
      );
    }
    await same("sources", (db) => getSourcesStatus({ db, nowMs: NOW, staleDays: 14 }));
    await same("filter options", (db) => getFilterOptions({ db }));
    await same("scan summary", (db) => getScanSummary({ db, nowMs: NOW, maxSessionMinutes: 240 }));
  });

  it("outcomes, issues, request stats, spend, chargeback and ship rates for each filter", async () => {
    for (const q of FILTERS) {
      const filters = parseFilters(q);
      const label = JSON.stringify(q);
      await same(`outcomes ${label}`, (db) => getOutcomes({ db, filters, nowMs: NOW }));
      await same(`issues ${label}`, (db) => getIssues({ db, filters, nowMs: NOW }));
      await same(`requests ${label}`, (db) => getRequestStats({ db, filters, nowMs: NOW }));
      await same(`spend ${label}`, (db) => getSpend({ db, filters, nowMs: NOW, prices: DEFAULT_PRICE_ROWS }));
      await same(`chargeback ${label}`, (db) =>
        getChargeback({ db, filters, nowMs: NOW, method: { ...DEFAULT_ROI_METHOD_SETTINGS } }),
      );
      for (const group of ["developer", "project", "model", "task_type"] as const)
        await same(`ship rates ${label} ${group}`, (db) => getShipRates({ db, filters, nowMs: NOW, group }));
    }
  });

  it("CSV export pages hold the same rows in the same order", async () => {
    for (const pages of [sessionExportPages, interactionExportPages, issueExportPages]) {
      await same(pages.name, async (db) => {
        const next = await pages({
          db,
          filters: parseFilters({ range: "all" }),
          nowMs: NOW,
          developers: null,
          pageSize: 97,
        });
        const rows: unknown[] = [];
        for (let batch = await next(); batch.length > 0; batch = await next()) rows.push(...batch);
        return rows;
      });
    }
  });
});
