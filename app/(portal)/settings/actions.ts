"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { isPortalError } from "@/lib/errors";
import { requireAdmin } from "@/lib/server/auth";
import { getDb } from "@/lib/server/data";
import { updatePortalSettings } from "@/lib/settings";

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

const assumptionsFormSchema = z.object({
  humanHourlyRate: num("Hourly rate").pipe(z.number().positive("Must be above 0").max(100_000)),
  aiMonthlyCost: num("AI cost").pipe(z.number().positive("Must be above 0").max(1_000_000)),
  workingHoursPerMonth: num("Working hours").pipe(
    z.number().positive("Must be above 0").max(744, "At most 744"),
  ),
  oversightPercent: num("Oversight").pipe(z.number().min(1, "At least 1 %").max(100, "At most 100 %")),
});

const syncFormSchema = z.object({
  staleAfterDays: num("Days").pipe(z.number().int("Whole days").min(1, "At least 1").max(365, "At most 365")),
});

function fieldErrors(e: z.ZodError): Record<string, string[]> {
  return z.flattenError(e).fieldErrors as Record<string, string[]>;
}

function failure(e: unknown): FormState {
  if (isPortalError(e)) return { status: "error", message: e.message };
  console.error("[settings]", e);
  return { status: "error", message: "Could not save: see the server log." };
}

/** Saves the ROI assumptions; every page re-renders with them at once. */
export async function saveAssumptions(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await requireAdmin();
    const parsed = assumptionsFormSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      return {
        status: "error",
        message: "Check the highlighted fields.",
        fieldErrors: fieldErrors(parsed.error),
      };
    }
    const { oversightPercent, ...rest } = parsed.data;
    updatePortalSettings(getDb(), { ...rest, oversightRatio: oversightPercent / 100 });
    revalidatePath("/", "layout");
    return { status: "ok", message: "Assumptions saved. Every ROI figure now uses them." };
  } catch (e) {
    return failure(e);
  }
}

/** Saves the stale-after setting of the Sources page. */
export async function saveSyncSettings(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await requireAdmin();
    const parsed = syncFormSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      return {
        status: "error",
        message: "Check the highlighted fields.",
        fieldErrors: fieldErrors(parsed.error),
      };
    }
    updatePortalSettings(getDb(), parsed.data);
    revalidatePath("/", "layout");
    return { status: "ok", message: "Saved." };
  } catch (e) {
    return failure(e);
  }
}

const tokenNameSchema = z.object({ name: z.string().trim().min(1, "Give the token a name").max(80) });

/** Creates an API token and returns it once. */
export async function createToken(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    const user = await requireAdmin();
    const parsed = tokenNameSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      return {
        status: "error",
        message: "Check the highlighted fields.",
        fieldErrors: fieldErrors(parsed.error),
      };
    }
    const { token } = createApiToken(getDb(), user.id, parsed.data.name);
    revalidatePath("/settings");
    return { status: "ok", message: "Token created. Copy it now: it will not be shown again.", token };
  } catch (e) {
    return failure(e);
  }
}

const revokeSchema = z.object({ id: z.coerce.number().int().positive() });

/** Revokes one of the signed-in user's tokens. */
export async function revokeToken(form: FormData): Promise<void> {
  const user = await requireAdmin();
  const { id } = revokeSchema.parse(Object.fromEntries(form));
  revokeApiToken(getDb(), user.id, id);
  revalidatePath("/settings");
}
