/**
 * The portal's clock: real time, or the instant pinned by PORTAL_NOW (e2e runs on a fixture folder whose
 * data ends at a fixed date, so "last 30 days" must mean the same days on every run).
 */
import { getEnv } from "./env";

/** Current time in epoch ms (UTC), honouring PORTAL_NOW. */
export function portalNow(): number {
  const pinned = getEnv().PORTAL_NOW;
  return pinned ? Date.parse(pinned) : Date.now();
}
