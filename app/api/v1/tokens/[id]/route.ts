import { z } from "zod";
import { revokeApiToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** Revokes one of the caller's tokens (204; 404 when it is not theirs). */
export async function DELETE(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return apiHandler(request, async (user) => {
    const { id } = paramsSchema.parse(await ctx.params);
    revokeApiToken({ db: getDb(), userId: user.id, id });
    return new Response(null, { status: 204 });
  });
}
