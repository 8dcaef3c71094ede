/**
 * Bounded-concurrency map: at most `limit` calls of `fn` in flight, results in input order.
 * Used instead of `Promise.all(items.map(...))` over a folder tree (which opens every handle at once).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * A limiter: `limit(fn)` runs `fn` when fewer than `n` limited calls are in flight, else queues it (FIFO).
 * A finishing call hands its slot straight to the next waiter, so `n` is never exceeded.
 */
export function makeLimiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
