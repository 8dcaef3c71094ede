import { comparisonQuery } from "@/lib/api/query";
import { projectResponse } from "@/lib/api/responses/project";
import { nameParamsSchema } from "@/lib/api/schemas";
import { PortalError } from "@/lib/errors";
import { NO_PROJECT } from "@/lib/filters";
import {
  readComparison,
  readFilterOptions,
  readKpis,
  readReport,
  readRoiMethod,
} from "@/lib/server/read-model";
import { comparisonSortStrict, scopeFromSearchParams } from "@/lib/server/request-scope";
import { apiHandler } from "@/lib/server/route";

/**
 * GET /api/v1/projects/{name}?range=…&sort=…&dir=… — the /projects/{name} page's figures through its
 * loaders: report and KPIs with the project fixed, the ROI method, its developers and task types (the
 * page's two tables, in the asked sort). `/none` (`%2Fnone` in the path) = sessions without a project, as
 * on the pages; 404 for a project no session has. Route handlers get the segment decoded (pages do not).
 */
export function GET(request: Request, ctx: { params: Promise<{ name: string }> }) {
  return apiHandler(
    request,
    async () => {
      const { name } = nameParamsSchema.parse(await ctx.params);
      const project = name === NO_PROJECT ? "" : name;
      if (!(await readFilterOptions()).projects.includes(project))
        throw new PortalError("not_found", "No such project");
      const sort = comparisonSortStrict(request);
      const scope = scopeFromSearchParams(request, { project });
      const table = async (group: "developer" | "task") => ({
        sort,
        ...(await readComparison(scope, group)),
      });
      return {
        project,
        filters: scope.filters,
        report: await readReport(scope),
        kpis: await readKpis(scope),
        method: await readRoiMethod(scope),
        byDeveloper: await table("developer"),
        byTaskType: await table("task"),
      };
    },
    { query: comparisonQuery.omit({ project: true }), conditional: true, response: projectResponse },
  );
}
