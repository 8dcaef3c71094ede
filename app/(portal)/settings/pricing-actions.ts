"use server";

import { revalidatePath } from "next/cache";
import { parsePriceCsv, saveCustomPriceRows } from "@/lib/pricing-settings";
import { requireAdmin } from "@/lib/server/auth";
import { getStore } from "@/lib/server/data";
import type { FormState } from "./actions";

/**
 * Saves the admin's model prices (one CSV row per line; see lib/pricing-settings.ts). The Spend page and
 * the ROI method's measured spend use them at once.
 */
export async function savePrices(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await requireAdmin();
    const text = form.get("prices");
    const parsed = parsePriceCsv(typeof text === "string" ? text : "");
    if (!parsed.ok)
      return { status: "error", message: parsed.error, fieldErrors: { prices: [parsed.error] } };
    await saveCustomPriceRows({ db: await getStore(), rows: parsed.rows });
    revalidatePath("/", "layout");
    return { status: "ok", message: `Saved ${parsed.rows.length} price row(s). Spend now uses them.` };
  } catch (e) {
    console.error("[settings] prices", e);
    return { status: "error", message: "Could not save: see the server log." };
  }
}
