"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can } from "@/lib/auth/roles";
import { scopeListSchema } from "@/lib/auth/scopes";
import { createApiToken, deleteApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { isPortalError } from "@/lib/errors";
import { requireAdmin } from "@/lib/server/auth";
import { getStore } from "@/lib/server/data";
import { OUTCOME_SIGNALS, SETTING_BOUNDS, updatePortalSettings } from "@/lib/settings";

/** Result of a settings form: field errors keyed by input name, or a success message. */
export interface FormState {
  status: "idle" | "ok" | "error";
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** A freshly created API token, shown exactly once. */
  token?: string;
}

const num = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .transform((v) => Number(v.replace(",", ".")))
    .pipe(z.number({ error: `${label} must be a number` }).finite());

const B = SETTING_BOUNDS;
/** The form takes the oversight as a percentage; the stored setting is a ratio. */
const oversightPct = { min: B.oversightRatio.min * 100, max: B.oversightRatio.max * 100 };

const assumptionsFormSchema = z.object({
  humanHourlyRate: num("Hourly rate").pipe(z.number().positive("Must be above 0").max(B.humanHourlyRate.max)),
  aiMonthlyCost: num("AI cost").pipe(z.number().positive("Must be above 0").max(B.aiMonthlyCost.max)),
  workingHoursPerMonth: num("Working hours").pipe(
    z
      .number()
      .positive("Must be above 0")
      .max(B.workingHoursPerMonth.max, `At most ${B.workingHoursPerMonth.max}`),
  ),
  oversightPercent: num("Oversight").pipe(
    z
      .number()
      .min(oversightPct.min, `At least ${oversightPct.min} %`)
      .max(oversightPct.max, `At most ${oversightPct.max} %`),
  ),
});

/** The form takes the method's shares as percentages; the stored settings are ratios. */
const percentOf = (label: string, b: { min: number; max: number }) =>
  num(label).pipe(
    z
      .number()
      .min(b.min * 100, `At least ${b.min * 100} %`)
      .max(b.max * 100, `At most ${b.max * 100} %`),
  );

const methodFormSchema = z.object({
  engagementPercent: percentOf("Engagement share", B.engagementShare),
  partialPercent: percentOf("Partial-session weight", B.partialWeight),
  outcomeSignal: z.enum(OUTCOME_SIGNALS, { error: "Pick self-report or shipped" }),
});

/** A whole number of `unit` within a setting's bounds. */
const wholeWithin = (label: string, unit: string, b: { min: number; max: number }) =>
  num(label).pipe(
    z.number().int(`Whole ${unit}`).min(b.min, `At least ${b.min}`).max(b.max, `At most ${b.max}`),
  );

const syncFormSchema = z.object({
  staleAfterDays: wholeWithin("Days", "days", B.staleAfterDays),
  maxSessionHours: wholeWithin("Hours", "hours", B.maxSessionHours),
  minGroupSize: wholeWithin("Group size", "people", B.minGroupSize),
});

/** Parses a submitted form, or the error state that highlights the failing fields. */
function parseForm<T>(
  schema: z.ZodType<T>,
  form: FormData | Record<string, unknown>,
): { data: T } | { error: FormState } {
  const parsed = schema.safeParse(form instanceof FormData ? Object.fromEntries(form) : form);
  if (parsed.success) return { data: parsed.data };
  return {
    error: {
      status: "error",
      message: "Check the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    },
  };
}

function failure(e: unknown): FormState {
  if (isPortalError(e)) return { status: "error", message: e.message };
  console.error("[settings]", e);
  return { status: "error", message: "Could not save: see the server log." };
}

/**
 * An admin's settings form: parses `form` with `schema`, stores `patch(data)` and re-renders every page
 * with it; the form's state (field errors, or `message`).
 */
async function saveSettingsForm<T>(
  form: FormData,
  schema: z.ZodType<T>,
  patch: (data: T) => Record<string, unknown>,
  message: string,
): Promise<FormState> {
  try {
    await requireAdmin();
    const parsed = parseForm(schema, form);
    if ("error" in parsed) return parsed.error;
    await updatePortalSettings({ db: await getStore(), patch: patch(parsed.data) });
    revalidatePath("/", "layout");
    return { status: "ok", message };
  } catch (e) {
    return failure(e);
  }
}

/** Saves the ROI assumptions; every page re-renders with them at once. */
export async function saveAssumptions(_prev: FormState, form: FormData): Promise<FormState> {
  return saveSettingsForm(
    form,
    assumptionsFormSchema,
    ({ oversightPercent, ...rest }) => ({ ...rest, oversightRatio: oversightPercent / 100 }),
    "Assumptions saved. Every ROI figure now uses them.",
  );
}

/** Saves the ROI method's engagement share and partial-session weight; every page re-renders with them. */
export async function saveMethodSettings(_prev: FormState, form: FormData): Promise<FormState> {
  return saveSettingsForm(
    form,
    methodFormSchema,
    ({ engagementPercent, partialPercent, outcomeSignal }) => ({
      engagementShare: engagementPercent / 100,
      partialWeight: partialPercent / 100,
      outcomeSignal,
    }),
    "Saved. The portal method's figures now use them.",
  );
}

/** Saves the stale-after setting of the Sources page, the abandoned-session limit and members' minimum group size. */
export async function saveSyncSettings(_prev: FormState, form: FormData): Promise<FormState> {
  return saveSettingsForm(form, syncFormSchema, (data) => data, "Saved.");
}

const tokenFormSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(80),
  scopes: scopeListSchema,
  expiresInDays: z.coerce.number().int().min(0).max(366).default(0),
});

/** Creates an API token (scopes and optional expiry from the form) and returns it once. */
export async function createToken(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const user = await requireAdmin();
    const parsed = parseForm(tokenFormSchema, { ...Object.fromEntries(form), scopes: form.getAll("scopes") });
    if ("error" in parsed) return parsed.error;
    const { name, scopes, expiresInDays } = parsed.data;
    const now = Date.now();
    const { token } = await createApiToken({
      db: await getStore(),
      creator: { userId: user.id, tokenId: null },
      name,
      scopes,
      expiresMs: expiresInDays === 0 ? null : now + expiresInDays * 86_400_000,
      now,
    });
    revalidatePath("/settings");
    return { status: "ok", message: "Token created. Copy it now: it will not be shown again.", token };
  } catch (e) {
    return failure(e);
  }
}

const tokenIdSchema = z.object({ id: z.coerce.number().int().positive() });

/** Revokes a token (an admin manages every user's) and every token it created. */
export async function revokeToken(form: FormData): Promise<void> {
  const user = await requireAdmin();
  const { id } = tokenIdSchema.parse(Object.fromEntries(form));
  await revokeApiToken({
    db: await getStore(),
    userId: user.id,
    id,
    anyOwner: can(user.role, "tokens:manage"),
  });
  revalidatePath("/settings");
}

/** Deletes a token from the list (revoking it and what it created first); an admin manages every user's. */
export async function deleteToken(form: FormData): Promise<void> {
  const user = await requireAdmin();
  const { id } = tokenIdSchema.parse(Object.fromEntries(form));
  await deleteApiToken({
    db: await getStore(),
    userId: user.id,
    id,
    anyOwner: can(user.role, "tokens:manage"),
  });
  revalidatePath("/settings");
}
