/**
 * GET /api/v1/developers and /api/v1/developers/{name}: each developer's report figures (upstream's blocks
 * per folder), and one developer's page figures (report + KPIs with the previous period).
 */
import { z } from "zod";
import type { WithheldSummary } from "@/lib/auth/privacy";
import type { DashboardFilters } from "@/lib/filters";
import type { Kpis } from "@/lib/queries/get-kpis";
import type { Slice } from "@/lib/queries/slices";
import { defineResponse } from "./define";
import {
  filtersDto,
  filtersSchema,
  kpiFields,
  kpiFieldsDto,
  reportFields,
  reportFieldsDto,
  withheldDto,
  withheldSchema,
} from "./figures";

/** The body of GET /api/v1/developers. */
export const developersResponse = defineResponse(
  z.strictObject({
    filters: filtersSchema,
    developers: z.array(z.strictObject({ developer: z.string(), ...reportFields })),
    withheld: withheldSchema,
  }),
  (s: { filters: DashboardFilters; rows: readonly Slice[]; withheld: WithheldSummary | null }) => ({
    filters: filtersDto(s.filters),
    developers: s.rows.map((r) => ({ developer: r.key, ...reportFieldsDto(r) })),
    withheld: withheldDto(s.withheld),
  }),
);

/** The body of GET /api/v1/developers/{name}. */
export const developerResponse = defineResponse(
  z.strictObject({ developer: z.string(), filters: filtersSchema, ...kpiFields, ...reportFields }),
  (s: { developer: string; filters: DashboardFilters; report: Slice; kpis: Kpis }) => ({
    developer: s.developer,
    filters: filtersDto(s.filters),
    ...kpiFieldsDto(s.kpis),
    ...reportFieldsDto(s.report),
  }),
);
