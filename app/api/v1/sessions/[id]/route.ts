import { noQuery } from "@/lib/api/query";
import { sessionDetailResponse } from "@/lib/api/responses/sessions";
import { idParamsSchema } from "@/lib/api/schemas";
import { readSessionDetail } from "@/lib/server/read-model";
import { apiHandler } from "@/lib/server/route";

/** GET /api/v1/sessions/:id — one session with its interactions, issues, code metrics and figures. */
export function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  return apiHandler(
    request,
    async () => {
      const { id } = idParamsSchema.parse(await ctx.params);
      return readSessionDetail(id);
    },
    { query: noQuery, conditional: true, response: sessionDetailResponse },
  );
}
