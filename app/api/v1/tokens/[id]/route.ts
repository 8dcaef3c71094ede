import { idParamsSchema, tokenDeleteQuery } from "@/lib/api/schemas";
import { deleteApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Revokes one of the caller's tokens and every token it created, transitively (204; 404 when it is not
 * theirs). `?purge=true` also deletes it from the list. Scope `admin`.
 */
export async function DELETE(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return apiHandler(
    request,
    async (p) => {
      const { id } = idParamsSchema.parse(await ctx.params);
      const { purge } = tokenDeleteQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
      if (purge === "true") deleteApiToken({ db: getDb(), userId: p.userId, id });
      else revokeApiToken({ db: getDb(), userId: p.userId, id });
      return new Response(null, { status: 204 });
    },
    { scope: "admin" },
  );
}
