/**
 * A child process of the leadership tests (lib/db/coordination.test.ts): one "instance" joining the
 * PostgreSQL election of `ingest` with short timings, reporting each change and its status as JSON lines
 * on stdout until it is killed. Run: `node --import tsx test-support/leader-child.ts <url> <instance-id>
 * <checkMs> <sessionTimeoutMs>`.
 */
import { pgLeadership } from "../lib/db/coordination";

const [url, instanceId, checkMs, sessionTimeoutMs] = process.argv.slice(2);
if (!url || !instanceId)
  throw new Error("usage: leader-child <url> <instance-id> [checkMs] [sessionTimeoutMs]");

const say = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ at: Date.now(), ...line })}\n`);

const election = pgLeadership(
  { connectionString: url },
  {
    name: "ingest",
    instanceId,
    checkMs: Number(checkMs ?? 500),
    sessionTimeoutMs: Number(sessionTimeoutMs ?? 3000),
    onChange: (leading) => say({ kind: "change", leading }),
    log: (m) => process.stderr.write(`[${instanceId}] ${m}\n`),
  },
);
void election.ready.then(() => say({ kind: "ready", ...election.status() }));
setInterval(() => say({ kind: "status", ...election.status() }), 250);
process.on("SIGTERM", () => {
  void election.stop().then(() => process.exit(0));
});
