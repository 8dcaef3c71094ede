/**
 * Oracle of the portal's ROI method (value from hours saved, seat-month spend, three cases), written
 * from the method's documented rules with plain arithmetic over raw tracker records — no helper of the
 * app or of the stats package. Used by the read-model test (`lib/queries/roi-method.test.ts`) and the e2e
 * spec (`e2e/roi-method.spec.ts`). Test support: never imported by production code.
 *
 * Rules: counted sessions are completed and not human_review; a session's estimates are its initial and
 * final estimate (0 or missing = absent; neither → the legacy `human_time_estimate_minutes`); outcome
 * weights success / missing 1, partial w (conservative w/2), failed 0; developer time = engagement ×
 * session time (conservative: 100 %); spend = seats × months × seat price with months pro-rated over UTC
 * calendar months; each figure is rounded half-even to 2 dp (savings rate 1 dp) before the next uses it.
 */

/** A raw session record as the tracker writes it, with the developer whose folder holds it. */
export interface OracleSession {
  developer: string;
  record: Record<string, unknown>;
}

/** The method's inputs. */
export interface OracleSettings {
  rate: number;
  seatPrice: number;
  engagement: number;
  partialWeight: number;
}

/** One case's figures. */
export interface OracleCase {
  deliveredHours: number;
  developerHours: number;
  hoursSaved: number;
  valueUsd: number;
  spendUsd: number;
  netUsd: number;
  returnPerDollar: number | null;
  savingsRatePct: number | null;
}

/** The oracle's figures for one view. */
export interface OracleMethod {
  sessions: number;
  aiHours: number;
  seats: number;
  months: number;
  spendUsd: number;
  conservative: OracleCase;
  expected: OracleCase;
  optimistic: OracleCase;
}

/** Half-even rounding to `d` decimals (exact ties such as 0.125 go to the even neighbour). */
export function roundHalfEven(x: number, d: number): number {
  const y = x * 10 ** d;
  const f = Math.floor(y);
  const frac = y - f;
  const n = frac > 0.5 ? f + 1 : frac < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  return n / 10 ** d;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** Months of `[fromMs, toMs)`: each UTC calendar month counts with the share of its days inside. */
export function oracleMonths(fromMs: number, toMs: number): number {
  let total = 0;
  const d = new Date(fromMs);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  while (Date.UTC(y, m, 1) < toMs) {
    const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const lo = Math.max(Date.UTC(y, m, 1), fromMs);
    const hi = Math.min(Date.UTC(y, m, daysInMonth + 1), toMs);
    if (hi > lo) total += (hi - lo) / (daysInMonth * 86_400_000);
    m += 1;
    if (m > 11) {
      m = 0;
      y += 1;
    }
  }
  return total;
}

/**
 * The method over `sessions` (the view's sessions, any status), charging `seats` seats (default: one
 * per developer with a session in the view) over `[fromMs, toMs)`.
 */
export function roiMethodOracle(input: {
  sessions: readonly OracleSession[];
  fromMs: number;
  toMs: number;
  settings: OracleSettings;
  seats?: number;
}): OracleMethod {
  const { settings: s } = input;
  const counted = input.sessions.filter(
    (x) => x.record.status === "completed" && x.record.task_type !== "human_review",
  );
  let aiMinutes = 0;
  const est = { lower: { v: 0, p: 0 }, upstream: { v: 0, p: 0 }, higher: { v: 0, p: 0 } };
  for (const { record: r } of counted) {
    const start = Date.parse(String(r.start_time ?? ""));
    const end = Date.parse(String(r.end_time ?? ""));
    if (Number.isFinite(start) && Number.isFinite(end)) aiMinutes += (end - start) / 60_000;
    if (r.outcome === "failed") continue;
    const initial = num(r.initial_estimate_minutes);
    const final = num(r.final_estimate_minutes);
    const known = [final, initial].filter((v) => v !== 0);
    const single = known[0] ?? num(r.human_time_estimate_minutes);
    const lower = known.length === 2 ? Math.min(initial, final) : single;
    const higher = known.length === 2 ? Math.max(initial, final) : single;
    const k = r.outcome === "partial" ? "p" : "v";
    est.lower[k] += lower;
    est.upstream[k] += single;
    est.higher[k] += higher;
  }
  const r2 = (x: number) => roundHalfEven(x, 2);
  const seats = r2(input.seats ?? new Set(input.sessions.map((x) => x.developer)).size);
  const months = r2(oracleMonths(input.fromMs, input.toMs));
  const spendUsd = r2(seats * months * s.seatPrice);
  const aiHours = r2(aiMinutes / 60);
  // The same steps as the method by nature (an oracle of a formula restates it), written from the README's definition, not imported.
  const one = (e: { v: number; p: number }, engagement: number, w: number): OracleCase => {
    const deliveredHours = r2(r2(e.v / 60) + w * r2(e.p / 60));
    const developerHours = r2(engagement * aiHours);
    const hoursSaved = r2(deliveredHours - developerHours);
    const valueUsd = r2(hoursSaved * s.rate);
    const deliveredUsd = r2(deliveredHours * s.rate);
    const netUsd = r2(valueUsd - spendUsd);
    // Deliberately the method's case fields again, computed here independently (an oracle, not a copy).
    return {
      deliveredHours,
      developerHours,
      hoursSaved,
      valueUsd,
      spendUsd,
      netUsd,
      returnPerDollar: spendUsd > 0 ? r2(valueUsd / spendUsd) : null,
      savingsRatePct: deliveredUsd > 0 ? roundHalfEven((netUsd / deliveredUsd) * 100, 1) : null,
    };
  };
  return {
    sessions: counted.length,
    aiHours,
    seats,
    months,
    spendUsd,
    conservative: one(est.lower, 1, s.partialWeight / 2),
    expected: one(est.upstream, s.engagement, s.partialWeight),
    optimistic: one(est.higher, s.engagement, s.partialWeight),
  };
}
