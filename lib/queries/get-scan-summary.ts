/**
 * The per-developer summary `npm run scan` prints after a pass: what the DB holds for each developer
 * (counts by SQL) and the developer's ROI figures over all time (the read model's slices, so the same
 * stats-package figures the portal shows). An active session quiet for longer than the maximum session
 * duration is abandoned (`session-liveness.ts`), counted apart from the active ones, as on the portal.
 */
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import { all } from "./scope";
import { lastActivitySql } from "./session-liveness";
import { computeSlices } from "./slices";

/** Per-developer line of the scan summary. */
export interface DeveloperSummary {
  developer: string;
  sessions: number;
  completed: number;
  /** Active sessions still live (activity within the maximum session duration). */
  active: number;
  /** Active sessions with no activity for longer than the maximum session duration. */
  abandoned: number;
  interactions: number;
  issues: number;
  requests: number;
  files: number;
  filesWithErrors: number;
  /** ROI figures of the stats package over the developer's merged data. */
  aiHours: number;
  humanHours: number;
  roiPercentage: number;
}

/**
 * One line per developer (sorted by name): record and file counts, hours and ROI % over all time; active
 * sessions judged live or abandoned at `nowMs` (epoch ms; default the current time) against
 * `maxSessionMinutes`.
 */
export async function getScanSummary({
  db,
  nowMs = Date.now(),
  maxSessionMinutes,
}: {
  db: Store;
  nowMs?: number;
  /** The setting in force (`getMaxSessionMinutes`). */
  maxSessionMinutes: number;
}): Promise<DeveloperSummary[]> {
  const rows = await all<Omit<DeveloperSummary, "aiHours" | "humanHours" | "roiPercentage">>(
    db,
    `WITH live AS (
       SELECT s.developer_id AS dev, sum(CASE WHEN coalesce(${lastActivitySql(db)}, 0) >= ? THEN 1 ELSE 0 END) AS live,
         sum(CASE WHEN coalesce(${lastActivitySql(db)}, 0) < ? THEN 1 ELSE 0 END) AS abandoned
       FROM sessions s WHERE s.status = 'active' GROUP BY 1
     )
     SELECT d.name AS developer,
         (SELECT count(*) FROM sessions s WHERE s.developer_id = d.id) AS sessions,
         (SELECT count(*) FROM sessions s WHERE s.developer_id = d.id AND s.status = 'completed') AS completed,
         coalesce((SELECT live FROM live WHERE live.dev = d.id), 0) AS active,
         coalesce((SELECT abandoned FROM live WHERE live.dev = d.id), 0) AS abandoned,
         (SELECT count(*) FROM interactions x WHERE x.developer_id = d.id) AS interactions,
         (SELECT count(*) FROM issues x WHERE x.developer_id = d.id) AS issues,
         (SELECT count(*) FROM requests x WHERE x.developer_id = d.id) AS requests,
         (SELECT count(*) FROM source_files f WHERE f.developer_id = d.id) AS files,
         (SELECT count(*) FROM source_files f WHERE f.developer_id = d.id AND f.status = 'error') AS "filesWithErrors"
       FROM developers d ORDER BY ${sqlFor(db).sortKey("d.name", "ASC", { text: true })}`,
    [nowMs - maxSessionMinutes * 60_000, nowMs - maxSessionMinutes * 60_000],
  );
  // One grouped pass over the read model (SQL aggregates + the stats package), not a load per developer.
  const slices = new Map(
    (await computeSlices({ db, filters: { range: "all" }, window: null, group: "developer" })).map((s) => [
      s.key,
      s.roi,
    ]),
  );
  return rows.map((r) => {
    const roi = slices.get(r.developer);
    return {
      ...r,
      aiHours: roi?.time_metrics.total_ai_hours ?? 0,
      humanHours: roi?.time_metrics.estimated_human_hours ?? 0,
      roiPercentage: roi?.cost_metrics.roi_percentage ?? 0,
    };
  });
}
