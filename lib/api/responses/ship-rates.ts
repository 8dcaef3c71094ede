/** GET /api/v1/ship-rates: ship rates from git evidence (issue 15; lib/queries/get-ship-rates.ts), snake_case. */
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import type { ShipRateGroup, ShipRateRow, ShipRates } from "@/lib/queries/get-ship-rates";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema } from "./figures";

const num = z.number();
const row = z.strictObject({
  key: z.string(),
  sessions: num,
  sessions_with_evidence: num.meta({ description: "Sessions recorded with git evidence" }),
  sessions_committed: num.meta({ description: "Sessions with at least one commit" }),
  sessions_decided: num.meta({
    description: "Committed sessions shipped, reverted or unmerged past the window",
  }),
  sessions_shipped: num,
  ship_rate: num
    .nullable()
    .meta({ description: "sessions_shipped ÷ sessions_decided (0–1); null when none is decided" }),
  lines_changed: num,
  lines_shipped: num.meta({ description: "Lines added + removed of merged commits not reverted" }),
  median_hours_to_merge: num
    .nullable()
    .meta({ description: "Median hours from session end to its last merge" }),
  success_not_shipped: num,
  failed_but_shipped: num,
});

function rowDto(r: ShipRateRow): z.output<typeof row> {
  return {
    key: r.key,
    sessions: r.sessions,
    sessions_with_evidence: r.sessionsWithEvidence,
    sessions_committed: r.sessionsCommitted,
    sessions_decided: r.sessionsDecided,
    sessions_shipped: r.sessionsShipped,
    ship_rate: r.shipRate,
    lines_changed: r.linesChanged,
    lines_shipped: r.linesShipped,
    median_hours_to_merge: r.medianHoursToMerge,
    success_not_shipped: r.successNotShipped,
    failed_but_shipped: r.failedButShipped,
  };
}

/** The body of GET /api/v1/ship-rates (CSV: the rows, {@link SHIP_RATES_CSV_COLUMNS}). */
export const shipRatesResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    group: z.enum(["developer", "project", "model", "task_type"]),
    total: row,
    rows: z.array(row),
    disagreements: z.array(
      z.strictObject({
        session_row_id: num,
        developer: z.string(),
        session_id: z.string(),
        session_name: z.string(),
        outcome: z.string(),
        kind: z.enum(["success_not_shipped", "failed_but_shipped"]),
        start_ms: num.nullable(),
      }),
    ),
  }),
  (d: { filters: DashboardFilters; rates: ShipRates }) => ({
    filters: filtersDto(d.filters),
    group: d.rates.group,
    total: rowDto(d.rates.total),
    rows: d.rates.rows.map(rowDto),
    disagreements: d.rates.disagreements.map((x) => ({
      session_row_id: x.rowId,
      developer: x.developer,
      session_id: x.sessionId,
      session_name: x.sessionName,
      outcome: x.outcome,
      kind: x.kind,
      start_ms: x.startMs,
    })),
  }),
);

/** CSV columns of the ship-rate rows (the JSON row keys). */
export const SHIP_RATES_CSV_COLUMNS = Object.keys(row.shape) as (keyof z.output<typeof row>)[];

/** The CSV rows: one per group, in {@link SHIP_RATES_CSV_COLUMNS} order. */
export function shipRatesCsvRows(rates: ShipRates): (string | number | null)[][] {
  return rates.rows.map((r) => {
    const dto = rowDto(r);
    return SHIP_RATES_CSV_COLUMNS.map((c) => dto[c]);
  });
}

/** The request's `group` (already checked by the strict query parse); developer by default. */
export function shipRateGroupOf(request: Request): ShipRateGroup {
  const g = new URL(request.url).searchParams.get("group");
  return g === "project" || g === "model" || g === "task_type" ? g : "developer";
}
