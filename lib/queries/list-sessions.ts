/**
 * The Sessions table: filtered, sorted and paginated in SQL (LIMIT/OFFSET over the indexed start time by
 * default), with the total count for the pager.
 */
import { z } from "zod";
import { sqlFor } from "@/lib/db/dialect";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, get, sessionScope } from "./scope";
import { elapsedMinutes, type Liveness, lastActivitySql, sessionLiveness } from "./session-liveness";

/** Sortable columns and their SQL. */
export const SESSION_SORTS = {
  start: "s.start_ms",
  developer: "d.name",
  project: "s.project",
  task: "s.task_type",
  model: "s.model_name",
  status: "s.status",
  outcome: "s.outcome",
  duration: "s.duration_minutes",
  estimate: "s.estimate_minutes",
  interactions: "s.total_interactions",
  effectiveness: "s.avg_effectiveness",
} as const;
/** A sortable column. */
export type SessionSort = keyof typeof SESSION_SORTS;
/** The sortable columns holding text (ordered by code point on both engines). */
const TEXT_SORTS: readonly SessionSort[] = ["developer", "project", "task", "model", "status", "outcome"];

/** zod schema of the table's own URL params (`page`, `sort`, `dir`, `size`); bad values fall back. */
export const sessionTableParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  sort: z.enum(Object.keys(SESSION_SORTS) as [SessionSort, ...SessionSort[]]).catch("start"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  pageSize: z.coerce.number().int().min(5).max(200).catch(25),
});
/** Parsed table params. */
export type SessionTableParams = z.infer<typeof sessionTableParamsSchema>;

/** One table row. Times are the tracker's ISO text; minutes are durations. */
export interface SessionRow {
  id: number;
  sessionId: string;
  developer: string;
  sessionName: string;
  project: string;
  taskType: string;
  model: string;
  status: string;
  outcome: string | null;
  startTime: string | null;
  startMs: number | null;
  durationMinutes: number;
  estimateMinutes: number;
  interactions: number;
  avgEffectiveness: number;
  /** Files holding a version of the session (> 1: conflict copies were merged). */
  versions: number;
  /** Active sessions only: last activity (epoch ms), live or abandoned at the request time, minutes running. */
  lastActivityMs: number | null;
  liveness: Liveness | null;
  elapsedMinutes: number | null;
}

/** A page of sessions. */
export interface SessionPage {
  rows: SessionRow[];
  total: number;
  page: number;
  pageCount: number;
  params: SessionTableParams;
}

/**
 * Filtered sessions, sorted by `params.sort` (ties by row id), page `params.page` of `params.pageSize`.
 * Active sessions are live or abandoned at `nowMs` after `maxSessionMinutes` without activity.
 */
export async function listSessions(
  input: FilteredInput & { params: SessionTableParams; maxSessionMinutes?: number },
): Promise<SessionPage> {
  const max = input.maxSessionMinutes;
  return memo(input.db, "sessions", [input.filters, input.nowMs, input.params, max ?? null], async () => {
    const scope = sessionScope(input.filters, await queryWindow(input));
    const { params } = input;
    const total =
      (
        await get<{ n: number }>(
          input.db,
          `SELECT count(*) AS n FROM sessions s WHERE ${scope.sql}`,
          scope.params,
        )
      )?.n ?? 0;
    const pageCount = Math.max(1, Math.ceil(total / params.pageSize));
    const page = Math.min(params.page, pageCount);
    const dir = params.dir === "asc" ? "ASC" : "DESC";
    const raw = await all<Omit<SessionRow, "liveness" | "elapsedMinutes">>(
      input.db,
      `SELECT s.id, s.session_id AS "sessionId", d.name AS developer, s.session_name AS "sessionName", s.project,
         s.task_type AS "taskType", s.model_name AS model, s.status, s.outcome, s.start_time AS "startTime",
         s.start_ms AS "startMs", s.duration_minutes AS "durationMinutes", s.estimate_minutes AS "estimateMinutes",
         s.total_interactions AS interactions, s.avg_effectiveness AS "avgEffectiveness", s.versions_count AS versions,
         ${lastActivitySql(input.db)} AS "lastActivityMs"
       FROM sessions s JOIN developers d ON d.id = s.developer_id
       WHERE ${scope.sql} ORDER BY ${sqlFor(input.db).sortKey(SESSION_SORTS[params.sort], dir, { text: TEXT_SORTS.includes(params.sort) })}, s.id ${dir}
       LIMIT ? OFFSET ?`,
      [...scope.params, params.pageSize, (page - 1) * params.pageSize],
    );
    const rows = raw.map((r) => {
      const liveness = sessionLiveness({ ...r, nowMs: input.nowMs, maxSessionMinutes: max });
      return { ...r, liveness, elapsedMinutes: elapsedMinutes(liveness, r.startMs, input.nowMs) };
    });
    return { rows, total, page, pageCount, params: { ...params, page } };
  });
}
