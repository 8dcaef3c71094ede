import { Card } from "@tremor/react";
import { dateTime, humanize, minutes } from "@/app/_components/format";
import { UserText } from "@/app/_components/user-text";
import type { SessionDetail } from "@/lib/queries/get-session-detail";
import { Fact } from "./fact";

/** Started, ended, the session id and the execution context. */
export function SessionFacts({ d }: { d: SessionDetail }) {
  const s = d.session;
  return (
    <Card className="p-4 sm:p-5">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="session-facts">
        <Fact label="Started">{dateTime(s.start_time)}</Fact>
        <Fact label="Ended">
          {s.end_time ? (
            dateTime(s.end_time)
          ) : d.liveness?.state === "abandoned" ? (
            <span data-testid="session-abandoned">
              abandoned — last activity {dateTime(d.liveness.lastActivityMs)} (no activity for over{" "}
              {minutes(d.liveness.maxSessionMinutes)})
            </span>
          ) : d.liveness?.state === "live" && d.liveness.elapsedMinutes !== null ? (
            <span data-testid="session-live">still running, {minutes(d.liveness.elapsedMinutes)} so far</span>
          ) : (
            "still active"
          )}
        </Fact>
        <Fact label="Session id">
          <UserText text={s.id} className="break-all font-mono text-tremor-label" />
        </Fact>
        <Fact label="Context">{humanize(s.execution_context)}</Fact>
      </dl>
    </Card>
  );
}
