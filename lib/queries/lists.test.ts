/**
 * The interactions and issues lists of /api/v1 on the e2e fixture folder (same generator inputs and mess),
 * against an oracle written from the generator's own truth (records as written, the contract's parser,
 * windows by session start computed here), and against the pages' figures (the report's interaction count,
 * the Issues page's summary): a list that drops, doubles or mis-filters a row fails here.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  parseInteractionsFile,
  parseIssuesFile,
  parseSessionsFile,
  timestampToEpochMs,
} from "ai-session-tracker-mcp/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DashboardFilters, parseFilters } from "@/lib/filters";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { FIXTURE_GENERATOR, FIXTURE_NOW } from "../../e2e/fixture-folder";
import { DEMO_MESS, type DeveloperTruth, makeTeamFolder } from "../../scripts/make-team-folder";
import { interactionExportPages, issueExportPages } from "./export-sessions";
import { findSessionRowId } from "./find-session";
import { getIssues } from "./get-issues";
import { getReport } from "./get-report";
import { getSessionDetail } from "./get-session-detail";
import { interactionListParamsSchema, listInteractions } from "./list-interactions";
import { issueListParamsSchema, listIssues } from "./list-issues";
import type { ScopedFilters } from "./scope";

const NOW = Date.parse(FIXTURE_NOW);
const DAY = 86_400_000;

/** The oracle's view of one developer: parsed records, sessions by id with their start (epoch ms). */
interface Truth {
  dev: string;
  starts: Map<string, { startMs: number | null; project: string }>;
  interactions: { session_id: string }[];
  issues: { session_id: string }[];
}

function truthOf(d: DeveloperTruth): Truth {
  const sessions = parseSessionsFile(d.sessions).records;
  return {
    dev: d.name,
    starts: new Map(
      sessions.map((s) => [s.id, { startMs: timestampToEpochMs(s.start_time), project: s.project }]),
    ),
    interactions: parseInteractionsFile(d.interactions).records,
    issues: parseIssuesFile(d.issues).records,
  };
}

/**
 * Rows the filters select, by the rule the README states: no session-level filter → every row of the
 * developer(s); else the rows of sessions (of the same developer) starting in [from, to) / in the project.
 */
function expectedCount(
  truth: Truth[],
  kind: "interactions" | "issues",
  o: { developer?: string; fromMs?: number; toMs?: number; project?: string },
): number {
  let n = 0;
  for (const t of truth) {
    if (o.developer && t.dev !== o.developer) continue;
    for (const row of t[kind]) {
      if (o.fromMs === undefined && o.project === undefined) {
        n += 1;
        continue;
      }
      const s = t.starts.get(row.session_id);
      if (!s) continue;
      if (
        o.fromMs !== undefined &&
        (s.startMs === null || s.startMs < o.fromMs || s.startMs >= (o.toMs ?? Infinity))
      )
        continue;
      if (o.project !== undefined && s.project !== o.project) continue;
      n += 1;
    }
  }
  return n;
}

let env: StoreEnv;
let truth: Truth[];

beforeAll(async () => {
  env = await makeStoreEnv();
  const team = path.join(env.root, "team");
  mkdirSync(team, { recursive: true });
  env.root = team;
  const developers = makeTeamFolder({ root: team, ...FIXTURE_GENERATOR, mess: DEMO_MESS }).developers;
  // One more folder whose interaction and issue belong to a session record that is not there: the pages
  // count such rows when no session-level filter is set (as upstream's report), so the lists must too.
  const [a] = developers;
  const orphan: DeveloperTruth = {
    name: "zoe-orphans",
    sessions: {},
    interactions: (a?.interactions ?? []).slice(0, 1).map((r) => ({ ...r, session_id: "missing_session" })),
    issues: (a?.issues ?? []).slice(0, 1).map((r) => ({ ...r, session_id: "missing_session" })),
    requests: [],
  };
  mkdirSync(path.join(team, orphan.name));
  writeFileSync(path.join(team, orphan.name, "interactions.json"), JSON.stringify(orphan.interactions));
  writeFileSync(path.join(team, orphan.name, "issues.json"), JSON.stringify(orphan.issues));
  truth = [...developers, orphan].map(truthOf);
  await ingest(env, NOW);
}, 120_000);
afterAll(() => env.cleanup());

const filters = (q: Record<string, string>): DashboardFilters => parseFilters(q);
const total = async (kind: "interactions" | "issues", f: ScopedFilters) =>
  kind === "interactions"
    ? (
        await listInteractions({
          db: env.store,
          filters: f,
          nowMs: NOW,
          params: interactionListParamsSchema.parse({}),
        })
      ).total
    : (await listIssues({ db: env.store, filters: f, nowMs: NOW, params: issueListParamsSchema.parse({}) }))
        .total;

describe("interactions and issues lists on the e2e fixture", () => {
  const someDev = () => truth[1]?.dev ?? "";
  const someProject = () => {
    const first = truth[0]?.starts.values().next().value;
    return first?.project ?? "";
  };
  const cases = () =>
    [
      ["all time", { range: "all" }, {}],
      ["last 30 days", { range: "30d" }, { fromMs: NOW - 30 * DAY, toMs: NOW }],
      ["one developer, all time", { range: "all", developer: someDev() }, { developer: someDev() }],
      [
        "one developer, 90 days",
        { range: "90d", developer: someDev() },
        { developer: someDev(), fromMs: NOW - 90 * DAY, toMs: NOW },
      ],
      ["one project, all time", { range: "all", project: someProject() }, { project: someProject() }],
    ] as const;

  it("count what the oracle counts, for each filter", async () => {
    expect(truth.length).toBe(FIXTURE_GENERATOR.developers + 1);
    expect(truth.at(-1)?.interactions).toHaveLength(1);
    expect(truth.at(-1)?.issues).toHaveLength(1);
    for (const [label, q, o] of cases()) {
      for (const kind of ["interactions", "issues"] as const) {
        const expected = expectedCount(truth, kind, o);
        expect(expected, `${label}: the oracle selects rows`).toBeGreaterThan(0);
        expect(await total(kind, filters(q)), `${label} ${kind}`).toBe(expected);
      }
    }
  });

  it("equal the pages' figures: the report's interaction count and the Issues page's total", async () => {
    for (const [label, q] of cases()) {
      const f = filters(q);
      expect(await total("interactions", f), label).toBe(
        (await getReport({ db: env.store, filters: f, nowMs: NOW })).effectiveness.count,
      );
      expect(await total("issues", f), label).toBe(
        (await getIssues({ db: env.store, filters: f, nowMs: NOW })).summary.total,
      );
    }
  });

  it("CSV exports hold the same rows as the lists (every filter case)", async () => {
    const drain = async (next: () => Promise<unknown[][]>) => {
      let n = 0;
      for (let p = await next(); p.length; p = await next()) n += p.length;
      return n;
    };
    for (const [label, q] of cases()) {
      const f = filters(q);
      const input = { db: env.store, filters: f, nowMs: NOW, developers: null, pageSize: 50 };
      expect(await drain(await interactionExportPages(input)), `${label} interactions`).toBe(
        await total("interactions", f),
      );
      expect(await drain(await issueExportPages(input)), `${label} issues`).toBe(await total("issues", f));
    }
  });

  it("pages through every row once, in the order asked for, and clamps a page past the end", async () => {
    const f = filters({ range: "all" });
    const seen = new Set<number>();
    let last = Infinity;
    let pageCount = 1;
    for (let page = 1; page <= pageCount; page++) {
      const p = await listInteractions({
        db: env.store,
        filters: f,
        nowMs: NOW,
        params: interactionListParamsSchema.parse({ page, pageSize: 200, sort: "time", dir: "desc" }),
      });
      pageCount = p.pageCount;
      for (const r of p.rows) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
        expect(r.tsMs ?? -Infinity).toBeLessThanOrEqual(last);
        last = r.tsMs ?? -Infinity;
      }
    }
    expect(seen.size).toBe(expectedCount(truth, "interactions", {}));
    const past = await listIssues({
      db: env.store,
      filters: f,
      nowMs: NOW,
      params: issueListParamsSchema.parse({ page: 999_999, pageSize: 5, sort: "severity", dir: "asc" }),
    });
    expect(past.page).toBe(past.pageCount);
    expect(past.rows.length).toBeGreaterThan(0);
  });

  it("a member's folders only: the other developers' rows are left out", async () => {
    const f = filters({ range: "all" });
    const dev = someDev();
    for (const kind of ["interactions", "issues"] as const) {
      expect(await total(kind, { ...f, onlyDevelopers: [dev] })).toBe(
        expectedCount(truth, kind, { developer: dev }),
      );
      expect(await total(kind, { ...f, onlyDevelopers: [] })).toBe(0);
      // A session-level filter takes the other path through childScope: still the member's rows only.
      expect(await total(kind, { ...filters({ range: "30d" }), onlyDevelopers: [dev] })).toBe(
        expectedCount(truth, kind, { developer: dev, fromMs: NOW - 30 * DAY, toMs: NOW }),
      );
    }
  });

  it("link each row to its session by the (developer, session id) key", async () => {
    const p = await listIssues({
      db: env.store,
      filters: filters({ range: "all" }),
      nowMs: NOW,
      params: issueListParamsSchema.parse({}),
    });
    const row = p.rows.find((r) => r.sessionRowId !== null);
    expect(row).toBeDefined();
    if (!row) return;
    expect(
      await findSessionRowId({ db: env.store, developer: row.developer, sessionId: row.sessionId }),
    ).toBe(row.sessionRowId);
    const detail = await getSessionDetail({ db: env.store, id: row.sessionRowId ?? 0 });
    expect(detail.developer).toBe(row.developer);
    expect(detail.issues.some((i) => i.key === row.id)).toBe(true);
    expect(
      await findSessionRowId({ db: env.store, developer: "nobody", sessionId: row.sessionId }),
    ).toBeNull();
  });
});
