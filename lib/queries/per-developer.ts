/**
 * Per-developer partial results, kept across data changes: the heavy grouped passes of the read model run
 * once per developer (their SQL restricted with `s.developer_id = @dev`) and each developer's rows are
 * cached under that developer's data version. An ingest that changed one developer's file then
 * recomputes that developer's rows only; every other developer's rows come from memory, and the
 * result-level cache (`memo.ts`, emptied by any write) merges them again, which is cheap.
 *
 * A developer's data version is the state of their tracker files as the ingest records it in
 * `source_files` (count, sizes, mtimes, content hashes, last ingest time): every write of a developer's
 * rows comes with a change of one of their files' rows (a new hash and ingest time when a file is
 * applied, the row deleted when the file vanished). A file applied in several steps (apply-steps.ts)
 * is visible half-applied to any reader meanwhile; its last step writes the final hash, so nothing
 * computed in between outlives it. Versions and rows are read in one snapshot (`db.snapshot`).
 *
 * A pass reads a developer's sessions by start time (a window, `windows`); its rows are kept under the
 * sessions that window selects, not under the window itself: the first and last start time of the
 * developer's sessions inside it (two seeks on the `(developer_id, start_ms)` index). A preset range moves
 * with the request time every minute, but a window a minute later that selects the same sessions of a
 * developer gives the same key, so their rows are not read again. Everything a pass computes must
 * therefore follow from the rows selected (its SQL filters them by `s.start_ms` in the window, child rows
 * through their session); what depends on the window itself (bucket coverage, months charged, the request
 * time) is worked out when the rows are merged, never inside a partial.
 *
 * Cached rows are shared: callers must treat them as read-only.
 */
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import type { TimeWindow } from "@/lib/filters";
import { memo, perStore } from "./memo";
import { all, get, type ScopedFilters } from "./scope";

/**
 * Cached developer partials kept per connection before the least recently used are dropped: about four
 * scopes × 25 passes per developer (at least 5,000). Partials of selections no longer asked for (a window
 * that moved past a session) age out.
 */
const PARTIALS_PER_DEVELOPER = 100;
const MIN_PARTIALS = 5_000;

const partialsOf = perStore((): Map<string, { version: string; value: unknown }> => new Map());

/**
 * Every developer's data version (id → opaque text), one grouped read of the small `source_files` table,
 * memoised until the data changes.
 */
export function developerVersions({ db }: { db: Store }): Promise<Map<number, string>> {
  return memo(db, "developerVersions", [], async () => {
    const rows = await all<{ dev: number; v: string | null }>(
      db,
      `SELECT d.id AS dev, (
         SELECT count(*) || ':' || coalesce(max(f.last_ingested_ms), 0) || ':' || COALESCE(sum(f.mtime_ms), 0) || ':' ||
           COALESCE(sum(f.size), 0) || ':' || coalesce(${sqlFor(db).groupConcat("coalesce(f.hash, '-') || f.status")}, '')
         FROM source_files f WHERE f.developer_id = d.id) AS v
       FROM developers d`,
    );
    return new Map(rows.map((r) => [r.dev, r.v ?? ""]));
  });
}

/** A window no earlier than any session: `[EVER, t)` selects every dated session before `t`. */
export const EVER = Number.MIN_SAFE_INTEGER;

/**
 * What a window selects of each developer's sessions (id → key): the first and last start time inside
 * `[fromMs, toMs)` ("-" for none; "*" for no window: every session, undated ones too), memoised per
 * window until the data changes. Equal keys select the same sessions: every start between the two is
 * inside both windows.
 */
async function selectionKeys(
  db: Store,
  w: TimeWindow | null,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (!w) return new Map(ids.map((id) => [id, "*"]));
  return memo(db, "windowSelection", [w.fromMs, w.toMs], async () => {
    // Every developer's two seeks in ONE statement: a round trip each was most of a cold page on PostgreSQL.
    const edge = (dir: "ASC" | "DESC") =>
      `(SELECT start_ms FROM sessions WHERE developer_id = d.id AND start_ms >= ? AND start_ms < ?
         ORDER BY start_ms ${dir} LIMIT 1)`;
    const rows = await all<{ id: number; f: number | null; l: number | null }>(
      db,
      `SELECT d.id AS id, ${edge("ASC")} AS f, ${edge("DESC")} AS l FROM developers d`,
      [w.fromMs, w.toMs, w.fromMs, w.toMs],
    );
    const edges = new Map(rows.map((r) => [r.id, r]));
    const keys = new Map<number, string>();
    for (const id of (await developerVersions({ db })).keys()) {
      const e = edges.get(id);
      keys.set(id, e?.f == null ? "-" : `${e.f}..${e.l}`);
    }
    return keys;
  });
}

/**
 * The filters that pick rows besides the window (range, from/to and the compare range left out: the
 * window a pass reads is given to {@link perDeveloper} apart, and keys it by what it selects).
 */
export function rowFilters(f: ScopedFilters): Omit<ScopedFilters, "range" | "from" | "to" | "compare"> {
  const { range: _r, from: _f, to: _t, compare: _c, ...rest } = f;
  return rest;
}

/**
 * `compute(developerId)` for each developer in scope (`developer`: a name filter, else every developer),
 * each answer cached under the developer's data version, `name` + `args` (JSON-serialisable: the row
 * filters and options, NEVER a window or SQL holding one) and, for each of `windows` (the windows the pass
 * reads sessions by start time in; null = every session), the sessions it selects of that developer (see
 * the module comment: a result must follow from those rows alone). Returns the answers in developer-id
 * order. Runs inside one snapshot (`db.snapshot`), so the versions and the rows computed belong to it.
 */
export function perDeveloper<T>(
  db: Store,
  name: string,
  args: unknown,
  developer: string | undefined,
  compute: (developerId: number) => Promise<T>,
  windows: readonly (TimeWindow | null)[] = [],
): Promise<T[]> {
  return db.snapshot(async () => {
    const versions = await developerVersions({ db });
    let ids = [...versions.keys()].sort((a, b) => a - b);
    if (developer !== undefined) {
      const id = (await get<{ id: number }>(db, "SELECT id FROM developers WHERE name = ?", [developer]))?.id;
      ids = id === undefined ? [] : [id];
    }
    const cache = partialsOf(db);
    const argsKey = JSON.stringify(args);
    const selections: Map<number, string>[] = [];
    for (const w of windows) selections.push(await selectionKeys(db, w, ids));
    const out: T[] = [];
    for (const id of ids) {
      const version = versions.get(id) ?? "";
      const key = `${name}:${id}:${argsKey}:${selections.map((m) => m.get(id) ?? "-").join("|")}`;
      const hit = cache.get(key);
      if (hit) cache.delete(key); // re-inserted below: the Map's order is the recency order
      const value = hit && hit.version === version ? (hit.value as T) : await compute(id);
      cache.set(key, { version, value });
      if (cache.size > Math.max(MIN_PARTIALS, PARTIALS_PER_DEVELOPER * versions.size)) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      out.push(value);
    }
    return out;
  });
}

/** SQL condition over sessions alias `s` restricting a pass to one developer (bind `{ dev }`). */
export const ONE_DEVELOPER = "s.developer_id = @dev";

/**
 * Two developers' rows of one key added up: every numeric column summed except the key `k` (kept) and
 * `peaks`, taken by max; SQL NULL (a sum or max over nothing recorded) counts as absent.
 */
export function addRows<T extends { k: string | number }>(a: T, b: T, peaks: readonly (keyof T)[] = []): T {
  const out: Record<string, unknown> = Object.assign({}, a);
  for (const [col, v] of Object.entries(b)) {
    const m = out[col];
    if (col === "k" || typeof v !== "number") continue;
    if (typeof m !== "number") out[col] = v;
    else out[col] = peaks.includes(col as keyof T) ? Math.max(m, v) : m + v;
  }
  return out as T; // `a`'s keys, numeric columns combined
}
