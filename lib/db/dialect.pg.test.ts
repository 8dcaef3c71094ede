// PostgreSQL only: sortKey's text order holds whatever collation the column has. The test servers run
// with --locale=C (already code point order), so the column here carries an ICU locale's collation, as a
// managed server's en_US.UTF-8 database would (there `a, b, B, Z`, where SQLite says `B, Z, a, b`).
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { sqlFor } from "./dialect";

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore("postgres");
});
afterAll(() => t.cleanup());

it("sorts texts by code point (as SQLite) even in a column with a locale's collation", async () => {
  const s = t.store;
  const rows = `(SELECT CAST(v AS TEXT) COLLATE "und-x-icu" AS t FROM (VALUES ('b'), ('Z'), ('a'), ('B'), ('é'), (NULL)) AS x(v)) AS y`;
  const order = async (term: string) =>
    (await s.all<{ t: string | null }>(`SELECT t FROM ${rows} ORDER BY ${term}`)).map((r) => r.t);
  // The locale's own order first: the case this guards against.
  expect(await order("t ASC NULLS FIRST")).toEqual([null, "a", "b", "B", "é", "Z"]);
  expect(await order(sqlFor(s).sortKey("t", "ASC", { text: true }))).toEqual([null, "B", "Z", "a", "b", "é"]);
  expect(await order(sqlFor(s).sortKey("t", "DESC", { text: true }))).toEqual([
    "é",
    "b",
    "a",
    "Z",
    "B",
    null,
  ]);
});
