// The read model's SQL functions on PostgreSQL (drizzle-pg/0002_read_functions.sql) against the stats
// package's own pyRound / classifyGap, which SQLite calls directly (lib/queries/scope.ts): the same result,
// bit for bit (Object.is: -0 and NaN included), on ties, subnormals, huge values and random doubles.
import { classifyGap, pyRound } from "ai-session-tracker-mcp/stats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestStore, type TestStore } from "@/test-support/store";
import type { Store } from "./store";

let t: TestStore;
let s: Store;
beforeAll(async () => {
  t = await openTestStore("postgres");
  s = t.store;
});
afterAll(() => t.cleanup());

/** A double as float8 input text that keeps its exact value and the sign of -0. */
const text = (x: number) => (Object.is(x, -0) ? "-0" : String(x));

/** A deterministic pseudo-random source (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

async function pgRound(cases: readonly (readonly [number, number])[]): Promise<number[]> {
  const rows = await s.all<{ r: string }>(
    `SELECT py_round(x::float8, n)::text AS r
     FROM unnest(?::text[], ?::int[]) WITH ORDINALITY AS c(x, n, i) ORDER BY i`,
    [cases.map(([x]) => text(x)), cases.map(([, n]) => n)],
  );
  return rows.map((row) => Number(row.r));
}

describe("py_round on PostgreSQL", () => {
  it("equals pyRound on ties, signs, subnormals, huge values and non-finite values", async () => {
    const cases: [number, number][] = [
      [2.675, 2],
      [2.5, 0],
      [3.5, 0],
      [-2.5, 0],
      [0.125, 2],
      [0.375, 2],
      [4.25, 1],
      [4.35, 1],
      [480.625, 2],
      [-0.04, 1],
      [-0.5, 0],
      [0, 0],
      [-0, 3],
      [1250, -2],
      [1350, -2],
      [-1250, -2],
      [15, -1],
      [25, -1],
      [1e15 + 0.5, 0],
      [2 ** 52 + 0.5, 0],
      [9007199254740991, 0],
      [1.5e300, -2],
      [1.7976931348623157e308, 2],
      [5e-324, 0],
      [5e-324, 330],
      [1e-320, 323],
      [2.2250738585072014e-308, 310],
      [0.1 + 0.2, 15],
      [1 / 3, 16],
      [123.456, 20],
      [0.5, 15],
      [Number.NaN, 2],
      [Number.POSITIVE_INFINITY, 1],
      [Number.NEGATIVE_INFINITY, 0],
      [59.999999999, 1],
      [30.05, 1],
      [119.95, 1],
      [4.999999999999999, 1],
    ];
    const got = await pgRound(cases);
    cases.forEach(([x, n], i) => expect([x, n, got[i]]).toEqual([x, n, pyRound(x, n)]));
  });

  it("equals pyRound on 5,000 random doubles and on exact binary halves", async () => {
    const next = random(14);
    const cases: [number, number][] = [];
    for (let i = 0; i < 2500; i++)
      cases.push([(next() - 0.5) * 10 ** Math.floor(next() * 8), Math.floor(next() * 9) - 2]);
    // k / 2^j: exact ties at j decimal places and below — the exact path's cases.
    for (let i = 0; i < 2500; i++)
      cases.push([
        Math.floor((next() - 0.5) * 2 ** 20) / 2 ** Math.floor(next() * 12),
        Math.floor(next() * 6),
      ]);
    const got = await pgRound(cases);
    const wrong = cases.filter(([x, n], i) => !Object.is(got[i], pyRound(x, n)));
    expect(wrong).toEqual([]);
  });

  it("gives NULL for NULL and rounds to an integer by default", async () => {
    expect(
      await s.get("SELECT py_round(NULL, 1) AS a, py_round(2.5) AS b, py_round(7::bigint, 1) AS c"),
    ).toEqual({
      a: null,
      b: 2,
      c: 7,
    });
  });
});

describe("classify_gap on PostgreSQL", () => {
  it("equals classifyGap at and around every threshold", async () => {
    const minutes = [-1, 0, 4.999999, 5, 5.000001, 29.99, 30, 30.01, 119.999, 120, 120.001, 1e9, Number.NaN];
    const rows = await s.all<{ c: string }>(
      "SELECT classify_gap(m::float8) AS c FROM unnest(?::text[]) WITH ORDINALITY AS g(m, i) ORDER BY i",
      [minutes.map(text)],
    );
    expect(rows.map((r) => r.c)).toEqual(minutes.map((m) => classifyGap(m)));
    expect(await s.get("SELECT classify_gap(NULL) AS c")).toEqual({ c: null });
  });
});
