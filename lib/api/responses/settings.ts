/**
 * GET/PUT /api/v1/settings: the settings in force, by the settings page's names in snake_case
 * (`humanHourlyRate` → `human_hourly_rate`). Derived from lib/settings.ts's schema key by key, so a
 * setting added there is in the API (and the document) at once, with its bounds; the key set is fixed
 * code, never data.
 */
import { z } from "zod";
import { type PortalSettings, portalSettingsSchema } from "@/lib/settings";
import { defineResponse } from "./define";

type Shape = typeof portalSettingsSchema.shape;
/** `humanHourlyRate` → `human_hourly_rate` at the type level. */
type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;
type SnakeShape = { [K in keyof Shape & string as Snake<K>]: Shape[K] };
type SnakeSettings = { [K in keyof PortalSettings & string as Snake<K>]: PortalSettings[K] };

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camelOf = new Map(Object.keys(portalSettingsSchema.shape).map((k) => [snake(k), k]));

const snakeShape = Object.fromEntries(
  Object.entries(portalSettingsSchema.shape).map(([k, v]) => [snake(k), v]),
) as SnakeShape;

/** Every editable setting in snake_case, with the settings page's bounds. */
export const settingsSchema = z.strictObject(snakeShape);

/** PUT /api/v1/settings body: any subset of {@link settingsSchema}; an unknown key is a 400. */
export const settingsPatchSchema = settingsSchema.partial();

/** A PUT body's patch by the settings store's names (lib/settings.ts updatePortalSettings). */
export function settingsPatchFrom(body: z.output<typeof settingsPatchSchema>): Partial<PortalSettings> {
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [camelOf.get(k) ?? k, v]),
  ) as Partial<PortalSettings>;
}

/** The body of GET and PUT /api/v1/settings. */
export const settingsResponse = defineResponse(
  z.strictObject({ settings: settingsSchema }),
  (s: PortalSettings) => ({
    settings: Object.fromEntries(
      Object.keys(portalSettingsSchema.shape).map((k) => [snake(k), s[k as keyof PortalSettings]]),
    ) as SnakeSettings as z.output<typeof settingsSchema>,
  }),
);
