import { compactUtc } from "./clock.js";

/**
 * Upstream's id: the name lower-cased, spaces and hyphens → `_`, cut to 30 characters, then
 * `_YYYYmmdd_HHMMSS` (UTC). Upstream silently overwrites a session whose id clashes (same prefix,
 * same second); we append `_2`, `_3`, … until the id is free.
 */
export function allocateSessionId(name: string, now: Date, taken: (id: string) => boolean): string {
  const prefix = name.toLowerCase().replaceAll(" ", "_").replaceAll("-", "_").slice(0, 30);
  const base = `${prefix}_${compactUtc(now)}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken(candidate)) return candidate;
  }
}
