import { idParamsSchema, tokenDeleteQuery } from "@/lib/api/schemas";
import { can } from "@/lib/auth/roles";
import { deleteApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { getStore } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Revokes a token and every token it created, transitively (204): an admin any user's, anyone else (an
 * admin-scoped token is an admin's) only their own (404 otherwise). `?purge=true` also deletes it from
 * the list. Scope `admin`.
 */
export async function DELETE(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return apiHandler(
    request,
    async (p) => {
      const { id } = idParamsSchema.parse(await ctx.params);
      const { purge } = tokenDeleteQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
      const ref = { db: await getStore(), userId: p.userId, id, anyOwner: can(p.role, "tokens:manage") };
      if (purge === "true") await deleteApiToken(ref);
      else await revokeApiToken(ref);
      return new Response(null, { status: 204 });
    },
    { scope: "admin" },
  );
}
