/**
 * The portal's headline ROI method (`ai-session-tracker-mcp/stats` `roi-method.ts`) for the sessions a
 * set of filters selects — overall or per developer / project / model / task type. SQL sums what the
 * formula needs in one grouped pass (per slice, developer and outcome: sessions, session minutes and the
 * lower / upstream / higher estimate); the package turns the sums into figures.
 *
 * AI spend is seats × months × seat price:
 * - months: the query window in calendar months, pro-rated by time (`calendarMonths`); "All time" is
 *   charged from the first record's UTC day to the end of the last record's day.
 * - seats: the developers with at least one session in the view, each for the whole period (finance
 *   pays a seat whether it is used or not). A view that picks only part of a developer's work (a project,
 *   model, task type or outcome filter, or a slice of a project / model / task breakdown) charges that
 *   developer the share of their sessions in the window it holds, so the slices of one breakdown add up
 *   to the seats of the whole team.
 * - measured (issue 13): a developer whose token usage was extracted (`usage` rows in the window) is
 *   charged that usage's cost instead of a seat — in the overall view, a developer slice and a project
 *   slice (the usage's project). A model, task type or outcome view cannot attribute usage to its
 *   sessions and stays on seats. The figure's `spend.basis` says which it used.
 *
 * Outcome signal (issue 15, setting `outcomeSignal`): `self_report` (default) values each session by its
 * reported outcome. `shipped` takes git's verdict where there is one (`summarizeSessionGit`): a shipped
 * session counts as a success for the shipped share of its lines (lines of merged, unreverted commits ÷
 * all its lines; the rest counts as failed, its session time stays whole), a reverted or unmerged one as
 * failed; a session without commits, without git evidence or still pending keeps its self-report. Only
 * then are records that carry a `git` field read (a text search first, as get-ship-rates.ts does); the default
 * path reads no JSON. `outcomeSignal` in the view says how many sessions took which.
 */

import { normalizeSessionGit, summarizeSessionGit } from "ai-session-tracker-mcp/contract";
import {
  calendarMonths,
  type RoiMethod,
  type RoiMethodSettings,
  type RoiMethodTotals,
  roiMethodFromTotals,
  shippedOutcomeTotals,
} from "ai-session-tracker-mcp/stats";
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import type { DashboardFilters, TimeWindow } from "@/lib/filters";
import { PRICING_SETTING_KEY, priceRowsOf } from "@/lib/pricing-settings";
import { getPortalSettings, type OutcomeSignal, type PortalSettings } from "@/lib/settings";
import { clampToData, getDataSpan, queryWindow } from "./data-span";
import { type MeasuredPart, measuredSpendByDeveloper } from "./get-spend";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper, rowFilters } from "./per-developer";
import { all, get, PRODUCTIVE_COMPLETED, sessionScope } from "./scope";
import { developerNames, GROUP_SQL, type SliceGroup } from "./slices";

/** The method's figures for one view, with the period its seats are charged for. */
export interface RoiMethodView extends RoiMethod {
  /** "" overall; the developer's name, project, model or task type of a slice. */
  key: string;
  /** The period charged (epoch ms, UTC, `[fromMs, toMs)`); null when the database holds no record. */
  period: TimeWindow | null;
  /** Developers with at least one session in the view (whole seats or shares, see the module header). */
  activeDevelopers: number;
  /** Which outcome the counted sessions were valued by: git's verdict for `fromGit`, self-report for the rest. */
  outcomeSignal: { signal: OutcomeSignal; fromGit: number; selfReport: number };
}

/** The method's settings plus the portal's outcome signal (absent = self-report). */
export interface PortalMethodSettings extends RoiMethodSettings {
  outcomeSignal?: OutcomeSignal;
}

/** Input of {@link getRoiMethod}. */
export interface RoiMethodInput {
  db: Store;
  filters: DashboardFilters;
  /** Request time (epoch ms) the date presets count back from. */
  nowMs: number;
  method: PortalMethodSettings;
}

/** The settings the method applies: the hourly rate and seat price of the ROI assumptions plus its own. */
export async function getMethodSettings({ db }: { db: Store }): Promise<PortalMethodSettings> {
  return methodSettingsOf(await getPortalSettings({ db }));
}

/** The method's settings of the portal settings `s` (see {@link getMethodSettings}). */
export function methodSettingsOf(s: PortalSettings): PortalMethodSettings {
  return {
    humanHourlyRate: s.humanHourlyRate,
    seatPricePerMonth: s.aiMonthlyCost,
    engagementShare: s.engagementShare,
    partialWeight: s.partialWeight,
    outcomeSignal: s.outcomeSignal,
  };
}

/** The method over the filtered sessions (one view, keyed ""). */
export async function getRoiMethod(input: RoiMethodInput): Promise<RoiMethodView> {
  const [v] = await getRoiMethodSlices({ ...input, group: "none" });
  if (!v) throw new Error("getRoiMethodSlices returned no view");
  return v;
}

/** The method per developer / project / model / task type, sorted by counted sessions (then key). */
export async function getRoiMethodSlices(
  input: RoiMethodInput & { group: SliceGroup },
): Promise<RoiMethodView[]> {
  const window = await queryWindow(input);
  const { db, filters, group, method } = input;
  return memo(
    db,
    "roiMethod",
    [filters, window, group, method],
    async () => await computeViews(db, filters, window, group, method),
  );
}

/** One grouped row of the method's sums (`pc` = productive completed, as 0/1). */
export interface MethodSumsRow {
  outcome: string | null;
  pc: number;
  n: number;
  ai: number;
  lo: number;
  up: number;
  hi: number;
}

interface Row extends MethodSumsRow {
  k: string | number;
  dev: number;
  /** The session's `git` JSON (shipped signal only: one row per session that carries it). */
  git?: string | null;
}

// A 0 estimate is absent (upstream's `or` chain): with both final and initial estimates present (non-zero)
// the lower / higher is the smaller / larger of them, else `estimate_minutes` is the chain's single value
// (final, else initial, else legacy, else 0). Written as CASE so it reads the same on both engines (a NULL
// column makes `<> 0` NULL, so it falls to the ELSE).
const BOTH_ESTIMATES = "s.final_estimate_minutes <> 0 AND s.initial_estimate_minutes <> 0";
const LOWER = `CASE WHEN ${BOTH_ESTIMATES} THEN (CASE WHEN s.final_estimate_minutes < s.initial_estimate_minutes
  THEN s.final_estimate_minutes ELSE s.initial_estimate_minutes END) ELSE s.estimate_minutes END`;
const HIGHER = `CASE WHEN ${BOTH_ESTIMATES} THEN (CASE WHEN s.final_estimate_minutes > s.initial_estimate_minutes
  THEN s.final_estimate_minutes ELSE s.initial_estimate_minutes END) ELSE s.estimate_minutes END`;

/**
 * The SELECT list of {@link MethodSumsRow} over sessions `s` (its parameters: `PRODUCTIVE_COMPLETED.params`,
 * first): group by the outcome and `pc` columns beside your own keys.
 */
export const METHOD_SUMS_SQL = `s.outcome AS outcome, ${PRODUCTIVE_COMPLETED.sql} AS pc, count(*) AS n,
  COALESCE(sum(s.duration_minutes), 0) AS ai, COALESCE(sum(${LOWER}), 0) AS lo, COALESCE(sum(s.estimate_minutes), 0) AS up, COALESCE(sum(${HIGHER}), 0) AS hi`;

/** The method's totals of a sums row; null when its sessions are not counted (not productive completed). */
export function methodTotals(r: MethodSumsRow): RoiMethodTotals | null {
  if (!r.pc) return null;
  return {
    outcome: r.outcome,
    sessions: r.n,
    aiMinutes: r.ai,
    lowerMinutes: r.lo,
    upstreamMinutes: r.up,
    higherMinutes: r.hi,
  };
}

async function computeViews(
  db: Store,
  filters: DashboardFilters,
  window: TimeWindow | null,
  group: SliceGroup,
  method: PortalMethodSettings,
): Promise<RoiMethodView[]> {
  const g = GROUP_SQL[group];
  const scope = sessionScope(filters, window);
  const signal: OutcomeSignal = method.outcomeSignal ?? "self_report";
  const shipped = signal === "shipped";
  // Shipped signal: sessions whose record carries `git` get a row of their own with that JSON.
  const dialect = sqlFor(db);
  const GIT = dialect.contains("v.raw_json", `'"git"'`);
  const sql = shipped
    ? `SELECT ${g.session} AS k, s.developer_id AS dev, ${METHOD_SUMS_SQL},
         max(CASE WHEN ${GIT} THEN ${dialect.jsonMember("v.raw_json", "git")} END) AS git
       FROM sessions s JOIN session_versions v ON v.id = s.version_id
       WHERE ${ONE_DEVELOPER} AND ${scope.sql} GROUP BY 1, 2, 3, 4, CASE WHEN ${GIT} THEN s.id END`
    : `SELECT ${g.session} AS k, s.developer_id AS dev, ${METHOD_SUMS_SQL}
       FROM sessions s WHERE ${ONE_DEVELOPER} AND ${scope.sql} GROUP BY 1, 2, 3, 4`;
  // Each developer's rows on their own, cached under their data version (per-developer.ts).
  const key = shipped ? [rowFilters(filters), group, signal] : [rowFilters(filters), group];
  const rows = (
    await perDeveloper(
      db,
      "roiMethod",
      key,
      filters.developer,
      async (dev) => await all<Row>(db, sql, [...PRODUCTIVE_COMPLETED.params, ...scope.params, { dev }]),
      [window],
    )
  ).flat();

  // Seat shares: only a view that picks part of a developer's sessions needs their whole-window count.
  const partial = group === "project" || group === "model" || group === "task" || partOfWork(filters);
  const perDev = partial ? await sessionsPerDeveloper(db, filters, window) : null;

  const period = await chargedPeriod(db, window);
  const months = period ? calendarMonths(period.fromMs, period.toMs) : 0;
  const names = group === "developer" ? await developerNames({ db }) : null;
  const label = (k: string | number) => (names ? (names.get(Number(k)) ?? String(k)) : String(k));

  const acc = new Map<
    string,
    { totals: RoiMethodTotals[]; devSessions: Map<number, number>; fromGit: number; counted: number }
  >();
  for (const r of rows) {
    const key = label(r.k);
    let a = acc.get(key);
    if (!a) {
      a = { totals: [], devSessions: new Map(), fromGit: 0, counted: 0 };
      acc.set(key, a);
    }
    a.devSessions.set(r.dev, (a.devSessions.get(r.dev) ?? 0) + r.n);
    const t = methodTotals(r);
    if (!t) continue;
    a.counted += t.sessions;
    const byGit = shipped && r.git ? shippedTotals(t, r.git) : null;
    if (byGit) {
      a.fromGit += t.sessions;
      a.totals.push(...byGit);
    } else a.totals.push(t);
  }
  if (group === "none" && acc.size === 0)
    acc.set("", { totals: [], devSessions: new Map(), fromGit: 0, counted: 0 });

  const measuredAt = measurable(filters, group)
    ? await measuredSpendByDeveloper({ db, filters, window, prices: await pricesInForce(db) })
    : null;
  const views: RoiMethodView[] = [];
  for (const [key, a] of acc) {
    let seats = 0;
    const measured = { usd: 0, developers: 0, unpricedRequests: 0 };
    for (const [dev, n] of a.devSessions) {
      const m = measuredPart(measuredAt?.get(dev), group === "project" ? key : null);
      if (m) {
        measured.usd += m.usd;
        measured.developers += 1;
        measured.unpricedRequests += m.unpricedRequests;
        continue;
      }
      const whole = perDev?.get(dev);
      seats += whole ? n / whole : 1;
    }
    views.push({
      key,
      period,
      activeDevelopers: a.devSessions.size,
      outcomeSignal: { signal, fromGit: a.fromGit, selfReport: a.counted - a.fromGit },
      ...roiMethodFromTotals(a.totals, { seats, months, measured }, method),
    });
  }
  views.sort((x, y) => y.sessions - x.sessions || x.key.localeCompare(y.key));
  return views;
}

/** One session's totals valued by git ({@link shippedOutcomeTotals}); null when git has no verdict. */
export function shippedTotals(t: RoiMethodTotals, gitJson: string): RoiMethodTotals[] | null {
  const git = normalizeSessionGit(JSON.parse(gitJson) as unknown);
  return git ? shippedOutcomeTotals(t, summarizeSessionGit(git)) : null;
}

/** Views whose sessions usage can be attributed to: overall, per developer, per project (no model/task/outcome). */
function measurable(f: DashboardFilters, group: SliceGroup): boolean {
  return (
    (group === "none" || group === "developer" || group === "project") && !f.model && !f.task && !f.outcome
  );
}

/** A developer's measured usage in the view (one project's for a project slice); null when none. */
function measuredPart(
  byProject: Map<string, MeasuredPart> | undefined,
  project: string | null,
): MeasuredPart | null {
  if (!byProject) return null;
  const parts =
    project === null ? [...byProject.values()] : [byProject.get(project)].filter((p) => p !== undefined);
  const sum = { usd: 0, requests: 0, unpricedRequests: 0 };
  for (const p of parts) {
    sum.usd += p.usd;
    sum.requests += p.requests;
    sum.unpricedRequests += p.unpricedRequests;
  }
  return sum.requests > 0 ? sum : null;
}

/** True when a filter selects only part of a developer's sessions in the window. */
function partOfWork(f: DashboardFilters): boolean {
  return f.project !== undefined || Boolean(f.model || f.task || f.outcome);
}

/** Every developer's session count in the window (the developer filter kept, the others dropped). */
async function sessionsPerDeveloper(
  db: Store,
  filters: DashboardFilters,
  window: TimeWindow | null,
): Promise<Map<number, number>> {
  const whole = sessionScope(
    { range: filters.range, developer: filters.developer, project: undefined },
    window,
  );
  const rows = (
    await perDeveloper(
      db,
      "sessionsPerDeveloper",
      [filters.developer ?? null],
      filters.developer,
      async (dev) =>
        await all<{ dev: number; n: number }>(
          db,
          `SELECT s.developer_id AS dev, count(*) AS n FROM sessions s WHERE ${ONE_DEVELOPER} AND ${whole.sql} GROUP BY 1`,
          [...whole.params, { dev }],
        ),
      [window],
    )
  ).flat();
  return new Map(rows.map((r) => [r.dev, r.n]));
}

/** The query window, or for all time the whole UTC days the data covers; null without data. */
export async function chargedPeriod(db: Store, window: TimeWindow | null): Promise<TimeWindow | null> {
  if (window) return window;
  const span = await getDataSpan({ db });
  return span ? clampToData({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER }, span) : null;
}

/** The price table in force: the stored `pricing` setting parsed as lib/pricing-settings.ts parses it. */
async function pricesInForce(db: Store) {
  const row = await get<{ value: string }>(db, "SELECT value FROM settings WHERE key = ?", [
    PRICING_SETTING_KEY,
  ]);
  return priceRowsOf(row?.value);
}
