import { z } from "zod";
import { readSessionDetail } from "@/lib/server/read-model";
import { apiHandler } from "@/lib/server/route";

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** GET /api/v1/sessions/:id — one session with its interactions, issues, code metrics and figures. */
export function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  return apiHandler(request, async () => {
    const { id } = paramsSchema.parse(await ctx.params);
    return readSessionDetail(id);
  });
}
