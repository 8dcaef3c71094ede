/**
 * The price table the portal prices measured usage with: the rows shipped with the tracker
 * (`DEFAULT_PRICE_ROWS`, sources in mcp-server/src/stats/pricing-defaults.ts) followed by the rows an
 * admin added in Settings (stored under the settings key `pricing`). An admin row for a model and date
 * also present in the defaults overrides it (`findPrice` takes the later row on a tie).
 */
import { DEFAULT_PRICE_ROWS, type PriceRow } from "ai-session-tracker-mcp/stats";
import { z } from "zod";
import type { Store } from "@/lib/db/store";
import { putSetting } from "@/lib/settings";

const price = z.coerce.number().min(0).max(10_000);

/** One admin price row (USD per million tokens). */
export const priceRowSchema = z.object({
  model: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .transform((m) => m.toLowerCase()),
  effective_from: z.iso.date(),
  input: price,
  output: price,
  cache_write_5m: price,
  cache_write_1h: price,
  cache_read: price,
  source: z.string().trim().max(500).default("added in Settings"),
});

const storedSchema = z.array(priceRowSchema).max(500);

/** The settings key the admin's rows are stored under (JSON array). */
export const PRICING_SETTING_KEY = "pricing";

/** The admin's rows of a stored `pricing` value (empty when none or unreadable). */
export function customPriceRowsOf(value: string | undefined): PriceRow[] {
  if (value === undefined) return [];
  try {
    const parsed = storedSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

async function pricingValue(db: Store): Promise<string | undefined> {
  const row = await db.get<{ value: string }>("SELECT value FROM settings WHERE key = ?", [
    PRICING_SETTING_KEY,
  ]);
  return row?.value;
}

/** The admin's rows (empty when none or unreadable). */
export async function getCustomPriceRows({ db }: { db: Store }): Promise<PriceRow[]> {
  return customPriceRowsOf(await pricingValue(db));
}

/** The table of a stored `pricing` value: shipped rows, then the admin's (which win a tie). */
export function priceRowsOf(value: string | undefined): PriceRow[] {
  return [...DEFAULT_PRICE_ROWS, ...customPriceRowsOf(value)];
}

/** The table in force: shipped rows, then the admin's (which win a tie). */
export async function getPriceRows({ db }: { db: Store }): Promise<PriceRow[]> {
  return priceRowsOf(await pricingValue(db));
}

/**
 * Replaces the admin's rows. Throws a ZodError on invalid rows. `rows` as CSV lines
 * `model,effective_from,input,output,cache_write_5m,cache_write_1h,cache_read[,source]` are parsed by
 * {@link parsePriceCsv}.
 */
export async function saveCustomPriceRows({
  db,
  rows,
  now = Date.now(),
}: {
  db: Store;
  rows: unknown;
  now?: number;
}): Promise<PriceRow[]> {
  const parsed = storedSchema.parse(rows);
  await putSetting(db, PRICING_SETTING_KEY, JSON.stringify(parsed), now);
  return parsed;
}

/** The CSV columns of the admin's rows, in order. */
export const PRICE_CSV_COLUMNS = [
  "model",
  "effective_from",
  "input",
  "output",
  "cache_write_5m",
  "cache_write_1h",
  "cache_read",
  "source",
] as const;

/**
 * Parses the Settings text box: one row per line, comma-separated in {@link PRICE_CSV_COLUMNS} order
 * (`source` optional); blank lines and lines starting with `#` are ignored. Returns the rows or the first
 * problem as "line N: …".
 */
export function parsePriceCsv(text: string): { ok: true; rows: PriceRow[] } | { ok: false; error: string } {
  const rows: PriceRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "" || line.startsWith("#")) continue;
    const cells = line.split(",").map((c) => c.trim());
    const [model, effective_from, input, output, w5, w1h, read, ...source] = cells;
    // Text cells to the row's fields (the schema coerces and checks them); like pricing-defaults' row(),
    // which builds the same shape from typed numbers.
    const parsed = priceRowSchema.safeParse({
      model,
      effective_from,
      input,
      output,
      cache_write_5m: w5,
      cache_write_1h: w1h,
      cache_read: read,
      ...(source.length > 0 ? { source: source.join(",") } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: `line ${i + 1}: ${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}`,
      };
    }
    rows.push(parsed.data);
  }
  return { ok: true, rows };
}

/** The admin's rows as the Settings text box shows them. */
export function priceRowsToCsv(rows: readonly PriceRow[]): string {
  return rows
    .map((r) =>
      [
        r.model,
        r.effective_from,
        r.input,
        r.output,
        r.cache_write_5m,
        r.cache_write_1h,
        r.cache_read,
        r.source,
      ].join(","),
    )
    .join("\n");
}
