/**
 * Who a breakdown row aggregates: the distinct developers with a session in the view, per key of a
 * group (the whole view for "none", key ""). Member privacy (lib/auth/privacy.ts) withholds a row that
 * would show fewer than the minimum group of other people. One grouped pass over the sessions index.
 */
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import type { DashboardFilters, TimeWindow } from "@/lib/filters";
import { queryWindow } from "./data-span";
import { memo } from "./memo";
import { all, sessionScope } from "./scope";

/** The groups a breakdown can be keyed by (the keys equal the breakdown rows' `key`). */
export type PrivacyGroup = "none" | "developer" | "project" | "model" | "task";

/** Developer names per row key. */
export type GroupDevelopers = ReadonlyMap<string, readonly string[]>;

const KEY: Record<PrivacyGroup, string> = {
  none: "''",
  developer: "d.name",
  project: "s.project",
  model: "s.model_name",
  task: "s.task_type",
};

/**
 * Names in code point order on both engines (SQLite's; PostgreSQL would follow the database's locale).
 * Grouped rather than DISTINCT: PostgreSQL sorts a DISTINCT list by selected expressions only.
 */
const byName = (db: Store) => sqlFor(db).sortKey("d.name", "ASC", { text: true });

/** The developers (names, sorted) with a session in the view, per key of `group`. */
export async function getGroupDevelopers(input: {
  db: Store;
  filters: DashboardFilters;
  nowMs: number;
  group: PrivacyGroup;
}): Promise<GroupDevelopers> {
  return memo(input.db, "groupDevelopers", [input.filters, input.nowMs, input.group], async () => {
    const scope = sessionScope(input.filters, await queryWindow(input));
    const rows = await all<{ k: string | number; dev: string }>(
      input.db,
      `SELECT ${KEY[input.group]} AS k, d.name AS dev
         FROM sessions s JOIN developers d ON d.id = s.developer_id
        WHERE ${scope.sql}
        GROUP BY 1, s.developer_id, d.name ORDER BY ${byName(input.db)}`,
      scope.params,
    );
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const k = String(r.k);
      const list = out.get(k) ?? [];
      list.push(r.dev);
      out.set(k, list);
    }
    return out;
  });
}

/**
 * The developers (names) with a session in the view inside each time bucket `[startMs, endMs)` — who a
 * trend's bucket aggregates. One indexed range read per bucket (a trend has at most a few dozen).
 */
export async function getBucketDevelopers(input: {
  db: Store;
  filters: DashboardFilters;
  nowMs: number;
  buckets: readonly { startMs: number; endMs: number }[];
}): Promise<string[][]> {
  const ranges = input.buckets.map((b) => [b.startMs, b.endMs]);
  return memo(input.db, "bucketDevelopers", [input.filters, input.nowMs, ranges], async () => {
    const scope = sessionScope(input.filters, await queryWindow(input));
    const sql = `SELECT d.name AS dev
       FROM sessions s JOIN developers d ON d.id = s.developer_id
      WHERE ${scope.sql} AND s.start_ms >= ? AND s.start_ms < ? GROUP BY d.name ORDER BY ${byName(input.db)}`;
    const out: string[][] = [];
    for (const r of ranges)
      out.push((await all<{ dev: string }>(input.db, sql, [...scope.params, ...r])).map((x) => x.dev));
    return out;
  });
}

/** The developers (names) with a session the filters select inside `window` (e.g. a previous period). */
export async function getWindowDevelopers(input: {
  db: Store;
  filters: DashboardFilters;
  window: TimeWindow | null;
}): Promise<string[]> {
  return memo(input.db, "windowDevelopers", [input.filters, input.window], async () => {
    const scope = sessionScope(input.filters, input.window);
    return (
      await all<{ dev: string }>(
        input.db,
        `SELECT d.name AS dev FROM sessions s JOIN developers d ON d.id = s.developer_id
        WHERE ${scope.sql} GROUP BY d.name ORDER BY ${byName(input.db)}`,
        scope.params,
      )
    ).map((r) => r.dev);
  });
}
