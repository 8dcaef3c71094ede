/**
 * Ship rates from the recorder's git evidence (issue 15), per developer / project / model / task type:
 * sessions that committed, how many of those shipped, lines shipped, time from session end to merge,
 * and the sessions whose self-reported outcome git contradicts. From the `git` field of each session's
 * winning record (no ingest column: sessions without the field cost the ingest nothing), summarised once
 * per developer and data change (`session-git-summaries.ts`).
 */
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import { queryWindow } from "./data-span";
import type { FilteredInput } from "./get-report";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper } from "./per-developer";
import { all, type SqlPart, sessionScope } from "./scope";
import { type GitSummaries, sessionGitSummaries } from "./session-git-summaries";
import { type OutcomeDisagreement, outcomeDisagreement } from "./session-git-view";

/** What the rows are grouped by. */
export type ShipRateGroup = "developer" | "project" | "model" | "task_type";

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

/** The columns added up when developers' parts of one key are merged. */
const SUMMED = [
  "sessions",
  "sessionsWithEvidence",
  "sessionsCommitted",
  "sessionsDecided",
  "sessionsShipped",
  "linesChanged",
  "linesShipped",
  "successNotShipped",
  "failedButShipped",
] as const satisfies readonly (keyof ShipRateRow)[];

/** `from` added into `into` (counts summed, hours to merge united). */
function addInto(into: Acc, from: Acc): void {
  for (const col of SUMMED) into.row[col] += from.row[col];
  for (const h of from.hours) into.hours.push(h);
}

const GROUPS: readonly ShipRateGroup[] = ["developer", "project", "model", "task_type"];

/** One developer's figures in the scope, for every grouping at once (cached: read-only). */
interface DeveloperPart {
  groups: Record<ShipRateGroup, Map<string, Acc>>;
  disagreements: ShipDisagreement[];
}

interface SessionRow {
  rowId: number;
  developer: string;
  project: string;
  model: string;
  task: string;
  sessionId: string;
  sessionName: string | null;
  outcome: string | null;
  startMs: number | null;
  endMs: number | null;
}

const keysOf = (r: Pick<SessionRow, "developer" | "project" | "model" | "task">) =>
  ({ developer: r.developer, project: r.project, model: r.model, task_type: r.task }) satisfies Record<
    ShipRateGroup,
    string
  >;

/**
 * One developer's part: session counts per key, and each of their sessions in scope with git evidence
 * counted from its summary (`session-git-summaries.ts`, no JSON read here).
 */
async function developerPart(
  db: Store,
  dev: number,
  scope: SqlPart,
  summaries: GitSummaries | undefined,
): Promise<DeveloperPart> {
  const groups = Object.fromEntries(GROUPS.map((g) => [g, new Map<string, Acc>()])) as Record<
    ShipRateGroup,
    Map<string, Acc>
  >;
  const accs = (keys: Record<ShipRateGroup, string>) =>
    GROUPS.map((g) => {
      const m = groups[g];
      const a = m.get(keys[g]) ?? emptyRow(keys[g]);
      m.set(keys[g], a);
      return a;
    });
  const params = [...scope.params, { dev }];
  for (const c of await all<
    Omit<SessionRow, "rowId" | "sessionId" | "sessionName" | "outcome" | "startMs" | "endMs"> & { n: number }
  >(
    db,
    `SELECT d.name AS developer, s.project AS project, s.model_name AS model, s.task_type AS task, count(*) AS n
     FROM sessions s JOIN developers d ON d.id = s.developer_id
     WHERE ${ONE_DEVELOPER} AND ${scope.sql} GROUP BY 1, 2, 3, 4`,
    params,
  ))
    for (const a of accs(keysOf(c))) a.row.sessions += c.n;
  const disagreements: ShipDisagreement[] = [];
  if (!summaries?.size) return { groups, disagreements };
  for (const r of await all<SessionRow>(
    db,
    `SELECT s.id AS "rowId", d.name AS developer, s.project AS project, s.model_name AS model, s.task_type AS task,
       s.session_id AS "sessionId", s.session_name AS "sessionName", s.outcome, s.start_ms AS "startMs", s.end_ms AS "endMs"
     FROM sessions s JOIN developers d ON d.id = s.developer_id
     WHERE ${ONE_DEVELOPER} AND ${scope.sql} AND ${sqlFor(db).inList("s.id", "integer")}`,
    [...scope.params, sqlFor(db).list([...summaries.keys()]), { dev }],
  )) {
    const sum = summaries.get(r.rowId);
    if (!sum) continue;
    const kind = outcomeDisagreement(r.outcome, sum.status);
    for (const a of accs(keysOf(r))) {
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
  return { groups, disagreements };
}

/**
 * Ship rates of the filtered sessions grouped by `group` (see {@link ShipRates}). Each developer's part
 * (every grouping at once) is cached under their data version (`per-developer.ts`) and the git summaries
 * under it too, so after an ingest change only the changed developer is read again, and the four
 * groupings of the Shipped page share one pass.
 */
export async function getShipRates(input: FilteredInput & { group: ShipRateGroup }): Promise<ShipRates> {
  return memo(input.db, "ship-rates", [input.filters, input.nowMs, input.group], async () => {
    const { db, filters, group } = input;
    const scope = sessionScope(filters, await queryWindow(input));
    // One snapshot: the summaries and the parts computed from them belong to it.
    const parts = await db.snapshot(async () => {
      const summaries = await sessionGitSummaries({ db, developer: filters.developer });
      return perDeveloper(db, "ship-rates", [scope], filters.developer, (dev) =>
        developerPart(db, dev, scope, summaries.get(dev)),
      );
    });
    const groups = new Map<string, Acc>();
    const total = emptyRow("all");
    const disagreements: ShipDisagreement[] = [];
    for (const p of parts) {
      for (const [k, a] of p.groups[group]) {
        const into = groups.get(k) ?? emptyRow(k);
        groups.set(k, into);
        addInto(into, a);
      }
      // A developer's own key holds all their sessions: the total adds those up.
      for (const a of p.groups.developer.values()) addInto(total, a);
      for (const d of p.disagreements) disagreements.push(d);
    }
    disagreements.sort(
      (a, b) =>
        (b.startMs ?? 0) - (a.startMs ?? 0) || a.sessionId.localeCompare(b.sessionId) || a.rowId - b.rowId,
    );
    return {
      group,
      total: finish(total),
      rows: [...groups.values()].map(finish).sort((a, b) => a.key.localeCompare(b.key)),
      disagreements,
    };
  });
}
