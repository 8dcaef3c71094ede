import { Badge, Card } from "@tremor/react";
import Link from "next/link";
import { DeveloperName } from "@/app/_components/developer-name";
import { ago, dateTime, int } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import { displayText } from "@/lib/display-text";
import type { SourceStatus } from "@/lib/queries/get-sources-status";

/** One source folder: who, where, readable or not, stale or not, counts, unreadable files, skipped records, merged copies. */
export function SourceCard({ s, nowMs, staleDays }: { s: SourceStatus; nowMs: number; staleDays: number }) {
  const c = s.counts;
  const broken = s.errors.length > 0;
  return (
    <Card className="p-4 sm:p-5" data-testid="source-card">
      <section aria-label={`Source ${displayText(s.relPath)}`}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 className="text-tremor-default font-semibold break-all text-tremor-content-strong">
              <Link
                href={`/developers/${encodeURIComponent(s.developer)}?range=all`}
                className="hover:underline"
              >
                <DeveloperName folder={s.developer} />
              </Link>
              {s.subPath ? (
                <span className="font-normal text-tremor-content">
                  {" "}
                  / <UserText text={s.subPath} />
                </span>
              ) : null}
            </h2>
            <p className="font-mono text-tremor-label break-all text-tremor-content-subtle">
              <UserText text={s.relPath} />
            </p>
          </div>
          <div className="flex flex-wrap gap-1.5">
            {s.kind === "push" ? (
              <Badge color="violet" title="Sent with ai-session-tracker push (POST /api/v1/ingest)">
                push source
              </Badge>
            ) : null}
            {broken ? (
              <Badge color="rose">{s.errors.length} unreadable</Badge>
            ) : (
              <Badge color="emerald">readable</Badge>
            )}
            {s.stale ? (
              <Badge color="amber" title={`No file changed for ${staleDays} days`}>
                stale
              </Badge>
            ) : null}
            {s.mergedCopies.length ? (
              <Badge color="blue">{s.mergedCopies.length} conflict copies merged</Badge>
            ) : null}
          </div>
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-3 text-tremor-label sm:grid-cols-4">
          <div>
            <dt className="text-tremor-content">
              {s.kind === "push" ? "Last push with changes" : "Last file change"}
            </dt>
            <dd
              className="text-tremor-default text-tremor-content-strong"
              title={dateTime(s.lastFileChangeMs)}
            >
              {ago(s.lastFileChangeMs, nowMs)}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-content">Last ingest</dt>
            <dd className="text-tremor-default text-tremor-content-strong" title={dateTime(s.lastIngestMs)}>
              {ago(s.lastIngestMs, nowMs)}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-content">Sessions / interactions</dt>
            <dd className="text-tremor-default tabular-nums text-tremor-content-strong">
              {int(c.sessions)} / {int(c.interactions)}
            </dd>
          </div>
          <div>
            <dt className="text-tremor-content">Issues / requests / skipped</dt>
            <dd className="text-tremor-default tabular-nums text-tremor-content-strong">
              {int(c.issues)} / {int(c.requests)} / {int(c.skipped)}
            </dd>
          </div>
        </dl>
        {broken ? (
          <ul
            className="mt-3 space-y-1 rounded-tremor-default bg-rose-50 p-3 text-tremor-label dark:bg-rose-950/40"
            aria-label="Unreadable files"
            data-testid="source-errors"
          >
            {s.errors.map((e) => (
              <li key={e.name} className="break-words text-rose-800 dark:text-rose-300">
                <UserText text={e.name} className="font-mono font-medium" />: {displayText(e.error, 1000)}
                {e.atMs ? (
                  <span className="text-rose-700 dark:text-rose-300"> ({dateTime(e.atMs)})</span>
                ) : null}
              </li>
            ))}
            <li className="text-rose-800 dark:text-rose-300">
              The rows this file produced last time are kept; it is read again as soon as it changes.
            </li>
          </ul>
        ) : null}
        {s.skippedRecords.length ? (
          <details className="mt-3 text-tremor-label" data-testid="source-skipped">
            <summary className="cursor-pointer text-tremor-content">
              Skipped records ({int(c.skipped)}): unreadable or out of bounds, left out of every figure
            </summary>
            <ul className="mt-1 space-y-0.5">
              {s.skippedRecords.map((r, i) => (
                // A file lists each record once, but keys may repeat across files and kinds.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is static for one render
                <li key={i} className="break-all text-tremor-content-strong">
                  <span className="font-mono">{r.file}</span>{" "}
                  <span className="font-mono">{String(r.key)}</span>: {r.reason}
                </li>
              ))}
            </ul>
            {s.skippedRecords.length < c.skipped ? (
              <p className="mt-1 text-tremor-content">The first 50 of each file are listed.</p>
            ) : null}
          </details>
        ) : null}
        {s.mergedCopies.length ? (
          <details className="mt-3 text-tremor-label">
            <summary className="cursor-pointer text-tremor-content">Merged conflict copies</summary>
            <ul className="mt-1 space-y-0.5">
              {s.mergedCopies.map((m) => (
                <li key={m.name} className="break-all text-tremor-content-strong">
                  <UserText text={m.name} className="font-mono" /> ({m.copyKind} copy of{" "}
                  {m.copyOf ? <UserText text={m.copyOf} /> : "?"}): {int(m.records)} records,{" "}
                  {int(m.sessionsOverlapping)} sessions also elsewhere, {int(m.sessionsOnlyHere)} only here
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
    </Card>
  );
}
