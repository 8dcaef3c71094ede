import { requestsQuery } from "@/lib/api/query";
import { requestsResponse } from "@/lib/api/responses/requests";
import { readRequests } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/requests?range=…&developer=…&project=…&model=… — upstream's request stats (`requests.json`)
 * as the Requests panel shows them. Task type, outcome and compare do not apply to requests: a 400.
 */
export function GET(request: Request) {
  return apiHandler(
    request,
    async () => {
      const scope = scopeFromSearchParams(request);
      return { filters: scope.filters, stats: await readRequests(scope) };
    },
    { query: requestsQuery, conditional: true, response: requestsResponse },
  );
}
