/**
 * The portal's headline ROI method (portal extension; upstream's `calculate_roi_metrics` stays as it is
 * in `roi.ts`). One set of hours drives both "hours saved" and the money:
 *
 *   delivered h  = Σ outcome weight × human estimate / 60   (success or no outcome 1, partial w, failed 0)
 *   in-session h = engagement share × Σ session hours        (every counted session, failed ones too)
 *   hours saved  = delivered h − in-session h
 *   value $      = hours saved × hourly rate
 *   AI spend $   = seats × months × seat price per month    (what finance pays, idle time included)
 *                  + measured $ of developers whose token usage was extracted (their seats left out)
 *   net $        = value − spend
 *   return per $ = value ÷ spend                            (null without spend)
 *   savings rate = net ÷ (delivered h × hourly rate)        (upstream's shape: saved ÷ human baseline)
 *
 * The sessions counted are upstream's: productive (not human_review) and completed.
 * Three cases give a range instead of one number:
 *   conservative — the lower of the initial and final estimate, full engagement (100 %), partial
 *                  sessions at half the set partial weight;
 *   expected     — upstream's estimate (final, else initial, else legacy), the set engagement and weight;
 *   optimistic   — the higher of the two estimates, the set engagement and weight.
 *
 * Rounding: every figure is rounded (half-even, 2 dp; savings rate 1 dp) and the next one is computed
 * from the rounded figures before it, so the arithmetic a receipt shows holds to the cent.
 */
import type { SessionShipSummary } from "../contract/git-schema.js";
import type { Session } from "../contract/session-schema.js";
import type { RoiSession } from "./roi.js";
import { pyRound } from "./rounding.js";
import { isProductive, sessionDurationMinutes } from "./session-time.js";

/** Inputs of the method. Money is USD; shares are 0–1. */
export interface RoiMethodSettings {
  /** Fully loaded developer cost, USD per hour (the `humanHourlyRate` assumption). */
  humanHourlyRate: number;
  /** What one AI seat costs per month (the `aiMonthlyCost` assumption). */
  seatPricePerMonth: number;
  /** Share of a session's time the developer spends in it (1 = pair-style, 0.2 = upstream's oversight). */
  engagementShare: number;
  /** Share of a partial session's estimate that counts as delivered (expected case). */
  partialWeight: number;
}

/** Defaults: upstream's 130 USD/h and 40 USD/seat, full engagement, partial sessions at one half. */
export const DEFAULT_ROI_METHOD_SETTINGS: Readonly<RoiMethodSettings> = Object.freeze({
  humanHourlyRate: 130,
  seatPricePerMonth: 40,
  engagementShare: 1,
  partialWeight: 0.5,
});

/** The seats paid for and for how long. `seats` may be a share when a seat is split over slices. */
export interface RoiMethodSpendInput {
  /** Seats charged at the seat price: the developers without measured usage (issue 13). */
  seats: number;
  /** Length of the range in calendar months (see {@link calendarMonths}). */
  months: number;
  /**
   * Measured spend (USD, the agents' token usage priced per model) of the developers whose usage was
   * extracted; absent or 0 developers = none. Their seats are not in `seats`.
   */
  measured?: { usd: number; developers: number; unpricedRequests: number };
}

/**
 * Where the AI spend of a figure comes from: `assumed_seats` (seat price × seats × months only),
 * `measured` (every developer's measured usage), `mixed` (measured where usage exists, seats elsewhere).
 */
export type SpendBasis = "assumed_seats" | "measured" | "mixed";

/** The three estimates of a session, in minutes. */
export interface EstimateRange {
  /** The lower of the initial and final estimate (either alone if only one is set). */
  lower: number;
  /** Upstream's chain: final, else initial, else the legacy estimate, else 0. */
  upstream: number;
  /** The higher of the initial and final estimate. */
  higher: number;
}

/**
 * A session's estimates. A 0 counts as absent, as in upstream's `final or initial or legacy` chain; with
 * neither initial nor final set, all three are the legacy estimate (or 0).
 */
export function estimateRangeMinutes(
  s: Pick<Session, "initial_estimate_minutes" | "final_estimate_minutes" | "human_time_estimate_minutes">,
): EstimateRange {
  const f = s.final_estimate_minutes || null;
  const i = s.initial_estimate_minutes || null;
  const fallback = f ?? i ?? (s.human_time_estimate_minutes || 0);
  if (f === null || i === null) return { lower: fallback, upstream: fallback, higher: fallback };
  return { lower: Math.min(f, i), upstream: f, higher: Math.max(f, i) };
}

const MONTH_START = (y: number, m: number) => Date.UTC(y, m, 1);

/**
 * Length of `[fromMs, toMs)` in calendar months, pro-rated by time: each UTC calendar month the range
 * touches counts with the share of it inside the range (1 Nov–1 Dec = 1; 8 Feb–10 Mar 2026 =
 * 21/28 + 9/31). 0 for an empty or backwards range.
 */
export function calendarMonths(fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  const start = new Date(fromMs);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  let months = 0;
  for (let lo = MONTH_START(y, m); lo < toMs; ) {
    const hi = MONTH_START(y, m + 1);
    months += (Math.min(hi, toMs) - Math.max(lo, fromMs)) / (hi - lo);
    lo = hi;
    m += 1;
    if (m === 12) {
      m = 0;
      y += 1;
    }
  }
  return months;
}

/** Which estimate a case takes. */
export type EstimateChoice = "lower" | "upstream" | "higher";

/** One case of the method. Hours are durations, money USD, the savings rate 0–100. */
export interface RoiMethodCase {
  estimate: EstimateChoice;
  engagementShare: number;
  partialWeight: number;
  /** Estimate hours of successful sessions and sessions without an outcome. */
  successHours: number;
  /** Estimate hours of partial sessions (before weighting). */
  partialHours: number;
  /** Estimate hours of failed sessions (counted as no value). */
  failedHours: number;
  /** successHours + partialWeight × partialHours. */
  deliveredHours: number;
  /** engagementShare × session hours of every counted session. */
  developerHours: number;
  /** deliveredHours − developerHours. */
  hoursSaved: number;
  /** deliveredHours × hourly rate (the human baseline of the work delivered). */
  deliveredUsd: number;
  /** hoursSaved × hourly rate. */
  valueUsd: number;
  spendUsd: number;
  /** valueUsd − spendUsd. */
  netUsd: number;
  /** valueUsd ÷ spendUsd, 2 dp; null without spend. */
  returnPerDollar: number | null;
  /** netUsd ÷ deliveredUsd × 100, 1 dp; null without delivered value. */
  savingsRatePct: number | null;
}

/** The method's figures for one set of sessions (one slice). */
export interface RoiMethod {
  /** Productive completed sessions counted. */
  sessions: number;
  /** Counted sessions per outcome; `other` = missing or unknown outcome (valued as a success). */
  byOutcome: { success: number; partial: number; failed: number; other: number };
  /** Σ session hours of the counted sessions, 2 dp. */
  aiHours: number;
  humanHourlyRate: number;
  /**
   * `usd` = seats × months × seatPricePerMonth (seats and months rounded to 2 dp first, the product to
   * 2 dp) + `measuredUsd` (2 dp). `unpricedRequests`: measured requests of models without a price (not
   * in `usd`, never priced at $0).
   */
  spend: {
    seats: number;
    months: number;
    seatPricePerMonth: number;
    usd: number;
    basis: SpendBasis;
    measuredUsd: number | null;
    measuredDevelopers: number;
    unpricedRequests: number;
  };
  conservative: RoiMethodCase;
  expected: RoiMethodCase;
  optimistic: RoiMethodCase;
}

/** Totals of productive completed sessions with one outcome (null = missing), e.g. from SQL. */
export interface RoiMethodTotals {
  outcome: string | null;
  sessions: number;
  /** Σ session duration in minutes. */
  aiMinutes: number;
  /** Σ of each estimate (see {@link EstimateRange}), in minutes. */
  lowerMinutes: number;
  upstreamMinutes: number;
  higherMinutes: number;
}

/**
 * The method over session records: only productive completed sessions count (upstream's set).
 * `settings` may be partial; missing values take {@link DEFAULT_ROI_METHOD_SETTINGS} (0 is a value).
 */
export function calculateRoiMethod(
  sessions: readonly (RoiSession & Pick<Session, "outcome">)[],
  spend: RoiMethodSpendInput,
  settings?: Partial<RoiMethodSettings>,
): RoiMethod {
  const rows: RoiMethodTotals[] = [];
  for (const s of sessions) {
    if (!isProductive(s) || s.status !== "completed") continue;
    const e = estimateRangeMinutes(s);
    rows.push({
      outcome: s.outcome,
      sessions: 1,
      aiMinutes: sessionDurationMinutes(s),
      lowerMinutes: e.lower,
      upstreamMinutes: e.upstream,
      higherMinutes: e.higher,
    });
  }
  return roiMethodFromTotals(rows, spend, settings);
}

type OutcomeClass = "success" | "partial" | "failed" | "other";

function outcomeClass(outcome: string | null): OutcomeClass {
  return outcome === "success" || outcome === "partial" || outcome === "failed" ? outcome : "other";
}

/** {@link calculateRoiMethod} from per-outcome totals (any grouping finer than outcome is summed). */
export function roiMethodFromTotals(
  rows: readonly RoiMethodTotals[],
  spend: RoiMethodSpendInput,
  settings?: Partial<RoiMethodSettings>,
): RoiMethod {
  const set = resolveMethodSettings(settings);
  const byOutcome = { success: 0, partial: 0, failed: 0, other: 0 };
  const minutes: Record<EstimateChoice, Record<"valued" | "partial" | "failed", number>> = {
    lower: { valued: 0, partial: 0, failed: 0 },
    upstream: { valued: 0, partial: 0, failed: 0 },
    higher: { valued: 0, partial: 0, failed: 0 },
  };
  let sessions = 0;
  let aiMinutes = 0;
  for (const r of rows) {
    const cls = outcomeClass(r.outcome);
    byOutcome[cls] += r.sessions;
    sessions += r.sessions;
    aiMinutes += r.aiMinutes;
    const bucket = cls === "other" || cls === "success" ? "valued" : cls;
    minutes.lower[bucket] += r.lowerMinutes;
    minutes.upstream[bucket] += r.upstreamMinutes;
    minutes.higher[bucket] += r.higherMinutes;
  }
  const r2 = (x: number) => pyRound(x, 2);
  const aiHours = r2(aiMinutes / 60);
  const seats = r2(spend.seats);
  const months = r2(spend.months);
  const measured = spend.measured && spend.measured.developers > 0 ? spend.measured : null;
  const seatUsd = r2(seats * months * set.seatPricePerMonth);
  const measuredUsd = measured ? r2(measured.usd) : null;
  const spendUsd = measuredUsd === null ? seatUsd : r2(seatUsd + measuredUsd);
  const basis: SpendBasis = measured === null ? "assumed_seats" : seats > 0 ? "mixed" : "measured";
  const rate = set.humanHourlyRate;

  const makeCase = (estimate: EstimateChoice, engagementShare: number, partialWeight: number) => {
    const m = minutes[estimate];
    const successHours = r2(m.valued / 60);
    const partialHours = r2(m.partial / 60);
    const deliveredHours = r2(successHours + partialWeight * partialHours);
    const developerHours = r2(engagementShare * aiHours);
    const hoursSaved = r2(deliveredHours - developerHours);
    const deliveredUsd = r2(deliveredHours * rate);
    const valueUsd = r2(hoursSaved * rate);
    const netUsd = r2(valueUsd - spendUsd);
    return {
      estimate,
      engagementShare,
      partialWeight,
      successHours,
      partialHours,
      failedHours: r2(m.failed / 60),
      deliveredHours,
      developerHours,
      hoursSaved,
      deliveredUsd,
      valueUsd,
      spendUsd,
      netUsd,
      returnPerDollar: spendUsd > 0 ? r2(valueUsd / spendUsd) : null,
      savingsRatePct: deliveredUsd > 0 ? pyRound((netUsd / deliveredUsd) * 100, 1) : null,
    } satisfies RoiMethodCase;
  };

  return {
    sessions,
    byOutcome,
    aiHours,
    humanHourlyRate: rate,
    spend: {
      seats,
      months,
      seatPricePerMonth: set.seatPricePerMonth,
      usd: spendUsd,
      basis,
      measuredUsd,
      measuredDevelopers: measured?.developers ?? 0,
      unpricedRequests: measured?.unpricedRequests ?? 0,
    },
    conservative: makeCase("lower", 1, set.partialWeight / 2),
    expected: makeCase("upstream", set.engagementShare, set.partialWeight),
    optimistic: makeCase("higher", set.engagementShare, set.partialWeight),
  };
}

/** `s` over the defaults; only a missing value takes the default (0 is a valid share). */
function resolveMethodSettings(s: Partial<RoiMethodSettings> | undefined): RoiMethodSettings {
  const d = DEFAULT_ROI_METHOD_SETTINGS;
  return {
    humanHourlyRate: s?.humanHourlyRate ?? d.humanHourlyRate,
    seatPricePerMonth: s?.seatPricePerMonth ?? d.seatPricePerMonth,
    engagementShare: s?.engagementShare ?? d.engagementShare,
    partialWeight: s?.partialWeight ?? d.partialWeight,
  };
}

/**
 * One session's totals valued by its git verdict instead of its self-reported outcome (the method's
 * "shipped" outcome signal): shipped → success for the shipped share of its lines (lines of merged,
 * not-reverted commits ÷ all its lines) and failed for the rest, its session time counted once;
 * reverted / unmerged past the window → failed; null (keep the self-report) while pending or without commits.
 */
export function shippedOutcomeTotals(
  t: RoiMethodTotals,
  ship: Pick<SessionShipSummary, "status" | "lines_changed" | "lines_shipped">,
): RoiMethodTotals[] | null {
  if (ship.status === "reverted" || ship.status === "unmerged") return [{ ...t, outcome: "failed" }];
  if (ship.status !== "shipped") return null;
  const share = ship.lines_changed > 0 ? ship.lines_shipped / ship.lines_changed : 1;
  if (share >= 1) return [{ ...t, outcome: "success" }];
  const part = (x: number, w: number) => x * w;
  return [
    {
      ...t,
      outcome: "success",
      lowerMinutes: part(t.lowerMinutes, share),
      upstreamMinutes: part(t.upstreamMinutes, share),
      higherMinutes: part(t.higherMinutes, share),
    },
    {
      outcome: "failed",
      sessions: 0,
      aiMinutes: 0,
      lowerMinutes: part(t.lowerMinutes, 1 - share),
      upstreamMinutes: part(t.upstreamMinutes, 1 - share),
      higherMinutes: part(t.higherMinutes, 1 - share),
    },
  ];
}
