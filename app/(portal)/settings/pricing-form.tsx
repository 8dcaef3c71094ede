"use client";

import { useActionState } from "react";
import { savePrices } from "./pricing-actions";
import { IDLE, SubmitRow } from "./settings-forms";

/**
 * The admin's model prices as CSV text, one row per line (`#` lines are comments). A row for a model the
 * shipped table has, with the same or a later date, overrides it; a new model adds a price.
 */
export function PricingForm({ csv, header }: { csv: string; header: string }) {
  const [state, action, pending] = useActionState(savePrices, IDLE);
  const error = state.fieldErrors?.prices?.[0];
  return (
    <form action={action} className="flex flex-col gap-3" aria-label="Model prices">
      <label htmlFor="prices" className="text-tremor-default font-medium text-tremor-content-strong">
        Your price rows (USD per million tokens)
      </label>
      <p id="prices-hint" className="text-tremor-label text-tremor-content">
        One row per line: <code className="break-all font-mono">{header}</code>. Use the model name as the agent logs
        it, without its date suffix.
      </p>
      <textarea
        id="prices"
        name="prices"
        rows={6}
        defaultValue={csv}
        aria-describedby="prices-hint"
        aria-invalid={error ? true : undefined}
        className="w-full rounded-tremor-default border border-tremor-border bg-tremor-background p-2 font-mono text-tremor-label text-tremor-content-strong"
      />
      <SubmitRow pending={pending} state={state} label="Save prices" />
    </form>
  );
}
