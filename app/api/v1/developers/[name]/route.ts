import { filtersQuery } from "@/lib/api/query";
import { developerResponse } from "@/lib/api/responses/developers";
import { nameParamsSchema } from "@/lib/api/schemas";
import { PortalError } from "@/lib/errors";
import { readFilterOptions, readKpis, readReport } from "@/lib/server/read-model";
import { scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/developers/{name}?range=… — one developer's page figures (the /developers/{name} page's
 * loaders: upstream's report and the KPIs with the previous period); 404 for a developer with no data,
 * as the page.
 */
export function GET(request: Request, ctx: { params: Promise<{ name: string }> }) {
  return apiHandler(
    request,
    async () => {
      const { name } = nameParamsSchema.parse(await ctx.params);
      if (!(await readFilterOptions()).developers.includes(name))
        throw new PortalError("not_found", "No such developer");
      const scope = scopeFromSearchParams(request, { developer: name });
      return {
        developer: name,
        filters: scope.filters,
        report: await readReport(scope),
        kpis: await readKpis(scope),
      };
    },
    { query: filtersQuery.omit({ developer: true }), conditional: true, response: developerResponse },
  );
}
