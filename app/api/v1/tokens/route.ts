import { createdTokenResponse, tokensResponse } from "@/lib/api/responses/admin";
import { createTokenSchema } from "@/lib/api/schemas";
import { can } from "@/lib/auth/roles";
import { createApiToken, listAllApiTokens, listApiTokens } from "@/lib/auth/tokens";
import { getStore } from "@/lib/server/data";
import { apiHandler, readJson } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Lists API tokens, revoked ones included until deleted (never the secrets), each with its owner: an
 * admin (by an admin session or an `admin`-scoped token) gets every user's, as on Settings → API tokens;
 * anyone else their own. Scope `read`.
 */
export async function GET(request: Request): Promise<Response> {
  return apiHandler(
    request,
    async (p) =>
      can(p.role, "tokens:manage") && p.scopes.includes("admin")
        ? listAllApiTokens({ db: await getStore() })
        : listApiTokens({ db: await getStore(), userId: p.userId }),
    {
      scope: "read",
      response: tokensResponse,
    },
  );
}

/**
 * Creates a token owned by the caller (scopes capped by the caller's role; `admin` only for admins); the
 * clear-text `token` is in this response only. Scope `admin` (an admin-scoped token or an admin's session).
 */
export async function POST(request: Request): Promise<Response> {
  return apiHandler(
    request,
    async (p) => {
      const { name, scopes, expires_at } = createTokenSchema.parse(await readJson(request));
      return createApiToken({
        db: await getStore(),
        creator: { userId: p.userId, tokenId: p.tokenId },
        name,
        scopes,
        expiresMs: expires_at === null ? null : Date.parse(expires_at),
      });
    },
    { status: 201, scope: "admin", response: createdTokenResponse },
  );
}
