/**
 * The ROI assumptions and sync settings the dashboards apply (edited on Settings, stored in the database).
 */
import type { Assumptions } from "ai-session-tracker-mcp/stats";
import type { Store } from "@/lib/db/store";
import { getPortalSettings, type PortalSettings } from "@/lib/settings";

/** The ROI assumptions of `settings` (USD per hour / per month, hours per month, ratio 0–1). */
export function assumptionsOf(settings: PortalSettings): Assumptions {
  const { humanHourlyRate, aiMonthlyCost, workingHoursPerMonth, oversightRatio } = settings;
  return { humanHourlyRate, aiMonthlyCost, workingHoursPerMonth, oversightRatio };
}

/** The team's current ROI assumptions (USD per hour / per month, hours per month, ratio 0–1). */
export async function getAssumptions({ db }: { db: Store }): Promise<Assumptions> {
  return assumptionsOf(await getPortalSettings({ db }));
}

/** Days without a file change after which a source counts as stale (Sources page). */
export async function getStaleAfterDays({ db }: { db: Store }): Promise<number> {
  return (await getPortalSettings({ db })).staleAfterDays;
}

/** Minutes without activity after which an active session counts as abandoned (Settings, default 4 h). */
export async function getMaxSessionMinutes({ db }: { db: Store }): Promise<number> {
  return (await getPortalSettings({ db })).maxSessionHours * 60;
}
