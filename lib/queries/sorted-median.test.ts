/**
 * The median of several sorted arrays taken together, without merging them: it must be exactly the median
 * of the merged, sorted values (estimation accuracy's figures may not move in the last digit).
 */
import { describe, expect, it } from "vitest";
import { medianOfSorted } from "./sorted-median";

/** The oracle: every value in one array, sorted, the middle one (or the mean of the two middle ones). */
function mergedMedian(arrays: readonly Float64Array[]): { count: number; median: number | null } {
  const all = Float64Array.from(arrays.flatMap((a) => [...a])).sort();
  const n = all.length;
  if (n === 0) return { count: 0, median: null };
  return {
    count: n,
    median: n % 2 ? (all[(n - 1) / 2] as number) : ((all[n / 2 - 1] as number) + (all[n / 2] as number)) / 2,
  };
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("medianOfSorted", () => {
  it("is null over nothing", () => {
    expect(medianOfSorted([])).toEqual({ count: 0, median: null });
    expect(medianOfSorted([new Float64Array(), new Float64Array()])).toEqual({ count: 0, median: null });
  });

  it("takes the middle value (odd) or the mean of the two middle values (even) across arrays", () => {
    expect(medianOfSorted([Float64Array.of(1, 5), Float64Array.of(2)])).toEqual({ count: 3, median: 2 });
    expect(medianOfSorted([Float64Array.of(1, 5), Float64Array.of(2, 9)])).toEqual({ count: 4, median: 3.5 });
    expect(medianOfSorted([Float64Array.of(7)])).toEqual({ count: 1, median: 7 });
  });

  it("equals the merged array's median on random inputs (ties, empty parts, one long part, floats)", () => {
    const r = rng(20261202);
    for (let round = 0; round < 1000; round++) {
      const parts = 1 + Math.floor(r() * 60);
      const arrays: Float64Array[] = [];
      const coarse = r() < 0.5; // few distinct values: many ties across and inside arrays
      for (let p = 0; p < parts; p++) {
        const len = r() < 0.15 ? 0 : Math.floor(r() * (r() < 0.1 ? 900 : 40));
        const values = Array.from({ length: len }, () =>
          coarse ? Math.floor(r() * 6) / 4 : r() * 3 + 1e-9 * r(),
        );
        arrays.push(Float64Array.from(values).sort());
      }
      expect(medianOfSorted(arrays), `round ${round}`).toEqual(mergedMedian(arrays));
    }
  });
});
