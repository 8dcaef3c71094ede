/**
 * Issues flagged in the filtered sessions: upstream's summary (by type and severity) plus counts by the
 * session's model and task type and per week (issue time, UTC weeks from Monday). SQL groups; the stats
 * package's `summarizeIssueCounts` builds the summary.
 */
import { type IssueSummary, summarizeIssueCounts } from "ai-session-tracker-mcp/stats";
import { sqlFor } from "@/lib/db/dialect";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { perDeveloper, rowFilters } from "./per-developer";
import { all, childScope, weekStartSql } from "./scope";

/** Issues breakdown DTO. */
export interface IssuesBreakdown {
  summary: IssueSummary;
  /** Unresolved issues. */
  open: number;
  byModel: { key: string; count: number }[];
  byTaskType: { key: string; count: number }[];
  /** Per week and severity. */
  weekly: { week: string; severity: string; count: number }[];
  /** Latest issues (newest first), for the list under the charts. */
  latest: {
    developer: string;
    sessionId: string;
    sessionRowId: number | null;
    timestamp: string;
    issueType: string;
    severity: string;
    description: string;
    resolved: boolean;
  }[];
}

/** One grouped count of issues (by type, severity, the session's model and task type). */
interface IssueGroup {
  issue_type: string;
  severity: string;
  model: string | null;
  task: string | null;
  count: number;
  open: number;
}

/** Rows with the same key (`keyOf`) merged: `count` and `open` (when present) added up. Returns new rows. */
function sumBy<T extends { count: number; open?: number }>(
  rows: readonly T[],
  keyOf: (r: T) => readonly (string | number | null)[],
): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    // NUL-separated text key (NULL as \u0001): cheaper than JSON over tens of thousands of rows.
    const key = keyOf(r)
      .map((v) => (v === null ? "\u0001" : String(v)))
      .join("\u0000");
    const m = out.get(key);
    if (!m) out.set(key, { ...r });
    else {
      m.count += r.count;
      if (m.open !== undefined) m.open += r.open ?? 0;
    }
  }
  return [...out.values()];
}

/** Issues of the filtered sessions (with no session-level filter, every issue of the developers). */
export async function getIssues(input: FilteredInput & { latestLimit?: number }): Promise<IssuesBreakdown> {
  return memo(input.db, "issues", [input.filters, input.nowMs, input.latestLimit ?? 25], async () => {
    const window = await queryWindow(input);
    const plain = childScope("issues", input.filters, window);
    // One grouped read for the summary and the model / task type counts: issues whose session record is
    // missing count in the summary (as upstream's report) and have no model or task type.
    const withSession = childScope("issues", input.filters, window, "left");
    // Each developer's counts on their own, cached under their data version (per-developer.ts).
    const rows = rowFilters(input.filters);
    // Issues follow their session into a window (childScope), so a window keys them by its sessions.
    const parts = await perDeveloper(
      input.db,
      "issues",
      [rows],
      input.filters.developer,
      async (dev) => ({
        groups: await all<IssueGroup>(
          input.db,
          `SELECT x.issue_type, x.severity, s.model_name AS model, s.task_type AS task, count(*) AS count,
           sum(CASE WHEN x.resolved = 0 THEN 1 ELSE 0 END) AS open
         FROM ${withSession.sql} AND x.developer_id = @dev GROUP BY 1, 2, 3, 4`,
          [...withSession.params, { dev }],
        ),
        weekly: await all<{ wk: number; severity: string; count: number }>(
          input.db,
          `SELECT ${weekStartSql("x.ts_ms")} AS wk, x.severity AS severity, count(*) AS count FROM ${plain.sql}
         AND x.ts_ms IS NOT NULL AND x.developer_id = @dev GROUP BY 1, 2`,
          [...plain.params, { dev }],
        ),
      }),
      [window],
    );
    const groups = sumBy(
      parts.flatMap((p) => p.groups),
      (g) => [g.issue_type, g.severity, g.model, g.task],
    );
    const weekly = sumBy(
      parts.flatMap((p) => p.weekly),
      (w) => [w.wk, w.severity],
    ).sort((a, b) => a.wk - b.wk);
    const by = (key: "model" | "task") => {
      const counts = new Map<string, number>();
      for (const g of groups) {
        const k = g[key];
        if (k !== null) counts.set(k, (counts.get(k) ?? 0) + g.count);
      }
      return [...counts]
        .map(([k, count]) => ({ key: k, count }))
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    };
    // The latest of each developer (cached with their counts), then the latest of those.
    const limit = input.latestLimit ?? 25;
    const latest = (
      await perDeveloper(
        input.db,
        "issuesLatest",
        [rows, limit],
        input.filters.developer,
        async (dev) =>
          await all<
            Omit<IssuesBreakdown["latest"][number], "resolved"> & { resolved: number; ts: number | null }
          >(
            input.db,
            `SELECT d.name AS developer, x.session_id AS "sessionId",
           (SELECT id FROM sessions s2 WHERE s2.developer_id = x.developer_id AND s2.session_id = x.session_id) AS "sessionRowId",
           x.timestamp, x.issue_type AS "issueType", x.severity, x.description, x.resolved, x.ts_ms AS ts
         FROM ${plain.sql.replace(" WHERE ", " JOIN developers d ON d.id = x.developer_id WHERE ")}
           AND x.developer_id = @dev
         ORDER BY ${sqlFor(input.db).sortKey("x.ts_ms", "DESC")} LIMIT ?`,
            [...plain.params, limit, { dev }],
          ),
        [window],
      )
    )
      .flat()
      // SQL's DESC puts NULL times last.
      .sort((a, b) => (b.ts ?? Number.NEGATIVE_INFINITY) - (a.ts ?? Number.NEGATIVE_INFINITY))
      .slice(0, limit)
      .map(({ ts: _ts, ...l }) => l);
    return {
      summary: summarizeIssueCounts(groups),
      open: groups.reduce((a, g) => a + g.open, 0),
      byModel: by("model"),
      byTaskType: by("task"),
      weekly: weekly.map((w) => ({
        week: new Date(w.wk).toISOString().slice(0, 10),
        severity: w.severity,
        count: w.count,
      })),
      latest: latest.map((l) => ({ ...l, resolved: Boolean(l.resolved) })),
    };
  });
}
