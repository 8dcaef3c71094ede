// Every fragment of lib/db/dialect.ts on the run's engine (both projects run this file), against oracles
// computed in JS: the same rows on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { type SqlDialect, sqlFor } from "./dialect";
import type { Store } from "./store";

let t: TestStore;
let s: Store;
let d: SqlDialect;
beforeAll(async () => {
  t = await openTestStore();
  s = t.store;
  d = sqlFor(s);
});
afterAll(() => t.cleanup());

const iso = (ms: number) => new Date(ms).toISOString();
const monthStart = (ms: number) => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth(), 1);

describe(`SQL dialect fragments on ${process.env.PORTAL_TEST_ENGINE ?? "sqlite"}`, () => {
  it("binds a whole list to one parameter, integers and awkward texts alike", async () => {
    await s.run("INSERT INTO developers (name, first_seen_ms) VALUES (?, 1), (?, 2), (?, 3), (?, 4)", [
      "plain",
      `quote'and"double`,
      "comma,{brace}",
      "back\\slash",
    ]);
    const names = await s.all<{ name: string }>(
      `SELECT name FROM developers WHERE ${d.inList("name", "text")} ORDER BY name`,
      [d.list([`quote'and"double`, "comma,{brace}", "back\\slash", "absent"])],
    );
    expect(names.map((r) => r.name)).toEqual(["back\\slash", "comma,{brace}", `quote'and"double`].sort());
    const ids = await s.all<{ first_seen_ms: number }>(
      `SELECT first_seen_ms FROM developers WHERE ${d.inList("first_seen_ms", "integer")} ORDER BY 1`,
      [d.list([4, 2, 99])],
    );
    expect(ids).toEqual([{ first_seen_ms: 2 }, { first_seen_ms: 4 }]);
    expect(
      await s.all(`SELECT name FROM developers WHERE ${d.inList("name", "text")}`, [d.list([])]),
    ).toEqual([]);
  });

  it("gives the UTC day, month and month start of epoch ms, at the edges of months and years", async () => {
    const times = [
      0,
      Date.UTC(2026, 1, 28, 23, 59, 59, 999),
      Date.UTC(2026, 2, 1),
      Date.UTC(2024, 1, 29, 12),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1, 0, 0, 0, 1),
    ];
    for (const ms of times) {
      const row = await s.get<{ day: string; month: string; start: number }>(
        `SELECT ${d.utcDay("?")} AS day, ${d.utcMonth("?")} AS month, ${d.utcMonthStartMs("?")} AS start`,
        [ms, ms, ms],
      );
      expect([ms, row]).toEqual([
        ms,
        { day: iso(ms).slice(0, 10), month: iso(ms).slice(0, 7), start: monthStart(ms) },
      ]);
    }
    // From a BIGINT column too (the usual case).
    await s.run("INSERT INTO settings (key, value, updated_ms) VALUES ('k', 'v', ?)", [
      Date.UTC(2026, 9, 31, 23),
    ]);
    expect(await s.get(`SELECT ${d.utcMonth("updated_ms")} AS m FROM settings`)).toEqual({ m: "2026-10" });
  });

  it("joins a group's texts and numbers, skipping NULLs", async () => {
    const rows = await s.all<{ g: number; j: string | null }>(
      `SELECT g, ${d.groupConcat("v", "|")} AS j, ${d.groupConcat("n")} AS k
       FROM (SELECT 1 AS g, 'a' AS v, 1 AS n UNION ALL SELECT 1, 'b', 2 UNION ALL SELECT 1, NULL, 3
             UNION ALL SELECT 2, NULL, NULL) AS x
       GROUP BY g ORDER BY g`,
    );
    expect(rows.map((r) => ({ ...r, j: r.j?.split("|").sort() ?? null }))).toEqual([
      { g: 1, j: ["a", "b"], k: expect.stringMatching(/^(1,2,3|[123](,[123]){2})$/) },
      { g: 2, j: null, k: null },
    ]);
  });

  it("reads a JSON object's member as JSON text, NULL when absent or null", async () => {
    const json = JSON.stringify({ git: { commits: [{ sha: "abc", lines: 3 }] }, none: null, n: 1 });
    const row = await s.get<{ git: string; none: string | null; absent: string | null }>(
      `SELECT ${d.jsonMember("?", "git")} AS git, ${d.jsonMember("?", "none")} AS none, ${d.jsonMember("?", "absent")} AS absent`,
      [json, json, json],
    );
    expect(JSON.parse(row?.git ?? "null")).toEqual({ commits: [{ sha: "abc", lines: 3 }] });
    expect([row?.none, row?.absent]).toEqual([null, null]);
    expect(() => d.jsonMember("x", "a'; DROP")).toThrow(/unsupported JSON key/);
  });

  it("writes the unit separator", async () => {
    expect(await s.get(`SELECT 'a' || ${d.unitSeparator} || 'b' AS k`)).toEqual({ k: "a\u001fb" });
  });
  it("takes the largest and smallest of scalar values", async () => {
    const row = await s.get<{ g: number; l: number; one: number; f: number }>(
      `SELECT ${d.greatest("3", "CAST(? AS BIGINT)", "-2")} AS g, ${d.least("3", "CAST(? AS BIGINT)", "-2")} AS l,
         ${d.greatest("7")} AS one, ${d.least("2.5", "CAST(? AS DOUBLE PRECISION)")} AS f`,
      [10, 10, 1.5],
    );
    expect(row).toEqual({ g: 10, l: -2, one: 7, f: 1.5 });
  });

  it("finds a text inside another, case-sensitively and with no pattern characters", async () => {
    const row = await s.get<{ a: number; b: number; c: number; e: number }>(
      `SELECT CASE WHEN ${d.contains("?", "'\"git\"'")} THEN 1 ELSE 0 END AS a,
         CASE WHEN ${d.contains("?", "'\"git\"'")} THEN 1 ELSE 0 END AS b,
         CASE WHEN ${d.contains("?", "'%'")} THEN 1 ELSE 0 END AS c,
         CASE WHEN ${d.contains("?", "'_'")} THEN 1 ELSE 0 END AS e`,
      ['{"git":{}}', '{"GIT":1}', "no percent", "a_b"],
    );
    expect(row).toEqual({ a: 1, b: 0, c: 0, e: 1 });
  });

  it("sorts as SQLite does: NULLs lowest both ways, texts by code point", async () => {
    const rows =
      "(SELECT 2 AS n, 'b' AS t UNION ALL SELECT NULL, 'B' UNION ALL SELECT 1, 'a' UNION ALL SELECT 3, 'é' UNION ALL SELECT 0, 'Z' UNION ALL SELECT NULL, NULL) AS x";
    const order = async (term: string, col: "n" | "t") =>
      (await s.all<Record<string, unknown>>(`SELECT ${col} FROM ${rows} ORDER BY ${term}`)).map(
        (r) => r[col],
      );
    expect(await order(d.sortKey("n", "ASC"), "n")).toEqual([null, null, 0, 1, 2, 3]);
    expect(await order(d.sortKey("n", "DESC"), "n")).toEqual([3, 2, 1, 0, null, null]);
    const binary = ["B", "Z", "a", "b", "é"]; // code point order (an en_US locale would say a, b, B, é, Z)
    expect(await order(d.sortKey("t", "ASC", { text: true }), "t")).toEqual([null, ...binary]);
    expect(await order(d.sortKey("t", "DESC", { text: true }), "t")).toEqual([
      ...[...binary].reverse(),
      null,
    ]);
  });
});
