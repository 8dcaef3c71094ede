/** GET /api/v1/openapi.json: the OpenAPI 3.1 document itself (its shape is OpenAPI's, not ours). */
import { z } from "zod";
import { defineResponse } from "./define";

/** The body of GET /api/v1/openapi.json: an OpenAPI 3.1 document, described by its top-level fields. */
export const documentResponse = defineResponse(
  z.looseObject({
    openapi: z.literal("3.1.0"),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  }),
  (doc: Record<string, unknown>) =>
    doc as {
      openapi: "3.1.0";
      info: { title: string; version: string };
      paths: Record<string, Record<string, unknown>>;
    },
);
