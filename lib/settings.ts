/**
 * Portal settings kept in the database (`settings` table, one JSON value per key), validated by zod on
 * read and write. A missing or invalid stored value falls back to the default, so a bad row never breaks
 * a page. Read from the database on every request (lib/server/data.ts), so every portal instance on one
 * database applies a change at its next request.
 */
import { DEFAULT_ASSUMPTIONS, DEFAULT_ROI_METHOD_SETTINGS } from "ai-session-tracker-mcp/stats";
import { z } from "zod";
import type { Store } from "@/lib/db/store";

/**
 * The bounds of every editable setting, in one place: the stored schemas below and the settings form's
 * messages (`app/(portal)/settings/actions.ts`) both read them. The three money/time figures must also be
 * above 0; 744 h is a 31-day month. The ROI method's shares may be 0 (unattended agents; partial work
 * worth nothing).
 */
export const SETTING_BOUNDS = {
  humanHourlyRate: { max: 100_000 },
  aiMonthlyCost: { max: 1_000_000 },
  workingHoursPerMonth: { max: 744 },
  oversightRatio: { min: 0.01, max: 1 },
  engagementShare: { min: 0, max: 1 },
  partialWeight: { min: 0, max: 1 },
  staleAfterDays: { min: 1, max: 365 },
  maxSessionHours: { min: 1, max: 168 },
  minGroupSize: { min: 2, max: 50 },
} as const;

const B = SETTING_BOUNDS;

/** The ROI assumptions as edited on the settings page (USD; ratio 0–1). */
export const assumptionsSchema = z.object({
  humanHourlyRate: z.coerce.number().positive().max(B.humanHourlyRate.max),
  aiMonthlyCost: z.coerce.number().positive().max(B.aiMonthlyCost.max),
  workingHoursPerMonth: z.coerce.number().positive().max(B.workingHoursPerMonth.max),
  oversightRatio: z.coerce.number().min(B.oversightRatio.min).max(B.oversightRatio.max),
});

/**
 * The portal ROI method's own inputs (ratios 0–1; `mcp-server/src/stats/roi-method.ts`). Stored under
 * their own key so a row written before they existed still parses.
 */
export const methodSettingsSchema = z.object({
  /** Share of a session's time the developer spends in it (1 = pair-style, 0.2 = upstream's oversight). */
  engagementShare: z.coerce.number().min(B.engagementShare.min).max(B.engagementShare.max),
  /** Share of a partial session's estimate that counts as delivered. */
  partialWeight: z.coerce.number().min(B.partialWeight.min).max(B.partialWeight.max),
});

/** Sync-status settings. */
export const syncSettingsSchema = z.object({
  /** A source with no file change for this many days is flagged stale. */
  staleAfterDays: z.coerce.number().int().min(B.staleAfterDays.min).max(B.staleAfterDays.max),
});

/** Session settings. */
export const sessionSettingsSchema = z.object({
  /** An active session with no activity for longer than this is shown as abandoned, not as running. */
  maxSessionHours: z.coerce.number().int().min(B.maxSessionHours.min).max(B.maxSessionHours.max),
});

/** Member privacy (lib/auth/privacy.ts). */
export const privacySettingsSchema = z.object({
  /**
   * A member sees other people only in groups of at least this many developers besides their own
   * folders (2 at least: a group of one is a person).
   */
  minGroupSize: z.coerce.number().int().min(B.minGroupSize.min).max(B.minGroupSize.max),
});

/**
 * What the ROI method takes as a session's outcome (issue 15): the agent's self-report, or — where git
 * has a verdict — whether the session's commits shipped (`lib/queries/get-roi-method.ts`).
 */
export const OUTCOME_SIGNALS = ["self_report", "shipped"] as const;
/** See {@link OUTCOME_SIGNALS}. */
export type OutcomeSignal = (typeof OUTCOME_SIGNALS)[number];

/** The ROI method's outcome signal, stored under its own key so older rows still parse. */
export const outcomeSettingsSchema = z.object({ outcomeSignal: z.enum(OUTCOME_SIGNALS) });

/** Every editable setting. */
export const portalSettingsSchema = assumptionsSchema
  .extend(methodSettingsSchema.shape)
  .extend(syncSettingsSchema.shape)
  .extend(sessionSettingsSchema.shape)
  .extend(privacySettingsSchema.shape)
  .extend(outcomeSettingsSchema.shape);
/** Every editable setting, parsed. */
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

/**
 * Defaults: upstream's assumptions (130 / 40 / 160 / 0.2), the ROI method's full engagement and partial
 * sessions at one half, stale after 7 days, and a session abandoned after 4 h without activity.
 */
export const DEFAULT_SETTINGS: Readonly<PortalSettings> = Object.freeze({
  ...DEFAULT_ASSUMPTIONS,
  engagementShare: DEFAULT_ROI_METHOD_SETTINGS.engagementShare,
  partialWeight: DEFAULT_ROI_METHOD_SETTINGS.partialWeight,
  staleAfterDays: 7,
  maxSessionHours: 4,
  minGroupSize: 3,
  outcomeSignal: "self_report",
});

const KEYS = ["assumptions", "method", "sync", "sessions", "privacy", "outcome"] as const;

/** Reads every setting, falling back per group to the defaults. */
export async function getPortalSettings({ db }: { db: Store }): Promise<PortalSettings> {
  const rows = await db.all<{ key: string; value: string }>(
    `SELECT key, value FROM settings WHERE key IN (${KEYS.map(() => "?").join(", ")})`,
    KEYS,
  );
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const parse = <T>(schema: z.ZodType<T>, raw: string | undefined, fallback: T): T => {
    if (raw === undefined) return fallback;
    try {
      const res = schema.safeParse(JSON.parse(raw));
      return res.success ? res.data : fallback;
    } catch {
      return fallback;
    }
  };
  const d = groupsOf(DEFAULT_SETTINGS);
  return {
    ...parse(assumptionsSchema, byKey.get("assumptions"), d.assumptions),
    ...parse(methodSettingsSchema, byKey.get("method"), d.method),
    ...parse(syncSettingsSchema, byKey.get("sync"), d.sync),
    ...parse(sessionSettingsSchema, byKey.get("sessions"), d.sessions),
    ...parse(privacySettingsSchema, byKey.get("privacy"), d.privacy),
    ...parse(outcomeSettingsSchema, byKey.get("outcome"), d.outcome),
  };
}

/** `s` split into the groups stored under each settings key. */
function groupsOf(s: PortalSettings) {
  const {
    staleAfterDays,
    maxSessionHours,
    engagementShare,
    partialWeight,
    minGroupSize,
    outcomeSignal,
    ...assumptions
  } = s;
  return {
    assumptions,
    method: { engagementShare, partialWeight },
    sync: { staleAfterDays },
    sessions: { maxSessionHours },
    privacy: { minGroupSize },
    outcome: { outcomeSignal },
  } satisfies Record<(typeof KEYS)[number], object>;
}

/**
 * Validates `patch` (any subset of the settings), merges it over the stored values and stores the groups
 * it changed. Returns the settings now in force. Throws a ZodError on invalid input (before any write).
 * Only the changed groups are written, each by one upsert: two admins saving different settings at the
 * same moment (two tabs, two portal instances) both keep their change.
 */
export async function updatePortalSettings({
  db,
  patch,
  now = Date.now(),
}: {
  db: Store;
  patch: unknown;
  now?: number;
}): Promise<PortalSettings> {
  const parsedPatch = portalSettingsSchema.partial().parse(patch);
  const stored = await getPortalSettings({ db });
  const merged = portalSettingsSchema.parse({ ...stored, ...parsedPatch });
  const before: Record<string, object> = groupsOf(stored);
  for (const [key, value] of Object.entries(groupsOf(merged))) {
    const json = JSON.stringify(value);
    if (json !== JSON.stringify(before[key])) await putSetting(db, key, json, now);
  }
  return merged;
}

/**
 * Stores `value` (JSON text) under settings key `key` at `now`, replacing what was there. Also the price
 * table's writer (lib/pricing-settings.ts).
 */
export async function putSetting(db: Store, key: string, value: string, now: number): Promise<void> {
  await db.run(
    `INSERT INTO settings (key, value, updated_ms) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms`,
    [key, value, now],
  );
}
