import { openApiDocument } from "@/lib/api/openapi";
import { noQuery } from "@/lib/api/query";
import { documentResponse } from "@/lib/api/responses/document";
import { apiHandler } from "@/lib/server/route";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 document of /api/v1 (lib/api/openapi.ts). Scope `read`. */
export function GET(request: Request) {
  return apiHandler(request, () => openApiDocument(), { query: noQuery, response: documentResponse });
}
