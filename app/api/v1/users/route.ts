import { usersResponse } from "@/lib/api/responses/admin";
import { can } from "@/lib/auth/roles";
import { listUsers } from "@/lib/auth/user-admin";
import { PortalError } from "@/lib/errors";
import { getStore } from "@/lib/server/data";
import { apiHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Lists the portal's users (never a password or a link): id, e-mail, name, role, disabled, created_ms,
 * the developer folders of members. Scope `admin` and an owner who may manage users.
 */
export async function GET(request: Request): Promise<Response> {
  return apiHandler(
    request,
    async (p) => {
      if (!can(p.role, "users:manage")) throw new PortalError("forbidden", "Only an admin can list users");
      return listUsers({ db: await getStore() });
    },
    { scope: "admin", response: usersResponse },
  );
}
