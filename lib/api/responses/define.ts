/**
 * The response pattern of `/api/v1`: each resource has a zod schema of its JSON body (snake_case keys,
 * what the OpenAPI document shows as the 200 response) and a plain mapping function from the loader's
 * result to that body, typed by the schema (`z.output`), so a missing, misspelt or mistyped field is a
 * compile error. The mapping runs on every request; the schema does not (a deep parse of a 200-row page
 * costs measurable time): the tests parse real loader output with it, and PORTAL_API_CHECK_RESPONSES=1
 * (the e2e server) makes apiHandler parse every body it sends, so any drift from the document is a 500 there.
 */
import type { z } from "zod";

/** A resource's response: its schema (the document's 200 body) and the mapping from its loader's result. */
export interface ApiResponse<In, S extends z.ZodType = z.ZodType> {
  schema: S;
  toDto: (input: In) => z.output<S>;
}

/**
 * Pairs a response schema with its mapping function. Build schemas with `z.strictObject` so the tests'
 * parse refuses a field the document does not list; keep keys that are data (developer names, outcome
 * names) in `z.record`, never renamed.
 */
export function defineResponse<In, S extends z.ZodType>(
  schema: S,
  toDto: (input: In) => z.output<S>,
): ApiResponse<In, S> {
  return { schema, toDto };
}
