import { Badge } from "@tremor/react";
import { utcDateTime as dateTime } from "@/app/_components/format";
import { getPortalRuntime } from "@/lib/runtime/ingest";

/** The ingest watcher's state: shared folder, watching or not, last pass and last data change. */
export async function IngestStatus() {
  const runtime = await getPortalRuntime();
  if (!runtime)
    return <p className="text-tremor-default text-tremor-content">The ingest watcher is not running.</p>;
  const worker = runtime.ingest.worker();
  if (!worker) {
    // Several instances on PostgreSQL: another one runs the watcher (lib/runtime/leader.ts).
    const leader = runtime.ingest.leadership().leaderInstance;
    return (
      <p className="text-tremor-default text-tremor-content">
        Another portal instance{leader ? ` (${leader})` : ""} runs the ingest watcher; this one serves its
        data.
      </p>
    );
  }
  const s = worker.status();
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-tremor-default sm:grid-cols-[10rem_1fr]">
      <dt className="text-tremor-content">Shared folder</dt>
      <dd className="flex flex-wrap items-center gap-2 break-all font-mono text-tremor-label text-tremor-content-strong">
        {runtime.root}
        {runtime.demoMode ? <Badge color="amber">demo data</Badge> : null}
      </dd>
      <dt className="text-tremor-content">Watcher</dt>
      <dd className="text-tremor-content-strong">
        {s.watching ? <Badge color="emerald">watching</Badge> : <Badge color="rose">not watching</Badge>}
        {s.rootPresent ? null : (
          <span className="ml-2 text-rose-600 dark:text-rose-400">folder not found</span>
        )}
      </dd>
      <dt className="text-tremor-content">Last pass</dt>
      <dd className="text-tremor-content-strong">{s.lastScanMs ? `${dateTime(s.lastScanMs)} UTC` : "—"}</dd>
      <dt className="text-tremor-content">Last data change</dt>
      <dd className="text-tremor-content-strong">
        {s.lastChangeMs ? `${dateTime(s.lastChangeMs)} UTC` : "—"}
      </dd>
    </dl>
  );
}
