/**
 * Ship rates from the recorder's git evidence (issue 15), per developer / project / model / task type:
 * sessions that committed, how many of those shipped, lines shipped, time from session end to merge,
 * and the sessions whose self-reported outcome git contradicts. Reads the `git` field of each session's
 * winning record (no ingest column: sessions without the field cost the ingest nothing); only records
 * that contain it are parsed.
 */
import { normalizeSessionGit, summarizeSessionGit } from "ai-session-tracker-mcp/contract";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { all, sessionScope } from "./scope";
import { type OutcomeDisagreement, outcomeDisagreement } from "./session-git-view";

/** What the rows are grouped by. */
export type ShipRateGroup = "developer" | "project" | "model" | "task_type";

const GROUP_SQL: Record<ShipRateGroup, string> = {
  developer: "d.name",
  project: "s.project",
  model: "s.model_name",
  task_type: "s.task_type",
};

/** One group's figures. Lines are added + removed; hours are from session end to the last merge. */
export interface ShipRateRow {
  key: string;
  sessions: number;
  /** Sessions recorded with git evidence (a recorder that captures git, in a working tree or not). */
  sessionsWithEvidence: number;
  /** Sessions with at least one commit. */
  sessionsCommitted: number;
  /** Committed sessions with a verdict: shipped, reverted or unmerged past the window (not pending). */
  sessionsDecided: number;
  sessionsShipped: number;
  /** shipped ÷ decided; null when none is decided. */
  shipRate: number | null;
  linesChanged: number;
  linesShipped: number;
  medianHoursToMerge: number | null;
  successNotShipped: number;
  failedButShipped: number;
}

/** A session whose self-report git contradicts. `rowId` is the session page's id. */
export interface ShipDisagreement {
  rowId: number;
  developer: string;
  sessionId: string;
  sessionName: string;
  outcome: string;
  kind: OutcomeDisagreement;
  startMs: number | null;
}

/** {@link getShipRates}'s DTO: rows sorted by key, the total, the disagreements newest first. */
export interface ShipRates {
  group: ShipRateGroup;
  total: ShipRateRow;
  rows: ShipRateRow[];
  disagreements: ShipDisagreement[];
}

interface Acc {
  row: ShipRateRow;
  hours: number[];
}

function emptyRow(key: string): Acc {
  return {
    row: {
      key,
      sessions: 0,
      sessionsWithEvidence: 0,
      sessionsCommitted: 0,
      sessionsDecided: 0,
      sessionsShipped: 0,
      shipRate: null,
      linesChanged: 0,
      linesShipped: 0,
      medianHoursToMerge: null,
      successNotShipped: 0,
      failedButShipped: 0,
    },
    hours: [],
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] ?? null) : ((v[mid - 1] ?? 0) + (v[mid] ?? 0)) / 2;
}

function finish(a: Acc): ShipRateRow {
  const r = a.row;
  return {
    ...r,
    shipRate: r.sessionsDecided > 0 ? r.sessionsShipped / r.sessionsDecided : null,
    medianHoursToMerge: median(a.hours),
  };
}

/** Ship rates of the filtered sessions grouped by `group` (see {@link ShipRates}). */
export function getShipRates(input: FilteredInput & { group: ShipRateGroup }): ShipRates {
  return memo(input.db, "ship-rates", [input.filters, input.nowMs, input.group], () => {
    const scope = sessionScope(input.filters, queryWindow(input));
    const key = GROUP_SQL[input.group];
    const groups = new Map<string, Acc>();
    const total = emptyRow("all");
    const acc = (k: string) => {
      const a = groups.get(k) ?? emptyRow(k);
      groups.set(k, a);
      return a;
    };
    for (const c of all<{ key: string; sessions: number }>(
      input.db,
      `SELECT ${key} AS key, count(*) AS sessions FROM sessions s JOIN developers d ON d.id = s.developer_id
       WHERE ${scope.sql} GROUP BY 1`,
      scope.params,
    )) {
      acc(c.key).row.sessions += c.sessions;
      total.row.sessions += c.sessions;
    }
    const disagreements: ShipDisagreement[] = [];
    // instr() first: only records that carry the field are handed to json_extract and parsed.
    const rows = all<{
      rowId: number;
      key: string;
      developer: string;
      sessionId: string;
      sessionName: string | null;
      outcome: string | null;
      startMs: number | null;
      endMs: number | null;
      git: string | null;
    }>(
      input.db,
      `SELECT s.id AS rowId, ${key} AS key, d.name AS developer, s.session_id AS sessionId, s.session_name AS sessionName,
         s.outcome, s.start_ms AS startMs, s.end_ms AS endMs, json_extract(v.raw_json, '$.git') AS git
       FROM sessions s JOIN developers d ON d.id = s.developer_id JOIN session_versions v ON v.id = s.version_id
       WHERE ${scope.sql} AND instr(v.raw_json, '"git"') > 0`,
      scope.params,
    );
    for (const r of rows) {
      const git = r.git === null ? undefined : normalizeSessionGit(JSON.parse(r.git) as unknown);
      if (!git) continue;
      const sum = summarizeSessionGit(git);
      const kind = outcomeDisagreement(r.outcome, sum.status);
      for (const a of [acc(r.key), total]) {
        const x = a.row;
        x.sessionsWithEvidence++;
        if (sum.commits === 0) continue;
        x.sessionsCommitted++;
        x.linesChanged += sum.lines_changed;
        x.linesShipped += sum.lines_shipped;
        if (sum.status !== "pending") x.sessionsDecided++;
        if (sum.status === "shipped") {
          x.sessionsShipped++;
          if (sum.merged_at && r.endMs !== null)
            a.hours.push(Math.max(0, (Date.parse(sum.merged_at) - r.endMs) / 3_600_000));
        }
        if (kind === "success_not_shipped") x.successNotShipped++;
        if (kind === "failed_but_shipped") x.failedButShipped++;
      }
      if (kind)
        disagreements.push({
          rowId: r.rowId,
          developer: r.developer,
          sessionId: r.sessionId,
          sessionName: r.sessionName ?? "",
          outcome: r.outcome ?? "",
          kind,
          startMs: r.startMs,
        });
    }
    disagreements.sort(
      (a, b) => (b.startMs ?? 0) - (a.startMs ?? 0) || a.sessionId.localeCompare(b.sessionId),
    );
    return {
      group: input.group,
      total: finish(total),
      rows: [...groups.values()].map(finish).sort((a, b) => a.key.localeCompare(b.key)),
      disagreements,
    };
  });
}
