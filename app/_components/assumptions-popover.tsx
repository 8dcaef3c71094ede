"use client";

import type { Assumptions } from "ai-session-tracker-mcp/stats";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { usd } from "@/app/_components/format";
import { Icon } from "@/app/_components/icon";

/**
 * A small "i" button beside an ROI figure that opens the assumptions the figure was computed with
 * (hourly rate, AI seat cost, working hours, oversight) and links to Settings. Pass `note` to explain a
 * figure-specific rule (e.g. outcome weighting).
 */
export function AssumptionsPopover({
  assumptions,
  note,
  label = "Assumptions used",
  align = "left",
}: {
  assumptions: Assumptions;
  note?: string;
  label?: string;
  align?: "left" | "right";
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const aiHourly = assumptions.aiMonthlyCost / assumptions.workingHoursPerMonth;
  return (
    <span ref={root} className="relative inline-flex align-middle">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={label}
        title={label}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex size-5 items-center justify-center rounded-full text-tremor-content-subtle hover:text-tremor-content-strong"
      >
        <Icon d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.253a.25.25 0 0 1 .244.304l-.459 2.066A1.75 1.75 0 0 0 10.747 15H11a.75.75 0 0 0 0-1.5h-.253a.25.25 0 0 1-.244-.304l.459-2.066A1.75 1.75 0 0 0 9.253 9H9Z" />
      </button>
      {open ? (
        <div
          id={id}
          role="dialog"
          aria-label={label}
          data-testid="assumptions-popover"
          className={`absolute top-6 z-40 w-72 rounded-tremor-default bg-tremor-background p-4 text-left text-tremor-default font-normal text-tremor-content shadow-tremor-dropdown ring-1 ring-tremor-ring ${align === "right" ? "right-0" : "left-0"}`}
        >
          <p className="mb-2 font-medium text-tremor-content-strong">{label}</p>
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 tabular-nums">
            <dt>Human hourly rate</dt>
            <dd className="text-right text-tremor-content-strong">{usd(assumptions.humanHourlyRate)}/h</dd>
            <dt>AI cost per seat</dt>
            <dd className="text-right text-tremor-content-strong">{usd(assumptions.aiMonthlyCost)}/mo</dd>
            <dt>Working hours</dt>
            <dd className="text-right text-tremor-content-strong">{assumptions.workingHoursPerMonth} h/mo</dd>
            <dt>AI cost per hour</dt>
            <dd className="text-right text-tremor-content-strong">{usd(aiHourly)}/h</dd>
            <dt>Oversight</dt>
            <dd className="text-right text-tremor-content-strong">
              {Math.round(assumptions.oversightRatio * 1000) / 10} % of AI time
            </dd>
          </dl>
          {note ? <p className="mt-3 text-tremor-label">{note}</p> : null}
          <Link
            href="/settings"
            className="mt-3 inline-block text-tremor-label font-medium text-tremor-brand hover:underline"
          >
            Change in Settings →
          </Link>
        </div>
      ) : null}
    </span>
  );
}
