/**
 * Failover of the ingest between two portal instances on one PostgreSQL (issue 14), with real processes:
 * two children run the real start-up (test-support/portal-instance-child.ts) on the same database and the
 * same folder. One leads and ingests; the other follows, reports who leads, and still hears the ingest's
 * change events (its viewers' live refresh). The leader is killed with SIGKILL while files change; the
 * follower takes over within 30 s, the changes are in the database within takeover + settle time, and no
 * row is counted twice: the database's counts equal an independent count of the files' records, and the
 * reference counts and per-session totals are exact.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { killAllChildren, type LineChild, spawnLineChild } from "@/test-support/child-lines";
import { holdingViolations, interactionRecord, sessionRecord, totalsViolations } from "@/test-support/ingest";
import { openTestStore, type TestStore } from "@/test-support/store";

const SETTLE_MS = 200;

let t: TestStore;
let root: string;
beforeEach(async () => {
  t = await openTestStore("postgres");
  root = path.join(t.dir, "team");
});
afterEach(async () => {
  await killAllChildren();
  await t.cleanup();
});

/** Writes `developer`'s sessions.json and interactions.json with `n` sessions of two interactions each. */
function writeDeveloper(developer: string, n: number, from = 0): void {
  const dir = path.join(root, developer);
  mkdirSync(dir, { recursive: true });
  const sessions: Record<string, unknown> = {};
  const interactions: unknown[] = [];
  for (let i = from; i < from + n; i++) {
    const id = `${developer}_s${i}`;
    sessions[id] = sessionRecord(id, { total_interactions: 2 });
    interactions.push(
      interactionRecord(id, 1, { prompt: `${id} one` }),
      interactionRecord(id, 2, { prompt: `${id} two` }),
    );
  }
  writeFileSync(path.join(dir, "sessions.json"), JSON.stringify(sessions));
  writeFileSync(path.join(dir, "interactions.json"), JSON.stringify(interactions));
}

/** Records per developer as the files hold them, counted here from the JSON (not through the ingest). */
function countFiles(): Record<string, { sessions: number; interactions: number }> {
  const out: Record<string, { sessions: number; interactions: number }> = {};
  for (const developer of readdirSync(root)) {
    const read = (name: string) =>
      JSON.parse(readFileSync(path.join(root, developer, name), "utf8")) as unknown;
    out[developer] = {
      sessions: Object.keys(read("sessions.json") as object).length,
      interactions: (read("interactions.json") as unknown[]).length,
    };
  }
  return out;
}

/** The same counts as the database holds them. */
async function countDb(db: Store): Promise<Record<string, { sessions: number; interactions: number }>> {
  const rows = await db.all<{ name: string; sessions: number; interactions: number }>(
    `SELECT d.name,
       (SELECT count(*) FROM sessions s WHERE s.developer_id = d.id) AS sessions,
       (SELECT count(*) FROM interactions i WHERE i.developer_id = d.id) AS interactions
     FROM developers d ORDER BY d.name`,
  );
  return Object.fromEntries(
    rows.map((r) => [r.name, { sessions: r.sessions, interactions: r.interactions }]),
  );
}

/** Polls until the database's counts equal the files'; returns when (epoch ms). */
async function untilCountsMatch(timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const [db, files] = [await countDb(t.store), countFiles()];
    if (JSON.stringify(db) === JSON.stringify(files)) return Date.now();
    last = { db, files };
    if (Date.now() > end) throw new Error(`counts never matched: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function instance(id: string): LineChild {
  return spawnLineChild("test-support/portal-instance-child.ts", [], {
    DATABASE_URL: t.location,
    PORTAL_DATA_ROOT: root,
    PORTAL_INSTANCE_ID: id,
    PORTAL_INGEST_SETTLE_MS: String(SETTLE_MS),
    PORTAL_INGEST_RESCAN_MS: "600000",
  });
}

type Line = Record<string, unknown>;
const health = (l: Line) =>
  l.kind === "health" ? (l as Line & { instance: Line; ingest: Line | null }) : null;

describe("two portal instances on one PostgreSQL", () => {
  it("kill -9 the leader: the follower takes over within 30 s, ingests what changed meanwhile, and counts nothing twice", async () => {
    writeDeveloper("alice", 3);
    writeDeveloper("bob", 2);

    const a = instance("a");
    await a.waitFor(
      (l) => health(l)?.instance.leader === true && health(l)?.status === "ok",
      60_000,
      "a leads and ingested",
    );
    const b = instance("b");
    const follows = await b.waitFor((l) => health(l)?.status === "ok", 60_000, "b ready");
    // A follower is ready without a pass of its own, knows who leads, and sees the leader's heartbeat.
    expect(health(follows)).toMatchObject({
      httpStatus: 200,
      ingest: null,
      instance: { id: "b", engine: "postgres", leader: false, leaderSince: null },
    });
    await b.waitFor(
      (l) => health(l)?.instance.leaderInstance === "a" && health(l)?.instance.leaderHeartbeat !== null,
      10_000,
      "b sees a lead",
    );
    await untilCountsMatch(10_000);

    // Live refresh on the follower: the leader's ingest of a new developer reaches b's subscribers.
    const bSeen = b.lines.length;
    writeDeveloper("carol", 2);
    await b.waitFor(
      (l) =>
        b.lines.indexOf(l) >= bSeen && l.kind === "event" && (l.developers as string[]).includes("carol"),
      15_000,
      "b hears a's ingest of carol",
    );

    // The leader dies; files change while nobody ingests.
    const killedAt = Date.now();
    await a.kill("SIGKILL");
    writeDeveloper("bob", 4, 0); // two sessions more in a changed file
    writeDeveloper("dave", 1); // a new developer

    const took = await b.waitFor((l) => health(l)?.instance.leader === true, 30_000, "b takes over");
    const takeoverMs = Number(took.at) - killedAt;
    expect(takeoverMs).toBeLessThan(30_000);
    const matchedAt = await untilCountsMatch(30_000);
    // Within takeover + settle time (+ one pass on this loaded machine).
    expect(matchedAt - killedAt).toBeLessThan(takeoverMs + SETTLE_MS + 5_000);

    // Nothing counted twice: the counts equal the files' (untilCountsMatch), every key is one row, and the
    // reference counts and per-session totals are exact after two instances wrote.
    const dupes = await t.store.all(
      "SELECT developer_id, session_id FROM sessions GROUP BY developer_id, session_id HAVING count(*) > 1",
    );
    expect(dupes).toEqual([]);
    expect(await holdingViolations(t.store)).toEqual([]);
    expect(await totalsViolations(t.store)).toEqual([]);

    // The new leader's watcher works and its own events reach its subscribers.
    const seen = b.lines.length;
    writeDeveloper("erin", 1);
    await b.waitFor(
      (l) => b.lines.indexOf(l) >= seen && l.kind === "event" && (l.developers as string[]).includes("erin"),
      15_000,
      "b ingests erin",
    );
    await untilCountsMatch(10_000);
    const after = await b.waitFor(
      (l) => health(l)?.ingest !== null && health(l)?.instance.leader === true,
      5_000,
      "b's report",
    );
    expect(health(after)?.instance).toMatchObject({ id: "b", leader: true, leaderInstance: "b" });
  });
});
