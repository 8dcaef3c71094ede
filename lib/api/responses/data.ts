/**
 * GET /api/v1/chargeback (month × developer × project) and POST /api/v1/ingest's answer (what a push
 * changed, file by file).
 */
import { z } from "zod";
import type { DashboardFilters } from "@/lib/filters";
import { PUSH_FILES, type PushResult } from "@/lib/ingest/push";
import type { ChargebackRow } from "@/lib/queries/get-chargeback";
import { defineResponse } from "./define";
import { filtersDto, filtersSchema } from "./figures";

const num = z.number();

/** The body of GET /api/v1/chargeback (CSV: the same columns, lib/queries/get-chargeback.ts). */
export const chargebackResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    rows: z.array(
      z.strictObject({
        month: z.string().meta({ description: "YYYY-MM (UTC)" }),
        developer: z.string(),
        project: z.string(),
        sessions: num,
        value_hours: num.meta({ description: "The ROI method's expected hours saved" }),
        seat_share: num,
        seat_months: num,
        ai_spend_usd: num,
      }),
    ),
  }),
  (c: { filters: DashboardFilters; rows: readonly ChargebackRow[] }) => ({
    filters: filtersDto(c.filters),
    rows: c.rows.map((r) => ({
      month: r.month,
      developer: r.developer,
      project: r.project,
      sessions: r.sessions,
      value_hours: r.value_hours,
      seat_share: r.seat_share,
      seat_months: r.seat_months,
      ai_spend_usd: r.ai_spend_usd,
    })),
  }),
);

const skipped = z.strictObject({ key: z.union([z.string(), num]), reason: z.string() });

/** The body of POST /api/v1/ingest. */
export const ingestResponse = defineResponse(
  z.strictObject({
    source: z.string().meta({ description: "push://developer[/project]" }),
    developer: z.string(),
    project: z.string().nullable(),
    changed: z.boolean().meta({ description: "False when the same payload was pushed before" }),
    rows_changed: num,
    files: z.array(
      z.strictObject({
        name: z.enum(Object.keys(PUSH_FILES) as [keyof typeof PUSH_FILES, ...(keyof typeof PUSH_FILES)[]]),
        action: z.enum(["ingested", "unchanged"]),
        records: num,
        skipped: num,
        skipped_records: z.array(skipped).meta({ description: "The first 50 records left out, with why" }),
      }),
    ),
  }),
  (r: PushResult) => ({
    source: r.source,
    developer: r.developer,
    project: r.project,
    changed: r.changed,
    rows_changed: r.rowsChanged,
    files: r.files.map((f) => ({
      name: f.name,
      action: f.action,
      records: f.records,
      skipped: f.skipped,
      skipped_records: f.skippedRecords.map((s) => ({ key: s.key, reason: s.reason })),
    })),
  }),
);
