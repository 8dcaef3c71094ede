import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilters } from "@/lib/filters";
import { ingest, makeStoreEnv, type StoreEnv } from "@/test-support/queries";
import { timedSession, writeDeveloper } from "@/test-support/session-records";
import {
  interactionExportPages,
  issueExportPages,
  SESSION_EXPORT_COLUMNS,
  sessionExportPages,
} from "./export-sessions";

const NOW = Date.UTC(2026, 2, 10);
const DAY = 86_400_000;
let env: StoreEnv;
afterEach(() => env.cleanup());
beforeEach(async () => {
  env = await makeStoreEnv();
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

async function drain(next: () => Promise<unknown[][]>): Promise<{ rows: unknown[][]; pages: number }> {
  const rows: unknown[][] = [];
  let pages = 0;
  for (let p = await next(); p.length; p = await next()) {
    rows.push(...p);
    pages++;
  }
  return { rows, pages };
}

describe("sessions export pages", () => {
  it("yields the filtered set page by page", async () => {
    const next = await sessionExportPages({
      db: env.store,
      filters: parseFilters({ range: "30d", project: "web" }),
      nowMs: NOW,
      developers: null,
      pageSize: 2,
    });
    const { rows, pages } = await drain(next);
    const id = SESSION_EXPORT_COLUMNS.indexOf("session_id");
    expect(rows.map((r) => r[id]).sort()).toEqual(["a1", "a4", "b1", "b2"]);
    expect(pages).toBe(2);
    expect(rows[0]).toHaveLength(SESSION_EXPORT_COLUMNS.length);
  });
  it("exports the issues and interactions of the filtered sessions", async () => {
    const { interactionRecord } = await import("@/test-support/ingest");
    const { writeFileSync } = await import("node:fs");
    const path = await import("node:path");
    const start = new Date(NOW - DAY).toISOString();
    writeFileSync(
      path.join(env.root, "bob", "interactions.json"),
      JSON.stringify([{ ...interactionRecord("b1", 1), timestamp: start, prompt: "=cmd|' /C calc'!A0" }]),
    );
    writeFileSync(
      path.join(env.root, "bob", "issues.json"),
      JSON.stringify([
        {
          session_id: "b1",
          timestamp: start,
          issue_type: "hallucination",
          description: "@SUM(1)",
          severity: "high",
          resolved: false,
          resolution_notes: "",
        },
      ]),
    );
    await ingest(env, NOW);
    const f = {
      db: env.store,
      filters: parseFilters({ range: "7d", project: "web" }),
      nowMs: NOW,
      developers: null,
    };
    const inter = (await drain(await interactionExportPages(f))).rows;
    expect(inter.map((r) => [r[0], r[1], r[3]])).toEqual([["bob", "b1", "=cmd|' /C calc'!A0"]]);
    const issues = (await drain(await issueExportPages(f))).rows;
    expect(issues.map((r) => [r[0], r[1], r[3], r[5]])).toEqual([["bob", "b1", "hallucination", "@SUM(1)"]]);
    expect((await drain(await issueExportPages({ ...f, developers: ["alice"] }))).rows).toEqual([]);
  });
  it("keeps a member to their own folders", async () => {
    const next = await sessionExportPages({
      db: env.store,
      filters: parseFilters({ range: "all" }),
      nowMs: NOW,
      developers: ["bob"],
    });
    expect((await drain(next)).rows.map((r) => r[0])).toEqual(["bob", "bob"]);
    expect(
      (
        await drain(
          await sessionExportPages({ db: env.store, filters: parseFilters({}), nowMs: NOW, developers: [] }),
        )
      ).rows,
    ).toEqual([]);
  });
});
