"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState, useTransition } from "react";
import { date } from "@/app/_components/format";
import { displayText } from "@/lib/display-text";
import { type CustomRangeProblem, customRangeProblem, NO_PROJECT } from "@/lib/filter-values";
import type { DashboardFilters } from "@/lib/filters";
import type { FilterOptions } from "@/lib/queries/get-filter-options";

const RANGE_LABELS: Record<DashboardFilters["range"], string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  all: "All time",
  custom: "Custom…",
};

const OUTCOME_LABELS: Record<string, string> = {
  success: "Success",
  partial: "Partial",
  failed: "Failed",
  none: "No outcome",
};

/** Keys that belong to one page's table (reset when a filter changes). */
const PAGE_LOCAL = ["page"];

const selectClass =
  "h-9 w-full rounded-tremor-default border border-tremor-border bg-tremor-background px-2 text-tremor-default text-tremor-content-strong shadow-tremor-input focus:border-tremor-brand focus:outline-none focus:ring-2 focus:ring-tremor-brand-muted aria-[invalid=true]:border-rose-600";

function Field({ label, children, id }: { label: string; children: React.ReactNode; id: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-tremor-label font-medium text-tremor-content">
        {label}
      </label>
      {children}
    </div>
  );
}

/** Option labels are one line in a narrow select. */
const OPTION_TEXT_MAX = 80;

const humanize = (v: string) => {
  const s = v.replace(/[_-]+/g, " ").trim();
  return s ? displayText(s.charAt(0).toUpperCase() + s.slice(1), OPTION_TEXT_MAX) : "(none)";
};

/** A custom-range problem in words and the date fields it concerns. */
type Shown = { text: string; fields: ("from" | "to")[] };

/** What is wrong with a custom range, in words. */
function problemText(p: CustomRangeProblem, source: "url" | "form"): string {
  if (p.kind === "not-a-date") {
    return source === "url"
      ? `“${displayText(p.value, 40)}” in the address is not a date; it is ignored.`
      : "Enter a whole date (day, month and year).";
  }
  const shown = `${date(p.to)} – ${date(p.from)}`;
  return source === "url"
    ? `“From” (${date(p.from)}) is after “To” (${date(p.to)}): the figures show ${shown}.`
    : `“From” (${date(p.from)}) is after “To” (${date(p.to)}). Pick a start day on or before the end day.`;
}

/**
 * The filter bar (client part; use {@link FilterBar} from ./filter-bar): date range (presets or a custom
 * pair of days), developer, project, model, task type, outcome.
 * Every change rewrites the URL (the source of truth), so links, reloads and the back button keep it.
 * While the server answers, the bar says so and `<main>` carries `aria-busy` (its content dims). On a
 * phone the fields sit behind a "Filters" button. `hide` drops fields a page fixes itself (e.g. the
 * developer on a developer's page).
 */
export function FilterBarClient({
  filters,
  options,
  hide = [],
}: {
  filters: DashboardFilters;
  options: FilterOptions;
  hide?: ("developer" | "project" | "model" | "task" | "outcome")[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [pending, startTransition] = useTransition();
  const uid = useId();
  // "Custom…" picked but no day applied yet: the select stays on it and the date fields show.
  const [customOpen, setCustomOpen] = useState(filters.range === "custom");
  const [formProblem, setFormProblem] = useState<Shown | null>(null);
  // Phones: the fields are behind a button (always shown from the `sm` breakpoint on).
  const [open, setOpen] = useState(false);

  // The query of a navigation still in flight: a second change made before it lands builds on it
  // instead of on the stale URL (otherwise the first change would be lost).
  const inFlight = useRef<string | null>(null);
  const current = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new URL is the trigger, not a value used
  useEffect(() => {
    inFlight.current = null;
    setFormProblem(null);
  }, [current]);
  useEffect(() => {
    setCustomOpen(filters.range === "custom");
  }, [filters.range]);
  // The page shows it is waiting for the server (aria-busy; globals.css dims the content below the bar).
  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    if (pending) main.setAttribute("aria-busy", "true");
    else main.removeAttribute("aria-busy");
  }, [pending]);

  const push = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(inFlight.current ?? current);
    for (const k of PAGE_LOCAL) next.delete(k);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (next.get("range") !== "custom") {
      next.delete("from");
      next.delete("to");
    }
    const qs = next.toString();
    inFlight.current = qs;
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };

  const applyCustom = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const input = (name: "from" | "to") => form.elements.namedItem(name) as HTMLInputElement;
    for (const name of ["from", "to"] as const) {
      // A half-typed date reads as "" with badInput set: say so instead of dropping the field.
      if (input(name).validity.badInput) {
        setFormProblem({ text: problemText({ kind: "not-a-date", value: "" }, "form"), fields: [name] });
        return;
      }
    }
    const from = input("from").value;
    const to = input("to").value;
    if (!from && !to) {
      setFormProblem({ text: "Pick a start day, an end day or both.", fields: ["from", "to"] });
      return;
    }
    const problem = customRangeProblem({ from, to });
    if (problem) {
      setFormProblem({ text: problemText(problem, "form"), fields: ["from", "to"] });
      return;
    }
    setFormProblem(null);
    push({ range: "custom", from, to });
  };

  // A custom range typed into the address: an impossible day or a backwards pair is named, not hidden.
  const fieldsOf = (p: CustomRangeProblem): Shown["fields"] =>
    p.kind === "backwards" ? ["from", "to"] : [p.value === search.get("from") ? "from" : "to"];
  const urlProblem =
    search.get("range") === "custom"
      ? customRangeProblem({ from: search.get("from"), to: search.get("to") })
      : null;
  const problem =
    formProblem ??
    (urlProblem ? { text: problemText(urlProblem, "url"), fields: fieldsOf(urlProblem) } : null);
  const showCustom = customOpen || search.get("range") === "custom";

  const select = (
    key: "developer" | "project" | "model" | "task" | "outcome",
    label: string,
    values: string[],
    labelOf: (v: string) => string = humanize,
  ) =>
    hide.includes(key) ? null : (
      <Field label={label} id={`${uid}-${key}`}>
        <select
          id={`${uid}-${key}`}
          name={key}
          className={selectClass}
          value={key === "project" && filters.project === "" ? NO_PROJECT : (filters[key] ?? "")}
          onChange={(e) => push({ [key]: e.target.value })}
        >
          <option value="">All</option>
          {values.map((v) => (
            // The empty project ("no project") travels in the URL as NO_PROJECT; "" means "All".
            <option key={v} value={key === "project" && v === "" ? NO_PROJECT : v}>
              {labelOf(v)}
            </option>
          ))}
        </select>
      </Field>
    );

  const active = (["developer", "project", "model", "task", "outcome"] as const).filter(
    (k) => !hide.includes(k) && filters[k] !== undefined,
  );
  const errorId = `${uid}-range-error`;
  const invalid = (field: "from" | "to") => problem?.fields.includes(field) ?? false;

  return (
    <search aria-label="Dashboard filters" aria-busy={pending} className="mb-6 block">
      <div className="mb-3 flex items-center justify-between gap-3 sm:hidden">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${uid}-fields`}
          onClick={() => setOpen((o) => !o)}
          className="inline-flex h-9 items-center gap-2 rounded-tremor-default border border-tremor-border bg-tremor-background px-3 text-tremor-default font-medium text-tremor-content-strong shadow-tremor-input"
        >
          Filters
          <span className="font-normal text-tremor-content">
            {RANGE_LABELS[filters.range] === "Custom…" ? "Custom range" : RANGE_LABELS[filters.range]}
            {active.length ? ` · ${active.length} more` : ""}
          </span>
          <span aria-hidden="true">{open ? "▴" : "▾"}</span>
        </button>
      </div>
      <div id={`${uid}-fields`} className={`${open ? "block" : "hidden"} sm:block`}>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end">
          <Field label="Date range" id={`${uid}-range`}>
            <select
              id={`${uid}-range`}
              name="range"
              className={selectClass}
              value={showCustom ? "custom" : filters.range}
              onChange={(e) => {
                const v = e.target.value;
                if (v === "custom") {
                  // No navigation until a day is applied: the URL only ever holds a usable range.
                  setCustomOpen(true);
                  return;
                }
                setCustomOpen(false);
                setFormProblem(null);
                push({ range: v === "30d" ? undefined : v });
              }}
            >
              {(Object.keys(RANGE_LABELS) as DashboardFilters["range"][]).map((r) => (
                <option key={r} value={r}>
                  {RANGE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          {/* Names come from the shared folder: labels are cut and show controls as markers; the value
              stays the real name (it is what the URL filters on). */}
          {select("developer", "Developer", options.developers, (v) => displayText(v, OPTION_TEXT_MAX))}
          {select("project", "Project", options.projects, (v) =>
            v ? displayText(v, OPTION_TEXT_MAX) : "(no project)",
          )}
          {select("model", "Model", options.models, (v) => displayText(v, OPTION_TEXT_MAX))}
          {select("task", "Task type", options.taskTypes)}
          {select("outcome", "Outcome", Object.keys(OUTCOME_LABELS), (v) => OUTCOME_LABELS[v] ?? v)}
          <div className="flex items-end">
            <button
              type="button"
              disabled={active.length === 0 && filters.range === "30d" && !showCustom}
              onClick={() => {
                setCustomOpen(false);
                setFormProblem(null);
                push({
                  range: undefined,
                  developer: undefined,
                  project: undefined,
                  model: undefined,
                  task: undefined,
                  outcome: undefined,
                });
              }}
              className="h-9 w-full rounded-tremor-default px-3 text-tremor-default font-medium text-tremor-brand hover:bg-tremor-brand-faint disabled:cursor-not-allowed disabled:text-tremor-content disabled:hover:bg-transparent"
            >
              Clear filters
            </button>
          </div>
        </div>
        {showCustom ? (
          <form
            key={`${filters.from ?? ""}|${filters.to ?? ""}`}
            noValidate
            className="mt-3 flex flex-wrap items-end gap-3"
            onSubmit={applyCustom}
          >
            {(["from", "to"] as const).map((name) => (
              <Field key={name} label={name === "from" ? "From" : "To"} id={`${uid}-${name}`}>
                <input
                  id={`${uid}-${name}`}
                  name={name}
                  type="date"
                  defaultValue={filters[name]}
                  aria-invalid={invalid(name)}
                  aria-describedby={problem ? `${errorId} ${uid}-range-note` : `${uid}-range-note`}
                  className={selectClass}
                />
              </Field>
            ))}
            <button
              type="submit"
              className="h-9 rounded-tremor-default bg-tremor-brand px-4 text-tremor-default font-medium text-tremor-brand-inverted hover:bg-tremor-brand-emphasis"
            >
              Apply
            </button>
            <p id={`${uid}-range-note`} className="basis-full text-tremor-label text-tremor-content">
              Whole UTC days, both included.
            </p>
          </form>
        ) : null}
      </div>
      {problem ? (
        <p
          id={errorId}
          role="alert"
          className="mt-2 text-tremor-default font-medium text-rose-700 dark:text-rose-300"
        >
          {problem.text}
        </p>
      ) : null}
      <div aria-live="polite">
        {pending ? (
          <p
            data-testid="filters-pending"
            className="mt-2 inline-flex items-center gap-2 text-tremor-label font-medium text-tremor-content-emphasis"
          >
            <span
              aria-hidden="true"
              className="size-3 animate-spin rounded-full border-2 border-tremor-brand border-t-transparent"
            />
            Updating figures…
          </p>
        ) : null}
      </div>
      {pending ? (
        <div aria-hidden="true" className="fixed inset-x-0 top-0 z-50 h-0.5 animate-pulse bg-tremor-brand" />
      ) : null}
    </search>
  );
}
