import { z } from "zod";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";
import { PortalError } from "@/lib/errors";
import { getDb } from "@/lib/server/data";
import { apiHandler, readJson } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const createTokenSchema = z.object({ name: z.string().trim().min(1).max(80) });

/** Lists the caller's API tokens (never the secrets). */
export async function GET(request: Request): Promise<Response> {
  return apiHandler(request, (user) => ({ tokens: listApiTokens({ db: getDb(), userId: user.id }) }));
}

/** Creates a token; the clear-text `token` is in this response only. Admins only. */
export async function POST(request: Request): Promise<Response> {
  return apiHandler(
    request,
    async (user) => {
      if (user.role !== "admin") throw new PortalError("forbidden", "Only an admin can create API tokens");
      const { name } = createTokenSchema.parse(await readJson(request));
      return createApiToken({ db: getDb(), userId: user.id, name });
    },
    { status: 201 },
  );
}
