/**
 * Oracle of the monthly chargeback table (month × developer × project), written from its documented
 * rules over raw tracker records with the ROI method oracle (./roi-method-oracle.ts) — no helper of the
 * app or of the stats package. Test support: never imported by production code.
 *
 * Rules: a session belongs to the UTC calendar month of its start. A cell's `sessions` counts every
 * session of the view; its value hours are the method's expected-case hours saved over the cell's
 * sessions; its AI spend is the developer's seat for the part of that month inside the period, split by
 * the share of the developer's sessions of that month (in the period, every project) the cell holds:
 * spend = r2(share) × r2(months) × seat price, rounded to 2 dp.
 */
import {
  type OracleSession,
  type OracleSettings,
  oracleMonths,
  roiMethodOracle,
  roundHalfEven,
} from "./roi-method-oracle";

/** One chargeback row as the oracle computes it. */
export interface OracleChargebackRow {
  month: string;
  developer: string;
  project: string;
  sessions: number;
  value_hours: number;
  ai_spend_usd: number;
}

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const startOf = (s: OracleSession) => Date.parse(String(s.record.start_time));

/**
 * Rows for `view` (the filtered sessions in `[fromMs, toMs)`) with seat shares from `whole` (every
 * session of the period, only the developer filter applied). Sorted by month, developer, project.
 */
export function chargebackOracle(input: {
  view: readonly OracleSession[];
  whole: readonly OracleSession[];
  fromMs: number;
  toMs: number;
  settings: OracleSettings;
}): OracleChargebackRow[] {
  const perDevMonth = new Map<string, number>();
  for (const s of input.whole) {
    const k = `${monthOf(startOf(s))}|${s.developer}`;
    perDevMonth.set(k, (perDevMonth.get(k) ?? 0) + 1);
  }
  const cells = new Map<string, OracleSession[]>();
  for (const s of input.view) {
    const k = [monthOf(startOf(s)), s.developer, String(s.record.project ?? "")].join("|");
    cells.set(k, [...(cells.get(k) ?? []), s]);
  }
  const r2 = (x: number) => roundHalfEven(x, 2);
  const rows: OracleChargebackRow[] = [];
  for (const [k, sessions] of cells) {
    const [month = "", developer = "", project = ""] = k.split("|");
    const [y, m] = month.split("-").map(Number) as [number, number];
    const lo = Math.max(Date.UTC(y, m - 1, 1), input.fromMs);
    const hi = Math.min(Date.UTC(y, m, 1), input.toMs);
    const share = sessions.length / (perDevMonth.get(`${month}|${developer}`) ?? sessions.length);
    const method = roiMethodOracle({ sessions, fromMs: 0, toMs: 0, settings: input.settings, seats: 0 });
    rows.push({
      month,
      developer,
      project,
      sessions: sessions.length,
      value_hours: method.expected.hoursSaved,
      ai_spend_usd: r2(r2(share) * r2(oracleMonths(lo, hi)) * input.settings.seatPrice),
    });
  }
  const key = (r: OracleChargebackRow) => `${r.month}\u0000${r.developer}\u0000${r.project}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
