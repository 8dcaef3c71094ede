"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useTransition } from "react";
import { displayText } from "@/lib/display-text";
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
  "h-9 w-full rounded-tremor-default border border-tremor-border bg-tremor-background px-2 text-tremor-default text-tremor-content-strong shadow-tremor-input focus:border-tremor-brand focus:outline-none focus:ring-2 focus:ring-tremor-brand-muted";

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

/**
 * The filter bar (client part; use {@link FilterBar} from ./filter-bar): date range (presets or custom days), developer, project, model, task type, outcome.
 * Every change rewrites the URL (the source of truth), so links, reloads and the back button keep it.
 * `hide` drops fields a page fixes itself (e.g. the developer on a developer's page).
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

  // The query of a navigation still in flight: a second change made before it lands builds on it
  // instead of on the stale URL (otherwise the first change would be lost).
  const inFlight = useRef<string | null>(null);
  const current = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new URL is the trigger, not a value used
  useEffect(() => {
    inFlight.current = null;
  }, [current]);

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
          value={filters[key] ?? ""}
          onChange={(e) => push({ [key]: e.target.value })}
        >
          <option value="">All</option>
          {values.map((v) => (
            <option key={v} value={v}>
              {labelOf(v)}
            </option>
          ))}
        </select>
      </Field>
    );

  const active = (["developer", "project", "model", "task", "outcome"] as const).filter(
    (k) => !hide.includes(k) && filters[k] !== undefined,
  );

  return (
    <search aria-label="Dashboard filters" aria-busy={pending} className="mb-6 block">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end">
        <Field label="Date range" id={`${uid}-range`}>
          <select
            id={`${uid}-range`}
            name="range"
            className={selectClass}
            value={filters.range}
            onChange={(e) => push({ range: e.target.value === "30d" ? undefined : e.target.value })}
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
            disabled={active.length === 0 && filters.range === "30d"}
            onClick={() =>
              push({
                range: undefined,
                developer: undefined,
                project: undefined,
                model: undefined,
                task: undefined,
                outcome: undefined,
              })
            }
            className="h-9 w-full rounded-tremor-default px-3 text-tremor-default font-medium text-tremor-brand hover:bg-tremor-brand-faint disabled:cursor-not-allowed disabled:text-tremor-content-subtle disabled:hover:bg-transparent"
          >
            Clear filters
          </button>
        </div>
      </div>
      {filters.range === "custom" ? (
        <form
          className="mt-3 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            push({ range: "custom", from: String(data.get("from") ?? ""), to: String(data.get("to") ?? "") });
          }}
        >
          <Field label="From (UTC day)" id={`${uid}-from`}>
            <input
              id={`${uid}-from`}
              name="from"
              type="date"
              defaultValue={filters.from}
              className={selectClass}
            />
          </Field>
          <Field label="To (UTC day, included)" id={`${uid}-to`}>
            <input id={`${uid}-to`} name="to" type="date" defaultValue={filters.to} className={selectClass} />
          </Field>
          <button
            type="submit"
            className="h-9 rounded-tremor-default bg-tremor-brand px-4 text-tremor-default font-medium text-tremor-brand-inverted hover:bg-tremor-brand-emphasis"
          >
            Apply
          </button>
        </form>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {pending ? "Updating figures…" : ""}
      </p>
    </search>
  );
}
