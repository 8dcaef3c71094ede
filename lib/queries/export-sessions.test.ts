import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilters } from "@/lib/filters";
import { ingest, makeTestEnv, type TestEnv } from "@/test-support/queries";
import { timedSession, writeDeveloper } from "@/test-support/session-records";
import { SESSION_EXPORT_COLUMNS, sessionExportPages } from "./export-sessions";

const NOW = Date.UTC(2026, 2, 10);
const DAY = 86_400_000;
let env: TestEnv;
afterEach(() => env.cleanup());
beforeEach(async () => {
  env = makeTestEnv();
  const s = (id: string, daysAgo: number, project: string) => ({
    ...timedSession({ id, start: NOW - daysAgo * DAY, end: NOW - daysAgo * DAY + 3_600_000 }),
    project,
  });
  writeDeveloper(env.root, "alice", [
    s("a1", 1, "web"),
    s("a2", 2, "api"),
    s("a3", 40, "web"),
    s("a4", 3, "web"),
  ]);
  writeDeveloper(env.root, "bob", [s("b1", 1, "web"), s("b2", 2, "web")]);
  await ingest(env, NOW);
});

function drain(next: () => unknown[][]): { rows: unknown[][]; pages: number } {
  const rows: unknown[][] = [];
  let pages = 0;
  for (let p = next(); p.length; p = next()) {
    rows.push(...p);
    pages++;
  }
  return { rows, pages };
}

describe("sessions export pages", () => {
  it("yields the filtered set page by page", () => {
    const next = sessionExportPages({
      db: env.db,
      filters: parseFilters({ range: "30d", project: "web" }),
      nowMs: NOW,
      developers: null,
      pageSize: 2,
    });
    const { rows, pages } = drain(next);
    const id = SESSION_EXPORT_COLUMNS.indexOf("session_id");
    expect(rows.map((r) => r[id]).sort()).toEqual(["a1", "a4", "b1", "b2"]);
    expect(pages).toBe(2);
    expect(rows[0]).toHaveLength(SESSION_EXPORT_COLUMNS.length);
  });
  it("keeps a member to their own folders", () => {
    const next = sessionExportPages({
      db: env.db,
      filters: parseFilters({ range: "all" }),
      nowMs: NOW,
      developers: ["bob"],
    });
    expect(drain(next).rows.map((r) => r[0])).toEqual(["bob", "bob"]);
    expect(
      drain(sessionExportPages({ db: env.db, filters: parseFilters({}), nowMs: NOW, developers: [] })).rows,
    ).toEqual([]);
  });
});
