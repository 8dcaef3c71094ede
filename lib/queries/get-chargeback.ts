/**
 * The monthly chargeback table: month × developer × project with sessions, value hours and AI spend,
 * by the portal's ROI method (`ai-session-tracker-mcp/stats` `roi-method.ts`, see ./get-roi-method.ts):
 *
 * - month: the UTC calendar month a session starts in (sessions without a parseable start are left out —
 *   they have no month). Only the part of a month inside the period is charged.
 * - sessions: every session of the view in the cell (all statuses and task types).
 * - value hours: the method's expected case `hoursSaved` over the cell's counted sessions (productive
 *   completed): delivered estimate hours (outcome-weighted) − engagement share × session hours.
 * - AI spend: the developer's seat for that month (seat price × the month's charged part, pro-rated by
 *   days) split over projects by the share of the developer's sessions of that month the cell holds.
 *   The share's whole is every session of the developer that month in the period with only the developer
 *   filter applied, so a project / model / task / outcome filter shows that part's share and the cells
 *   of one developer-month add up to one seat-month. Rounding is the method's (seats and months to 2 dp,
 *   then the product to 2 dp), so a row can differ from an exact split by a cent.
 */
import {
  calendarMonths,
  type RoiMethodSettings,
  type RoiMethodTotals,
  roiMethodFromTotals,
} from "ai-session-tracker-mcp/stats";
import { sqlFor } from "@/lib/db/dialect";
import type { Store } from "@/lib/db/store";
import type { DashboardFilters } from "@/lib/filters";
import { queryWindow } from "./data-span";
import { chargedPeriod, METHOD_SUMS_SQL, type MethodSumsRow, methodTotals } from "./get-roi-method";
import { memo } from "./memo";
import { ONE_DEVELOPER, perDeveloper } from "./per-developer";
import { all, PRODUCTIVE_COMPLETED, sessionScope } from "./scope";

/** One chargeback row (snake_case: it is an API and CSV shape). Money USD, hours durations. */
export interface ChargebackRow {
  /** `YYYY-MM`, UTC. */
  month: string;
  developer: string;
  project: string;
  sessions: number;
  value_hours: number;
  /** The developer's share of the month's seat the row is charged (2 dp). */
  seat_share: number;
  /** The part of the month inside the period, in months (2 dp). */
  seat_months: number;
  ai_spend_usd: number;
}

/** Input of {@link getChargeback}. */
export interface ChargebackInput {
  db: Store;
  filters: DashboardFilters;
  nowMs: number;
  method: RoiMethodSettings;
}

/** The column order of the table (CSV header and API field order). */
export const CHARGEBACK_COLUMNS = [
  "month",
  "developer",
  "project",
  "sessions",
  "value_hours",
  "seat_share",
  "seat_months",
  "ai_spend_usd",
] as const satisfies readonly (keyof ChargebackRow)[];

interface CellRow extends MethodSumsRow {
  month: string;
  dev: number;
  developer: string;
  project: string;
}

/** The chargeback rows of the filtered sessions, sorted by month, developer, project. */
export async function getChargeback(input: ChargebackInput): Promise<ChargebackRow[]> {
  const window = await queryWindow(input);
  const { db, filters, method } = input;
  return memo(db, "chargeback", [filters, window, method], async () => {
    const period = await chargedPeriod(db, window);
    if (!period) return [];
    const scope = sessionScope(filters, window);
    const whole = sessionScope({ range: filters.range, developer: filters.developer }, window);
    // Every cell and every seat share is one developer's: each developer's rows on their own, cached
    // under their data version (per-developer.ts), so an ingest change re-reads that developer only.
    const parts = await perDeveloper(db, "chargeback", [scope, whole], filters.developer, async (dev) => ({
      cells: await all<CellRow>(
        db,
        `SELECT ${sqlFor(db).utcMonth("s.start_ms")} AS month, s.developer_id AS dev, d.name AS developer, s.project AS project,
           ${METHOD_SUMS_SQL}
         FROM sessions s JOIN developers d ON d.id = s.developer_id
         WHERE ${ONE_DEVELOPER} AND s.start_ms IS NOT NULL AND ${scope.sql} GROUP BY 1, 2, 3, 4, 5, 6`,
        [...PRODUCTIVE_COMPLETED.params, ...scope.params, { dev }],
      ),
      perMonth: await all<{ month: string; dev: number; n: number }>(
        db,
        `SELECT ${sqlFor(db).utcMonth("s.start_ms")} AS month, s.developer_id AS dev, count(*) AS n FROM sessions s
         WHERE ${ONE_DEVELOPER} AND s.start_ms IS NOT NULL AND ${whole.sql} GROUP BY 1, 2`,
        [...whole.params, { dev }],
      ),
    }));
    const cells = parts.flatMap((p) => p.cells);
    const perDevMonth = new Map(parts.flatMap((p) => p.perMonth).map((r) => [`${r.month}|${r.dev}`, r.n]));

    const acc = new Map<string, { row: CellRow; n: number; totals: RoiMethodTotals[] }>();
    for (const r of cells) {
      const k = `${r.month}|${r.dev}|${r.project}`;
      let a = acc.get(k);
      if (!a) {
        a = { row: r, n: 0, totals: [] };
        acc.set(k, a);
      }
      a.n += r.n;
      const t = methodTotals(r);
      if (t) a.totals.push(t);
    }
    const rows: ChargebackRow[] = [];
    for (const { row, n, totals } of acc.values()) {
      const [y, m] = row.month.split("-").map(Number) as [number, number];
      const from = Math.max(Date.UTC(y, m - 1, 1), period.fromMs);
      const to = Math.min(Date.UTC(y, m, 1), period.toMs);
      const months = to > from ? calendarMonths(from, to) : 0;
      const share = n / (perDevMonth.get(`${row.month}|${row.dev}`) ?? n);
      const figures = roiMethodFromTotals(totals, { seats: share, months }, method);
      rows.push({
        month: row.month,
        developer: row.developer,
        project: row.project,
        sessions: n,
        value_hours: figures.expected.hoursSaved,
        seat_share: figures.spend.seats,
        seat_months: figures.spend.months,
        ai_spend_usd: figures.spend.usd,
      });
    }
    const key = (r: ChargebackRow) => `${r.month}\u0000${r.developer}\u0000${r.project}`;
    return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  });
}
