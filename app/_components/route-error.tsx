"use client";

import { Button, Card } from "@tremor/react";
import { useEffect } from "react";

/** What Next passes to an `error.tsx` boundary. */
type ErrorBoundaryProps = { error: Error & { digest?: string }; reset: () => void };

/**
 * The default export of every dashboard `error.tsx`: `export default routeErrorPage("the issues")`.
 * Each route still needs its own file (Next finds boundaries by file name); only the noun differs.
 */
export function routeErrorPage(what: string) {
  // biome-ignore lint/correctness/noComponentHookFactories: called once per error.tsx at module load, never during a render
  return function PageError({ error, reset }: ErrorBoundaryProps) {
    return <RouteError error={error} reset={reset} what={what} />;
  };
}

/** Body of a dashboard `error.tsx`: says what failed, offers a retry; the cause goes to the console. */
export function RouteError({
  error,
  reset,
  what,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  what: string;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <Card className="mx-auto mt-8 max-w-xl p-6" role="alert">
      <h2 className="text-tremor-title font-semibold text-tremor-content-strong">Could not load {what}</h2>
      <p className="mt-2 text-tremor-default text-tremor-content">
        The portal could not read its database just now. This is usually temporary (a large ingest in
        progress). Try again; if it keeps failing, check the server log
        {error.digest ? ` for error ${error.digest}` : ""}.
      </p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </Card>
  );
}
