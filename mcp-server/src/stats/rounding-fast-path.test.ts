/** pyRound's float fast path must agree with CPython's round() everywhere, ties and near-ties included. */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pyRound } from "./rounding.js";

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("pyRound fast path", () => {
  it("matches CPython on 3,000 values: random, exact ties and one ulp either side", () => {
    const rand = lcg(42);
    const cases: Array<[number, number]> = [];
    for (let i = 0; i < 1000; i++) {
      const n = Math.floor(rand() * 4);
      cases.push([(rand() - 0.3) * 10 ** Math.floor(rand() * 6), n]);
      const tie = (Math.floor(rand() * 100000) + 0.5) / 10 ** n; // a decimal tie, inexact in binary
      cases.push([tie, n]);
      cases.push([tie * (1 + Number.EPSILON), n]);
    }
    const expected = JSON.parse(
      execFileSync(
        "python3",
        ["-c", "import json,sys; print(json.dumps([round(x, n) for x, n in json.load(sys.stdin)]))"],
        {
          input: JSON.stringify(cases),
        },
      ).toString(),
    ) as number[];
    const ours = cases.map(([x, n]) => pyRound(x, n));
    const mismatches = cases.filter((_, i) => ours[i] !== expected[i]).slice(0, 5);
    expect(mismatches).toEqual([]);
  });
});
