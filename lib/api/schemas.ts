/**
 * Request schemas of the `/api/v1` writes and path parameters that the OpenAPI document describes:
 * defined here (plain lib/) so the route handlers and lib/api/openapi.ts use the very same zod objects.
 */
import { z } from "zod";
import { scopesSchema } from "@/lib/auth/scopes";
import { FILTER_VALUE_MAX } from "@/lib/filters";

/** POST /api/v1/tokens body. */
export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scopes: scopesSchema,
  /** ISO 8601 date-time (with offset) after which the token is refused; omitted or null = never. */
  expires_at: z.iso.datetime({ offset: true }).nullable().default(null),
});

/** A numeric row id in a path (`/sessions/{id}`, `/tokens/{id}`). */
export const idParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** DELETE /api/v1/tokens/{id} query: `purge=true` also deletes the revoked token from the list. */
export const tokenDeleteQuery = z.strictObject({ purge: z.enum(["true", "false"]).default("false") });

/** A developer folder name in a path (`/developers/{name}`); the filters' length bound. */
export const nameParamsSchema = z.object({ name: z.string().min(1).max(FILTER_VALUE_MAX) });
