/**
 * The git summary (stats package `summarizeSessionGit`: status, commits, lines changed / shipped, last
 * merge) of every session whose winning record carries the recorder's `git` field (issue 15), per
 * developer, kept under that developer's data version (`per-developer.ts`). It depends on no filter or
 * window: the raw records are read and parsed once per developer and data change, and every ship-rate
 * view (any range, filter or grouping) reuses it. Sessions without the field (upstream's records, older
 * recorders) are not in the map.
 */
import {
  normalizeSessionGit,
  type SessionShipSummary,
  summarizeSessionGit,
} from "ai-session-tracker-mcp/contract";
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import { perDeveloper } from "./per-developer";
import { all } from "./scope";

/** One developer's summaries: session row id (`sessions.id`) → its git summary. */
export type GitSummaries = ReadonlyMap<number, SessionShipSummary>;

/**
 * Developer id → {@link GitSummaries} for the developers in scope (`developer`: a name filter, else every
 * developer). Call it inside the caller's read transaction so the summaries belong to the same snapshot as
 * what the caller reads next. The maps are shared: read-only.
 */
export async function sessionGitSummaries({
  db,
  developer,
}: {
  db: Store;
  developer: string | undefined;
}): Promise<Map<number, GitSummaries>> {
  const parts = await perDeveloper(db, "session-git-summaries", [], developer, async (dev) => {
    const byRow = new Map<number, SessionShipSummary>();
    // contains() first: only records that mention the key are parsed. Parsed here rather than by SQLite's
    // json_extract, which took longer than reading the record and JSON.parse together.
    for (const r of await all<{ rowId: number; raw: string }>(
      db,
      `SELECT s.id AS "rowId", v.raw_json AS raw
       FROM sessions s JOIN session_versions v ON v.id = s.version_id
       WHERE s.developer_id = ? AND ${sqlFor(db).contains("v.raw_json", `'"git"'`)}`,
      [dev],
    )) {
      const record: unknown = JSON.parse(r.raw);
      const git = normalizeSessionGit(
        typeof record === "object" && record !== null && "git" in record ? record.git : undefined,
      );
      if (git) byRow.set(r.rowId, summarizeSessionGit(git));
    }
    return { dev, byRow };
  });
  return new Map(parts.map((p) => [p.dev, p.byRow]));
}
