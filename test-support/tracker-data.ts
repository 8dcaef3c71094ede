/**
 * Loads the resolved (merged, de-duplicated) tracker data back as the contract's normalised model, so the
 * `stats` package can compute ROI, gaps, token stats etc. over any slice (a developer, a project, the team).
 * Sessions come from the winning version's raw JSON; interactions, issues and requests are rebuilt from
 * their columns in the upstream record layout and normalised through the contract too. Test support: the
 * ingest tests check what the DB holds through it; the portal's pages read through `lib/queries`.
 */
import {
  type AiRequest,
  type Interaction,
  type Issue,
  parseTrackerFile,
  type Session,
} from "ai-session-tracker-mcp/contract";
import type { Store } from "@/lib/db/store";

// SQLite's order of NULL times (first) on both engines.
const NULLS_FIRST = "CASE WHEN x.ts_ms IS NULL THEN 0 ELSE 1 END, ";
const NULLS_FIRST_S = "CASE WHEN s.start_ms IS NULL THEN 0 ELSE 1 END, ";

/** Arguments of {@link getTrackerData}: the DB and optional filters (no filter = the whole team). */
export interface TrackerDataArgs {
  db: Store;
  /** Developer folder name. */
  developer?: string;
  /** Effective project (see `sessions.project`); interactions/issues follow their session's project. */
  project?: string;
}

/** Normalised data of a slice, ordered by time (sessions by start, the rest by timestamp). */
export interface TrackerData {
  sessions: (Session & { developer_folder: string })[];
  interactions: Interaction[];
  issues: Issue[];
  requests: AiRequest[];
}

/** Loads the merged data of a slice as contract records. Requests are filtered by developer only. */
export async function getTrackerData({
  db,
  developer,
  project: projectFilter,
}: TrackerDataArgs): Promise<TrackerData> {
  // Filters as SQL conditions with their parameters (no filter: no condition), portable to both engines.
  const devWhere = developer === undefined ? "" : " AND d.name = ?";
  const devParams = developer === undefined ? [] : [developer];
  const project = projectFilter ?? null;
  const sessionRows = await db.all<{ sessionId: string; rawJson: string; developer: string }>(
    `SELECT s.session_id AS "sessionId", v.raw_json AS "rawJson", d.name AS developer
     FROM sessions s JOIN session_versions v ON v.id = s.version_id JOIN developers d ON d.id = s.developer_id
     WHERE 1 = 1${devWhere}${project === null ? "" : " AND s.project = ?"}
     ORDER BY ${NULLS_FIRST_S}s.start_ms, s.id`,
    project === null ? devParams : [...devParams, project],
  );
  const sessions: TrackerData["sessions"] = [];
  for (const row of sessionRows) {
    const parsed = parseTrackerFile("sessions", { [row.sessionId]: JSON.parse(row.rawJson) as unknown });
    for (const s of parsed.records) sessions.push({ ...s, developer_folder: row.developer });
  }
  // Interactions/issues of a project: those whose session (same developer) is in that project.
  const projectWhere =
    project === null
      ? ""
      : ` AND EXISTS (SELECT 1 FROM sessions s WHERE s.developer_id = x.developer_id
                      AND s.session_id = x.session_id AND s.project = ?)`;
  const params = project === null ? devParams : [...devParams, project];
  const interactionRows = await db.all<Record<string, unknown> & { tools_used_json: string }>(
    `SELECT x.session_id, x.timestamp, x.prompt, x.response_summary, x.effectiveness_rating, x.iteration_count,
            x.tools_used_json, x.tokens_in, x.tokens_out, x.cache_hit_rate, x.cached_tokens, x.new_tokens, x.context_pct
     FROM interactions x JOIN developers d ON d.id = x.developer_id
     WHERE 1 = 1${devWhere}${projectWhere} ORDER BY ${NULLS_FIRST}x.ts_ms, x.id`,
    params,
  );
  const interactions = parseTrackerFile(
    "interactions",
    interactionRows.map(({ tools_used_json, ...r }) => ({
      ...r,
      tools_used: JSON.parse(tools_used_json) as unknown,
    })),
  ).records;
  const issueRows = await db.all<Record<string, unknown>>(
    `SELECT x.session_id, x.timestamp, x.issue_type, x.description, x.severity, x.resolved, x.resolution_notes
     FROM issues x JOIN developers d ON d.id = x.developer_id
     WHERE 1 = 1${devWhere}${projectWhere} ORDER BY ${NULLS_FIRST}x.ts_ms, x.id`,
    params,
  );
  const issues = parseTrackerFile(
    "issues",
    issueRows.map((r) => ({ ...r, resolved: r.resolved === 1 })),
  ).records;
  const requestRows = await db.all<Record<string, unknown>>(
    `SELECT CASE WHEN x.request_key LIKE 'h:%' THEN '' ELSE x.request_key END AS id, x.timestamp, x.model, x.type,
            x.tokens_in, x.tokens_out, x.cache_hit_rate, x.cached_tokens, x.new_tokens, x.context_pct, x.note,
            x.project, x.record_developer AS developer
     FROM requests x JOIN developers d ON d.id = x.developer_id
     WHERE 1 = 1${devWhere} ORDER BY ${NULLS_FIRST}x.ts_ms, x.id`,
    devParams,
  );
  const requests = parseTrackerFile("requests", requestRows).records;
  return { sessions, interactions, issues, requests };
}
