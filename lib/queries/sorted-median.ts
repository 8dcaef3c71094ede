/**
 * The median of several sorted arrays taken together, found without merging them: estimation accuracy
 * (get-estimation-accuracy.ts) keeps each developer's sorted ratios, and merging every developer's arrays
 * again on each data change was the larger part of a cold read. The value is the one a merge would give
 * (the same element, or the same two elements' mean).
 */

/** First index in `[lo, hi)` of sorted `a` whose value is ≥ `v` (`strict`: > `v`). */
function bound(a: Float64Array, lo: number, hi: number, v: number, strict: boolean): number {
  let l = lo;
  let h = hi;
  while (l < h) {
    const m = (l + h) >>> 1;
    const x = a[m] as number;
    if (x < v || (strict && x === v)) l = m + 1;
    else h = m;
  }
  return l;
}

/**
 * The `k`-th smallest value (0-based) of sorted arrays taken together (`k` < their total length). Each
 * round splits at the middle of the widest remaining range and keeps the side holding the `k`-th value, so
 * the widest range at least halves: O(arrays × log² length).
 */
function kthOfSorted(arrays: readonly Float64Array[], k: number): number {
  const lo = arrays.map(() => 0);
  const hi = arrays.map((a) => a.length);
  const lt = arrays.map(() => 0);
  const le = arrays.map(() => 0);
  let rest = k;
  for (;;) {
    let widest = 0;
    let width = -1;
    for (let i = 0; i < arrays.length; i++) {
      const w = (hi[i] as number) - (lo[i] as number);
      if (w > width) {
        width = w;
        widest = i;
      }
    }
    const pivot = (arrays[widest] as Float64Array)[
      ((lo[widest] as number) + (hi[widest] as number)) >>> 1
    ] as number;
    let below = 0;
    let equal = 0;
    for (let i = 0; i < arrays.length; i++) {
      const a = arrays[i] as Float64Array;
      const l = bound(a, lo[i] as number, hi[i] as number, pivot, false);
      const e = bound(a, l, hi[i] as number, pivot, true);
      lt[i] = l;
      le[i] = e;
      below += l - (lo[i] as number);
      equal += e - l;
    }
    if (rest < below) for (let i = 0; i < arrays.length; i++) hi[i] = lt[i] as number;
    else if (rest < below + equal) return pivot;
    else {
      rest -= below + equal;
      for (let i = 0; i < arrays.length; i++) lo[i] = le[i] as number;
    }
  }
}

/**
 * The count and median of the values of sorted arrays taken together: the middle value, or the mean of
 * the two middle values (as SQL's avg() over them); null median over nothing.
 */
export function medianOfSorted(arrays: readonly Float64Array[]): { count: number; median: number | null } {
  const parts = arrays.filter((a) => a.length > 0);
  const n = parts.reduce((s, a) => s + a.length, 0);
  if (n === 0) return { count: 0, median: null };
  if (n % 2) return { count: n, median: kthOfSorted(parts, (n - 1) / 2) };
  return { count: n, median: (kthOfSorted(parts, n / 2 - 1) + kthOfSorted(parts, n / 2)) / 2 };
}
