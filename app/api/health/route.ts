import { getHealthReport } from "@/lib/runtime/health";
import { getPortalRuntime } from "@/lib/runtime/ingest";

export const dynamic = "force-dynamic";

/**
 * Public liveness/readiness probe: 503 until the first ingest pass finished (Playwright's webServer and
 * load balancers wait on it), then 200 with status `ok`, or `degraded` (still 200: the portal serves the
 * last good data) while ingest passes fail or files are recorded with errors, with the time of the last
 * good pass and the counts. Reveals no data beyond counts and times.
 */
export async function GET(): Promise<Response> {
  const runtime = getPortalRuntime();
  if (!runtime) return Response.json({ status: "starting" }, { status: 503 });
  const { worker } = await runtime;
  const { httpStatus, ...report } = getHealthReport(worker.status());
  return Response.json(report, { status: httpStatus });
}
