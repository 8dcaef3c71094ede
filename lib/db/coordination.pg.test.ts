/**
 * Leadership on a real PostgreSQL server with real processes: instances are child processes
 * (test-support/leader-child.ts) joining one election; the leader is killed (SIGKILL: its socket closes)
 * or frozen (SIGSTOP: its socket stays open, its heartbeat stops) and the follower must take over in time.
 * (SQLite: coordination.test.ts.)
 */
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { killAllChildren, type LineChild, spawnLineChild } from "@/test-support/child-lines";
import { createTestDatabase, TEST_PG_URL_ENV } from "@/test-support/postgres";
import { pgLeadership } from "./coordination";

let url = "";
let drop = async () => {};

beforeEach(async () => {
  const adminUrl = process.env[TEST_PG_URL_ENV];
  if (!adminUrl) throw new Error(`${TEST_PG_URL_ENV} is unset: run through vitest's portal-postgres project`);
  ({ url, drop } = await createTestDatabase(adminUrl));
});

afterEach(async () => {
  await killAllChildren();
  await drop();
});

type Line = Record<string, unknown>;
const isChange = (leading: boolean) => (l: Line) => l.kind === "change" && l.leading === leading;

/** Starts instance `id` (check/session timings in ms) and waits until it has decided. */
async function instance(id: string, checkMs: number, sessionTimeoutMs: number): Promise<LineChild> {
  const child = spawnLineChild("test-support/leader-child.ts", [
    url,
    id,
    String(checkMs),
    String(sessionTimeoutMs),
  ]);
  await child.waitFor((l) => l.kind === "ready", 30_000, `${id} ready`);
  return child;
}

describe("leadership on PostgreSQL (real processes)", () => {
  it("one instance leads; a killed leader's lock passes to the follower within 30 s (default timings)", async () => {
    const a = await instance("a", 3_000, 15_000);
    expect(a.lines.some(isChange(true))).toBe(true);
    const b = await instance("b", 3_000, 15_000);
    expect(b.lines.some(isChange(true))).toBe(false);
    // The follower knows who leads and sees its heartbeat (the start of the leader's last statement).
    const seen = await b.waitFor(
      (l) => l.kind === "status" && l.leaderInstance === "a",
      10_000,
      "b sees a lead",
    );
    expect(seen.leader).toBe(false);
    expect(Math.abs(Number(seen.leaderHeartbeatMs) - Number(seen.at))).toBeLessThan(3_000 + 2_000);

    const killedAt = Date.now();
    await a.kill("SIGKILL");
    const took = await b.waitFor(isChange(true), 30_000, "b takes over");
    // A killed process's socket closes and the server frees its lock at once: the next try wins.
    expect(Number(took.at) - killedAt).toBeLessThan(30_000);
    const after = await b.waitFor((l) => l.kind === "status" && l.leader === true, 5_000, "b's status");
    expect(after.leaderInstance).toBe("b");
  });

  it("a frozen leader loses the lock when the server ends its silent session; thawed, it follows", async () => {
    const checkMs = 500;
    const sessionTimeoutMs = 3_000;
    const a = await instance("a", checkMs, sessionTimeoutMs);
    const b = await instance("b", checkMs, sessionTimeoutMs);
    await b.waitFor((l) => l.kind === "status" && l.leaderInstance === "a", 10_000, "b sees a lead");

    const frozenAt = Date.now();
    a.process.kill("SIGSTOP");
    const took = await b.waitFor(isChange(true), 30_000, "b takes over from the frozen a");
    const waited = Number(took.at) - frozenAt;
    // Not before the server ended a's session (its lock was still held), well within the bound after.
    expect(waited).toBeGreaterThanOrEqual(sessionTimeoutMs - checkMs);
    expect(waited).toBeLessThan(sessionTimeoutMs + 5 * checkMs + 3_000);

    const thawedAt = a.lines.length;
    a.process.kill("SIGCONT");
    // The old leader finds its session gone, stops leading, and follows the new one.
    await a.waitFor((l) => a.lines.indexOf(l) >= thawedAt && isChange(false)(l), 10_000, "a steps down");
    await a.waitFor(
      (l) =>
        a.lines.indexOf(l) >= thawedAt &&
        l.kind === "status" &&
        l.leader === false &&
        l.leaderInstance === "b",
      10_000,
      "a follows b",
    );
    // Never two leaders afterwards: b still leads.
    const last = await b.waitFor(
      (l) => l.kind === "status" && Number(l.at) > Date.now() - 500,
      5_000,
      "b's status",
    );
    expect(last.leader).toBe(true);
  });

  it("a leader whose session the server ends steps down at once and leads again when it can", async () => {
    const changes: boolean[] = [];
    const lines: string[] = [];
    const l = pgLeadership(
      { connectionString: url },
      {
        name: "ingest",
        instanceId: "solo",
        checkMs: 300,
        onChange: (x) => changes.push(x),
        log: (m) => lines.push(m),
      },
    );
    try {
      await l.ready;
      expect(changes).toEqual([true]);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const ended = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ast-portal solo'",
        );
        expect(ended.rowCount).toBe(1);
      } finally {
        await admin.end();
      }
      const end = Date.now() + 10_000;
      while (changes.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(changes).toEqual([true, false, true]);
      expect(l.status()).toMatchObject({ leader: true, leaderInstance: "solo" });
    } finally {
      await l.stop();
    }
    expect(changes.at(-1)).toBe(false);
  });
});
