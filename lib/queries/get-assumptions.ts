/**
 * The ROI assumptions and sync settings the dashboards apply (edited on Settings, stored in SQLite).
 */
import type { Assumptions } from "ai-session-tracker-mcp/stats";
import type { PortalDb } from "@/lib/db/client";
import { getPortalSettings } from "@/lib/settings";

/** The team's current ROI assumptions (USD per hour / per month, hours per month, ratio 0–1). */
export function getAssumptions({ db }: { db: PortalDb }): Assumptions {
  const { humanHourlyRate, aiMonthlyCost, workingHoursPerMonth, oversightRatio } = getPortalSettings({ db });
  return { humanHourlyRate, aiMonthlyCost, workingHoursPerMonth, oversightRatio };
}

/** Days without a file change after which a source counts as stale (Sources page). */
export function getStaleAfterDays({ db }: { db: PortalDb }): number {
  return getPortalSettings({ db }).staleAfterDays;
}

/** Minutes without activity after which an active session counts as abandoned (Settings, default 4 h). */
export function getMaxSessionMinutes({ db }: { db: PortalDb }): number {
  return getPortalSettings({ db }).maxSessionHours * 60;
}
