import { getHealthReport, healthInputOf } from "@/lib/runtime/health";
import { getPortalRuntime } from "@/lib/runtime/ingest";

export const dynamic = "force-dynamic";

/**
 * Public liveness/readiness probe: 503 until this instance can serve (the ingest leader after its first
 * pass — Playwright's webServer and load balancers wait on it; a follower on PostgreSQL as soon as it
 * knows it follows), then 200 with status `ok`, or `degraded` (still 200: the portal serves the last good
 * data) while this instance's ingest passes fail or files are recorded with errors. Says which instance
 * leads (id, engine, the leader's last heartbeat). Reveals no data beyond counts, times and instance ids.
 */
export async function GET(): Promise<Response> {
  const runtime = getPortalRuntime();
  if (!runtime) return Response.json({ status: "starting" }, { status: 503 });
  const { ingest, engine } = await runtime;
  const { httpStatus, ...report } = getHealthReport(healthInputOf(ingest, engine));
  return Response.json(report, { status: httpStatus });
}
