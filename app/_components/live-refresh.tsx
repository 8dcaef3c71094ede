"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { clock } from "@/app/_components/format";

type LiveState = "connecting" | "live" | "offline";

/**
 * Listens to `/api/v1/events` and re-renders the current page (server components re-query) when ingest
 * changed data, so an open dashboard follows the shared folder without a reload. Shows a small status.
 */
export function LiveRefresh() {
  const router = useRouter();
  const [state, setState] = useState<LiveState>("connecting");
  const [lastUpdate, setLastUpdate] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const source = new EventSource("/api/v1/events");
    source.onopen = () => setState("live");
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? "offline" : "connecting");
    source.addEventListener("ingest", () => {
      // Coalesce a burst of passes (a sync client writing several files) into one refresh.
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        setLastUpdate(Date.now());
        router.refresh();
      }, 150);
    });
    return () => {
      source.close();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [router]);

  const label =
    state === "live" ? "Live" : state === "connecting" ? "Connecting…" : "Offline — reload to reconnect";
  return (
    <p
      role="status"
      className="fixed right-3 bottom-3 z-20 flex items-center gap-2 rounded-full border border-tremor-border bg-tremor-background px-3 py-1.5 text-tremor-label text-tremor-content shadow-tremor-card"
      data-testid="live-status"
      data-state={state}
    >
      <span
        aria-hidden="true"
        className={`size-2 rounded-full ${
          state === "live" ? "bg-emerald-500" : state === "connecting" ? "bg-amber-400" : "bg-rose-500"
        }`}
      />
      <span>
        {label}
        {lastUpdate ? (
          <span className="sr-only sm:not-sr-only">
            {" · updated "}
            {clock(lastUpdate)}
          </span>
        ) : null}
      </span>
    </p>
  );
}
