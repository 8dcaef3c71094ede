import { revalidatePath } from "next/cache";
import { noQuery } from "@/lib/api/query";
import { settingsPatchFrom, settingsPatchSchema, settingsResponse } from "@/lib/api/responses/settings";
import { can } from "@/lib/auth/roles";
import { PortalError } from "@/lib/errors";
import { getStore } from "@/lib/server/data";
import { apiHandler, readJson } from "@/lib/server/route";
import { getPortalSettings, updatePortalSettings } from "@/lib/settings";

export const dynamic = "force-dynamic";

/** GET /api/v1/settings — the settings in force (ROI assumptions, method, stale days, session hours). */
export function GET(request: Request) {
  return apiHandler(request, async () => getPortalSettings({ db: await getStore() }), {
    query: noQuery,
    conditional: true,
    response: settingsResponse,
  });
}

/**
 * PUT /api/v1/settings — change any subset of the settings (snake_case names, lib/api/responses/settings.ts)
 * through the settings page's store and bounds (400 with the zod issue outside them). Scope `admin` and a role that may write settings.
 */
export function PUT(request: Request) {
  return apiHandler(
    request,
    async (p) => {
      if (!can(p.role, "settings:write"))
        throw new PortalError("forbidden", "Only an admin can change settings");
      const patch = settingsPatchFrom(settingsPatchSchema.parse(await readJson(request)));
      const settings = await updatePortalSettings({ db: await getStore(), patch });
      // Pages show figures computed with the settings, as after a change on the settings page.
      revalidatePath("/", "layout");
      return settings;
    },
    { scope: "admin", query: noQuery, response: settingsResponse },
  );
}
