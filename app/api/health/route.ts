import { getPortalRuntime } from "@/lib/runtime/ingest";

export const dynamic = "force-dynamic";

/**
 * Public liveness/readiness probe: 200 once the first ingest pass finished, 503 before (Playwright's
 * webServer and load balancers wait on it). Reveals no data beyond pass counts.
 */
export async function GET(): Promise<Response> {
  const runtime = getPortalRuntime();
  if (!runtime) return Response.json({ status: "starting" }, { status: 503 });
  const { worker } = await runtime;
  const s = worker.status();
  const ready = s.passes > 0;
  return Response.json(
    { status: ready ? "ok" : "starting", passes: s.passes, rootPresent: s.rootPresent, watching: s.watching },
    { status: ready ? 200 : 503 },
  );
}
