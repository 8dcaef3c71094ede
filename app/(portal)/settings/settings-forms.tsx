"use client";

import { type ReactNode, useActionState, useState } from "react";
import {
  createToken,
  type FormState,
  saveAssumptions,
  saveMethodSettings,
  saveSyncSettings,
} from "./actions";

export const IDLE: FormState = { status: "idle", message: "" };

const inputClass =
  "block w-full rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input tabular-nums focus:border-tremor-brand focus:ring-2 focus:ring-tremor-brand-muted focus:outline-none aria-[invalid=true]:border-rose-500";

const buttonClass =
  "inline-flex h-9 items-center justify-center rounded-tremor-default bg-tremor-brand px-4 text-tremor-default font-medium text-tremor-brand-inverted shadow-tremor-input hover:bg-tremor-brand-emphasis disabled:opacity-60";

function Field({
  name,
  label,
  hint,
  unit,
  defaultValue,
  state,
  step = "any",
}: {
  name: string;
  label: string;
  hint: string;
  unit: string;
  defaultValue: number;
  state: FormState;
  step?: string;
}) {
  const errors = state.fieldErrors?.[name];
  const id = `field-${name}`;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-tremor-default font-medium text-tremor-content-strong">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <input
          id={id}
          name={name}
          type="number"
          inputMode="decimal"
          step={step}
          defaultValue={defaultValue}
          required
          aria-invalid={errors ? true : undefined}
          aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ""}`}
          className={inputClass}
        />
        <span className="shrink-0 text-tremor-default text-tremor-content">{unit}</span>
      </div>
      <p id={`${id}-hint`} className="text-tremor-label text-tremor-content">
        {hint}
      </p>
      {errors ? (
        <p id={`${id}-error`} className="text-tremor-label text-rose-600 dark:text-rose-400">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

function StatusLine({ state }: { state: FormState }) {
  return (
    <p
      role="status"
      className={`text-tremor-default ${state.status === "error" ? "text-rose-600 dark:text-rose-400" : "text-emerald-700 dark:text-emerald-400"}`}
    >
      {state.message}
    </p>
  );
}

type AssumptionValues = {
  humanHourlyRate: number;
  aiMonthlyCost: number;
  workingHoursPerMonth: number;
  oversightRatio: number;
};

/** The save button of a settings form with the outcome of the last save beside it. */
export function SubmitRow({ pending, state, label }: { pending: boolean; state: FormState; label: string }) {
  return (
    <div className="flex flex-wrap items-center gap-4">
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Saving…" : label}
      </button>
      <StatusLine state={state} />
    </div>
  );
}

/** One numeric input of a settings form; `value` turns the stored setting into the input's value. */
interface FieldSpec<V> {
  name: string;
  label: string;
  hint: string;
  unit: string;
  value: (v: V) => number;
}

/** A 0–1 setting as the percentage the form shows (2 dp at most). */
const asPercent = (v: number) => Math.round(v * 10_000) / 100;

/** The assumption inputs, in form order. */
const ASSUMPTION_FIELDS: FieldSpec<AssumptionValues>[] = [
  {
    name: "humanHourlyRate",
    label: "Human hourly rate",
    hint: "Fully loaded cost of a developer hour. Upstream default: 130.",
    unit: "USD / h",
    value: (v) => v.humanHourlyRate,
  },
  {
    name: "aiMonthlyCost",
    label: "AI cost per seat",
    hint: "Subscription per developer per month. Upstream default: 40.",
    unit: "USD / month",
    value: (v) => v.aiMonthlyCost,
  },
  {
    name: "workingHoursPerMonth",
    label: "Working hours per month",
    hint: "Turns the monthly AI cost into an hourly one. Upstream default: 160.",
    unit: "h",
    value: (v) => v.workingHoursPerMonth,
  },
  {
    name: "oversightPercent",
    label: "Oversight",
    hint: "Share of AI time a human spends reviewing and steering. Upstream default: 20 %.",
    unit: "% of AI time",
    value: (v) => asPercent(v.oversightRatio),
  },
];

type MethodValues = { engagementShare: number; partialWeight: number; outcomeSignal: string };

/** The ROI method's inputs (percentages of the stored 0–1 shares). */
const METHOD_FIELDS: FieldSpec<MethodValues>[] = [
  {
    name: "engagementPercent",
    label: "Engagement share",
    hint: "Share of a session's time the developer spends in it. 100 % = pair-style use (default); upstream's oversight assumes 20 %. The conservative case always uses 100 %.",
    unit: "% of session time",
    value: (v) => asPercent(v.engagementShare),
  },
  {
    name: "partialPercent",
    label: "Partial-session weight",
    hint: "Share of a partial session's estimate that counts as delivered (default 50 %). Failed sessions count 0; the conservative case uses half this weight.",
    unit: "% of the estimate",
    value: (v) => asPercent(v.partialWeight),
  },
];

/** A settings form of numeric fields in two columns, saved by `save`. */
function FieldListForm<V>({
  save,
  fields,
  values,
  label,
  submit,
  extra,
}: {
  save: (prev: FormState, form: FormData) => Promise<FormState>;
  fields: FieldSpec<V>[];
  values: V;
  label: string;
  submit: string;
  /** A non-numeric field after the numeric ones (e.g. the outcome signal's choice). */
  extra?: (state: FormState) => ReactNode;
}) {
  const [state, action, pending] = useActionState(save, IDLE);
  return (
    <form action={action} className="flex flex-col gap-6" aria-label={label}>
      <div className="grid gap-6 sm:grid-cols-2">
        {fields.map(({ value, ...f }) => (
          <Field key={f.name} {...f} defaultValue={value(values)} state={state} />
        ))}
        {extra?.(state)}
      </div>
      <SubmitRow pending={pending} state={state} label={submit} />
    </form>
  );
}

/** The four ROI assumptions (defaults = upstream's). Saving re-renders every page with them. */
export function AssumptionsForm({ values }: { values: AssumptionValues }) {
  return (
    <FieldListForm
      save={saveAssumptions}
      fields={ASSUMPTION_FIELDS}
      values={values}
      label="ROI assumptions"
      submit="Save assumptions"
    />
  );
}

/** The ROI method's own settings: engagement share and partial-session weight (as percentages). */
export function MethodSettingsForm({ values }: { values: MethodValues }) {
  return (
    <FieldListForm
      save={saveMethodSettings}
      fields={METHOD_FIELDS}
      values={values}
      label="ROI method"
      submit="Save method"
      extra={(state) => <OutcomeSignalField value={values.outcomeSignal} state={state} />}
    />
  );
}

/** The ROI method's outcome signal (issue 15): self-report, or git's shipped verdict where it has one. */
function OutcomeSignalField({ value, state }: { value: string; state: FormState }) {
  const id = "field-outcomeSignal";
  const errors = state.fieldErrors?.outcomeSignal;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-tremor-default font-medium text-tremor-content-strong">
        Outcome signal
      </label>
      <select
        id={id}
        name="outcomeSignal"
        defaultValue={value}
        aria-describedby={`${id}-hint`}
        aria-invalid={errors ? true : undefined}
        className={inputClass}
      >
        <option value="self_report">Self-report (the agent's outcome)</option>
        <option value="shipped">Shipped (git), self-report where git has no verdict</option>
      </select>
      <p id={`${id}-hint`} className="text-tremor-label text-tremor-content">
        Shipped: a session whose commits reached the default branch counts as a success for the shipped share
        of its lines, a reverted or unmerged one as failed; pending sessions and sessions without git evidence
        keep their self-report.
      </p>
    </div>
  );
}

/**
 * Days without a file change after which a source is flagged stale on the Sources page, hours
 * without activity after which an active session is abandoned, and members' minimum group size.
 */
export function SyncSettingsForm({
  staleAfterDays,
  maxSessionHours,
  minGroupSize,
}: {
  staleAfterDays: number;
  maxSessionHours: number;
  minGroupSize: number;
}) {
  const [state, action, pending] = useActionState(saveSyncSettings, IDLE);
  return (
    <form action={action} className="flex flex-col gap-6" aria-label="Sync status">
      <div className="max-w-xs">
        <Field
          name="staleAfterDays"
          label="Flag a source as stale after"
          hint="A folder whose files have not changed for this long probably stopped syncing."
          unit="days"
          step="1"
          defaultValue={staleAfterDays}
          state={state}
        />
      </div>
      <div className="max-w-xs">
        <Field
          name="maxSessionHours"
          label="Treat an active session as abandoned after"
          hint="With no interaction for this long, a session still marked active is shown as abandoned and not counted as running."
          unit="hours"
          step="1"
          defaultValue={maxSessionHours}
          state={state}
        />
      </div>
      <div className="max-w-xs">
        <Field
          name="minGroupSize"
          label="Members see other people only in groups of at least"
          hint="A figure or table row that would show fewer other developers than this is withheld from members."
          unit="people"
          step="1"
          defaultValue={minGroupSize}
          state={state}
        />
      </div>
      <SubmitRow pending={pending} state={state} label="Save" />
    </form>
  );
}

/** Creates an API token and shows it once, with a copy button. */
/** Expiry choices of a new token, in days (0 = never). */
const TOKEN_EXPIRY_DAYS = [0, 7, 30, 90, 365] as const;

/**
 * Creates an API token: name, scopes (those the signed-in role allows; `read` ticked by default) and an
 * optional expiry. The secret is shown once, in the success box.
 */
export function CreateTokenForm({ scopes }: { scopes: { scope: string; hint: string }[] }) {
  const [state, action, pending] = useActionState(createToken, IDLE);
  const [copied, setCopied] = useState(false);
  const errors = [...(state.fieldErrors?.name ?? []), ...(state.fieldErrors?.scopes ?? [])];
  return (
    <div className="flex flex-col gap-4">
      <form action={action} className="flex flex-col gap-3" aria-label="Create API token">
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex flex-1 flex-col gap-1.5">
            <label
              htmlFor="token-name"
              className="text-tremor-default font-medium text-tremor-content-strong"
            >
              Token name
            </label>
            <input
              id="token-name"
              name="name"
              placeholder="e.g. weekly report script"
              maxLength={80}
              required
              aria-invalid={state.fieldErrors?.name ? true : undefined}
              className={inputClass}
            />
          </div>
          <div className="flex flex-col gap-1.5">
            <label
              htmlFor="token-expiry"
              className="text-tremor-default font-medium text-tremor-content-strong"
            >
              Expires
            </label>
            <select id="token-expiry" name="expiresInDays" defaultValue="0" className={inputClass}>
              {TOKEN_EXPIRY_DAYS.map((d) => (
                <option key={d} value={d}>
                  {d === 0 ? "never" : `in ${d} days`}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-tremor-default font-medium text-tremor-content-strong">Scopes</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-1.5">
            {scopes.map(({ scope, hint }) => (
              <label key={scope} className="flex items-center gap-2 text-tremor-default text-tremor-content">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} />
                <span>
                  <span className="font-medium text-tremor-content-strong">{scope}</span> — {hint}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <button type="submit" disabled={pending} className={buttonClass}>
            {pending ? "Creating…" : "Create token"}
          </button>
        </div>
      </form>
      {errors.length > 0 ? (
        <p className="text-tremor-label text-rose-600 dark:text-rose-400">{errors.join(" ")}</p>
      ) : null}
      {state.token ? (
        <div className="rounded-tremor-default border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40">
          <p className="text-tremor-default font-medium text-emerald-900 dark:text-emerald-200">
            {state.message}
          </p>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              data-testid="new-api-token"
              className="block flex-1 overflow-x-auto rounded bg-tremor-background px-3 py-2 font-mono text-tremor-label text-tremor-content-strong ring-1 ring-tremor-ring"
            >
              {state.token}
            </code>
            <button
              type="button"
              className="inline-flex h-9 items-center justify-center rounded-tremor-default border border-tremor-border bg-tremor-background px-3 text-tremor-default text-tremor-content-strong hover:bg-tremor-background-subtle"
              onClick={() => {
                void navigator.clipboard?.writeText(state.token ?? "").then(() => setCopied(true));
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <p className="mt-2 text-tremor-label text-emerald-900/80 dark:text-emerald-200/80">
            Use it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> on{" "}
            <code className="font-mono">/api/v1/…</code>
          </p>
        </div>
      ) : state.status === "error" && errors.length === 0 ? (
        <StatusLine state={state} />
      ) : null}
    </div>
  );
}
