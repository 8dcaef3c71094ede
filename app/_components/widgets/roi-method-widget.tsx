import { fixed, hours, int, pct, shortDate, usd } from "@/app/_components/format";
import { MethodReceipt, type ReceiptSetting } from "@/app/_components/method-receipt";
import { ScrollRegion } from "@/app/_components/scroll-region";
import type { RoiMethodView } from "@/lib/queries/get-roi-method";
import { type DashboardScope, loadRoiMethod } from "@/lib/server/dashboards";
import { EmptyState, WIDEN_FILTERS_HINT, WidgetCard } from "./widget-card";

const RATE: ReceiptSetting = { label: "Human hourly rate", field: "humanHourlyRate" };
const SEAT: ReceiptSetting = { label: "AI cost per seat", field: "aiMonthlyCost" };
const ENGAGEMENT: ReceiptSetting = { label: "Engagement share", field: "engagementPercent" };
const PARTIAL: ReceiptSetting = { label: "Partial-session weight", field: "partialPercent" };

type CaseName = "conservative" | "expected" | "optimistic";
type Case = RoiMethodView[CaseName];

/** Hours with 2 decimals: receipts show the exact figures the next step multiplies. */
const h2 = (v: number) => `${fixed(v, 2)} h`;
/** A 0–1 share as a percentage without trailing zeros ("100 %", "12.5 %"); 0.2 × 100 is not exactly 20. */
const share = (v: number) => {
  const p = Math.round(v * 1000) / 10;
  return `${fixed(p, Number.isInteger(p) ? 0 : 1)} %`;
};
/** Dollars back per dollar spent ("$7.96", "-$5.02"); "—" without spend. */
const perDollar = (v: number | null) => (v === null ? "—" : `${v < 0 ? "-" : ""}$${fixed(Math.abs(v), 2)}`);
const rate = (v: number | null) => (v === null ? "—" : pct(v));

/** One headline figure: value, its conservative–optimistic range and its receipt. */
interface Headline {
  id: string;
  label: string;
  note: string;
  value: (c: Case) => string;
  /** False for figures that are the same in every case (spend). */
  ranged: boolean;
  receipt: (m: RoiMethodView) => string[];
  settings: ReceiptSetting[];
}

function deliveredLine(c: Case): string {
  return `delivered = ${h2(c.successHours)} succeeded + ${share(c.partialWeight)} × ${h2(c.partialHours)} partial = ${h2(c.deliveredHours)} (${h2(c.failedHours)} failed count 0)`;
}

function sessionLine(m: RoiMethodView, c: Case): string {
  return `in sessions = ${share(c.engagementShare)} engagement × ${h2(m.aiHours)} session time (${int(m.sessions)} sessions) = ${h2(c.developerHours)}`;
}

/** Which outcome valued the sessions (issue 15): self-report, or git's shipped verdict where it has one. */
function outcomeLine(m: RoiMethodView): string {
  const o = m.outcomeSignal;
  if (o.signal === "self_report") return `outcome: self-report for all ${int(o.selfReport)} sessions`;
  return `outcome: shipped (git) for ${int(o.fromGit)} sessions, self-report for ${int(o.selfReport)}`;
}

/** The spend line of a receipt: assumed seats, measured token usage (issue 13), or both. */
function spendLine(m: RoiMethodView): string {
  const s = m.spend;
  const seats = `${fixed(s.seats, 2)} seats × ${fixed(s.months, 2)} months × ${usd(s.seatPricePerMonth)}`;
  const measured = `${usd(s.measuredUsd ?? 0)} measured token usage of ${int(s.measuredDevelopers)} developer(s)`;
  const unpriced =
    s.unpricedRequests > 0 ? ` (${int(s.unpricedRequests)} requests unpriced, not included)` : "";
  if (s.basis === "measured") return `AI spend (measured) = ${measured} = ${usd(s.usd)}${unpriced}`;
  if (s.basis === "mixed")
    return `AI spend (measured + assumed seats) = ${measured} + ${seats} = ${usd(s.usd)}${unpriced}`;
  return `AI spend (assumed seats) = ${seats} = ${usd(s.usd)}`;
}

// One entry per headline figure: the same fields with other values (a table of figures, alike by design).
const HEADLINES: readonly Headline[] = [
  {
    id: "return",
    label: "Return per $1 of AI spend",
    note: "value ÷ AI spend",
    value: (c) => perDollar(c.returnPerDollar),
    ranged: true,
    receipt: (m) => [
      `return = value ÷ AI spend = ${usd(m.expected.valueUsd)} ÷ ${usd(m.expected.spendUsd)} = ${perDollar(m.expected.returnPerDollar)}`,
      `value = ${h2(m.expected.hoursSaved)} saved × ${usd(m.humanHourlyRate)}/h`,
      spendLine(m),
    ],
    settings: [RATE, SEAT, ENGAGEMENT, PARTIAL],
  },
  {
    id: "value",
    label: "Value of the time saved",
    note: "hours saved × hourly rate",
    value: (c) => usd(c.valueUsd),
    ranged: true,
    receipt: (m) => [
      `value = hours saved × hourly rate = ${h2(m.expected.hoursSaved)} × ${usd(m.humanHourlyRate)}/h = ${usd(m.expected.valueUsd)}`,
    ],
    settings: [RATE, ENGAGEMENT, PARTIAL],
  },
  {
    id: "hours-saved",
    label: "Hours saved",
    note: "delivered − developer time in sessions",
    value: (c) => hours(c.hoursSaved),
    ranged: true,
    receipt: (m) => [
      `hours saved = delivered − in sessions = ${h2(m.expected.deliveredHours)} − ${h2(m.expected.developerHours)} = ${h2(m.expected.hoursSaved)}`,
      deliveredLine(m.expected),
      sessionLine(m, m.expected),
      outcomeLine(m),
    ],
    settings: [ENGAGEMENT, PARTIAL],
  },
  {
    id: "spend",
    label: "AI spend",
    note: "seats × months × seat price",
    value: (c) => usd(c.spendUsd),
    ranged: false,
    receipt: (m) => [
      spendLine(m),
      m.period
        ? `period ${shortDate(m.period.fromMs)} – ${shortDate(m.period.toMs - 1)} (UTC), ${int(m.activeDevelopers)} developers active`
        : "no data yet",
    ],
    settings: [SEAT],
  },
  {
    id: "savings-rate",
    label: "Savings rate",
    note: "net ÷ value of the work delivered",
    value: (c) => rate(c.savingsRatePct),
    ranged: true,
    receipt: (m) => [
      `savings rate = (value − AI spend) ÷ delivered value = (${usd(m.expected.valueUsd)} − ${usd(m.expected.spendUsd)}) ÷ (${h2(m.expected.deliveredHours)} × ${usd(m.humanHourlyRate)}/h) = ${usd(m.expected.netUsd)} ÷ ${usd(m.expected.deliveredUsd)} = ${rate(m.expected.savingsRatePct)}`,
    ],
    settings: [RATE, SEAT, ENGAGEMENT, PARTIAL],
  },
];

const CASES: readonly { name: CaseName; label: string; estimate: string }[] = [
  { name: "conservative", label: "Conservative", estimate: "lower of initial and final" },
  { name: "expected", label: "Expected", estimate: "final, else initial (upstream's)" },
  { name: "optimistic", label: "Optimistic", estimate: "higher of initial and final" },
];

/**
 * The portal's headline ROI method for the scope: return per dollar, value, hours saved, AI spend and
 * savings rate (expected case) with their conservative–optimistic range, each with a method receipt
 * (the formula with this view's numbers), and the three cases' assumptions side by side.
 */
export async function RoiMethodWidget({ scope }: { scope: DashboardScope }) {
  const m = await loadRoiMethod(scope);
  return (
    <WidgetCard
      title="Is AI paying off?"
      description="Portal method: hours saved and their value from the same hours, AI spend as finance pays it (seats × months), failed sessions worth nothing. Open a receipt to see the arithmetic."
      testId="widget-roi-method"
    >
      {m.sessions === 0 && m.spend.usd === 0 ? (
        <EmptyState title="No completed sessions in this view" hint={WIDEN_FILTERS_HINT} />
      ) : (
        <>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
            {HEADLINES.map((f) => (
              <div
                key={f.id}
                className="min-w-0 rounded-tremor-default bg-tremor-background-muted p-3"
                data-testid={`method-${f.id}`}
              >
                <p className="text-tremor-label font-medium text-tremor-content">{f.label}</p>
                <p
                  className="text-xl font-semibold tabular-nums text-tremor-content-strong"
                  data-testid={`method-${f.id}-value`}
                >
                  {f.value(m.expected)}
                </p>
                <p className="text-tremor-label text-tremor-content">
                  {f.ranged ? (
                    <span data-testid={`method-${f.id}-range`}>
                      range {f.value(m.conservative)} to {f.value(m.optimistic)}
                    </span>
                  ) : (
                    f.note
                  )}
                </p>
                <MethodReceipt
                  figure={f.label.toLowerCase()}
                  lines={f.receipt(m)}
                  settings={f.settings}
                  testId={`receipt-${f.id}`}
                />
              </div>
            ))}
          </div>
          <ScrollRegion label="The method's three cases" className="mt-4">
            <table className="w-full text-left text-tremor-label tabular-nums" data-testid="method-cases">
              <caption className="sr-only">
                The three cases of the portal method and their assumptions
              </caption>
              <thead className="text-tremor-content">
                <tr>
                  {[
                    "Case",
                    "Estimate",
                    "Engagement",
                    "Partial sessions",
                    "Hours saved",
                    "Value",
                    "Return per $1",
                    "Savings rate",
                  ].map((c) => (
                    <th key={c} scope="col" className="px-2 py-1 font-medium">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="text-tremor-content-strong">
                {CASES.map(({ name, label, estimate }) => {
                  const c = m[name];
                  return (
                    <tr key={name} data-testid={`method-case-${name}`}>
                      <th scope="row" className="px-2 py-1 font-medium">
                        {label}
                      </th>
                      <td className="px-2 py-1">{estimate}</td>
                      <td className="px-2 py-1">{share(c.engagementShare)}</td>
                      <td className="px-2 py-1">at {share(c.partialWeight)}</td>
                      <td className="px-2 py-1">{hours(c.hoursSaved)}</td>
                      <td className="px-2 py-1">{usd(c.valueUsd)}</td>
                      <td className="px-2 py-1">{perDollar(c.returnPerDollar)}</td>
                      <td className="px-2 py-1">{rate(c.savingsRatePct)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="mt-2 text-tremor-label text-tremor-content">
            Counted: {int(m.sessions)} completed sessions (human review excluded) — {int(m.byOutcome.success)}{" "}
            succeeded, {int(m.byOutcome.partial)} partial, {int(m.byOutcome.failed)} failed,{" "}
            {int(m.byOutcome.other)} without an outcome (valued as succeeded). Estimates are the developers'
            own and read as an upper bound; the conservative case takes the lower estimate and charges every
            session minute as developer time.
          </p>
        </>
      )}
    </WidgetCard>
  );
}
