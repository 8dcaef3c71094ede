/**
 * The ingest on the run's engine (`PORTAL_TEST_ENGINE`: SQLite in the `portal` project, PostgreSQL in
 * `portal-postgres`) leaves exactly the rows the SQLite engine leaves for the same folder — whose figures
 * the other ingest tests check against the generator's truth — through a cold pass over every kind of
 * mess, a changed file (kept, dropped, added and duplicated records), a deleted conflict copy, a
 * truncated file, a push, and a big file applied in steps; and the reference counts and per-session
 * totals stay exact on the engine itself. Real databases on both sides.
 */
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { ALL_MESS, makeTeamFolder } from "@/scripts/make-team-folder";
import { holdingViolations, interactionRecord, sessionRecord, totalsViolations } from "@/test-support/ingest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { applyInSteps } from "./apply-steps";
import { LIMITS } from "./bounds";
import type { DiscoveredFile } from "./discover";
import { parseFileBytes } from "./parse";
import { ingestPush, pushPayloadSchema } from "./push";
import { scanRoot } from "./scan";
import { IngestStore } from "./store";

const NOW_MS = Date.parse("2026-12-01T00:00:00Z");

let engine: TestStore;
let reference: TestStore;
let root: string;
beforeEach(async () => {
  engine = await openTestStore();
  reference = await openTestStore("sqlite");
  root = path.join(engine.dir, "team");
});
afterEach(async () => {
  await engine.cleanup();
  await reference.cleanup();
  rmSync(`${root}.external`, { recursive: true, force: true });
});

/** The same pass on both databases. */
async function scanBoth() {
  const pass = (db: Store) => scanRoot({ db, root, now: () => NOW_MS, extraRoots: [`${root}.external`] });
  const [a, b] = [await pass(engine.store), await pass(reference.store)];
  expect(a.files.map((f) => [f.relPath, f.action, f.records, f.skipped, f.error])).toEqual(
    b.files.map((f) => [f.relPath, f.action, f.records, f.skipped, f.error]),
  );
  return a;
}

/**
 * What a database holds, without the surrogate ids (they depend on insertion order, which the engines
 * need not share): each row with its developer's name, its file's path, its session's key instead.
 */
async function content(db: Store): Promise<Record<string, string[]>> {
  // Columns in name order (the engines' tables need not list them alike); a float sum to 12 digits (the
  // engines' SUM may round its last bit differently).
  const canon = (r: Record<string, unknown>) =>
    JSON.stringify(
      Object.entries(r)
        .map(([k, v]) => [k, typeof v === "number" && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v])
        .sort(([x], [y]) => String(x).localeCompare(String(y))),
    );
  const rows = async (sql: string, drop: string[] = []) =>
    (await db.all<Record<string, unknown>>(sql))
      .map((r) => {
        for (const c of drop) delete r[c];
        return canon(r);
      })
      .sort();
  const data = (table: string) =>
    `SELECT d.name AS developer, x.* FROM ${table} x JOIN developers d ON d.id = x.developer_id`;
  const ids = ["id", "developer_id"];
  return {
    developers: await rows("SELECT name, first_seen_ms FROM developers"),
    sources: await rows(
      "SELECT d.name, s.rel_path, s.sub_path FROM sources s JOIN developers d ON d.id = s.developer_id",
    ),
    files: await rows(
      `SELECT rel_path, name, kind, copy_kind, copy_of, size, mtime_ms, hash, status, last_error, records_count,
         skipped_count, skipped_json, last_ingested_ms FROM source_files`,
    ),
    versions: await rows(
      "SELECT f.rel_path AS file, v.* FROM session_versions v JOIN source_files f ON f.id = v.file_id",
      [...ids, "file_id"],
    ),
    sessions: await rows(
      `SELECT d.name AS developer, f.rel_path AS winner, s.* FROM sessions s
         JOIN developers d ON d.id = s.developer_id
         JOIN session_versions v ON v.id = s.version_id JOIN source_files f ON f.id = v.file_id`,
      [...ids, "version_id"],
    ),
    codeMetrics: await rows(
      "SELECT s.session_id AS sid, m.* FROM code_metrics m JOIN sessions s ON s.id = m.session_row_id",
      [...ids, "session_row_id"],
    ),
    interactions: await rows(data("interactions"), ids),
    totals: await rows(data("session_interaction_totals"), ids),
    issues: await rows(data("issues"), ids),
    requests: await rows(data("requests"), ids),
    usage: await rows(data("usage"), ids),
  };
}

async function expectSameAsReference() {
  const [got, want] = [await content(engine.store), await content(reference.store)];
  for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);
  expect(await holdingViolations(engine.store)).toEqual([]);
  expect(await totalsViolations(engine.store)).toEqual([]);
}

describe(`ingest on the ${process.env.PORTAL_TEST_ENGINE ?? "sqlite"} engine`, () => {
  it("cold pass, changed file, deleted copy, truncated file: the same rows as SQLite", async () => {
    const m = makeTeamFolder({
      root,
      seed: 11,
      developers: 4,
      sessionsPerDeveloper: 30,
      interactionsPerSession: 3,
      now: "2026-06-01T00:00:00Z",
      mess: ALL_MESS,
      usage: true,
    });
    const cold = await scanBoth();
    expect(cold.filesIngested).toBeGreaterThan(10);
    await expectSameAsReference();

    // alice's interactions: keep half, drop half, add new ones and a duplicate of a kept one.
    const file = path.join(root, "alice", "interactions.json");
    const list = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>[];
    const kept = list.slice(0, Math.ceil(list.length / 2));
    const added = [0, 1, 2].map((i) =>
      interactionRecord(String(kept[0]?.session_id), 50 + i, { prompt: `new ${i}` }),
    );
    writeFileSync(file, JSON.stringify([...kept, ...added, kept[1]]));
    // A session edited in its primary file.
    const sessionsFile = path.join(root, "alice", "sessions.json");
    const sessions = JSON.parse(readFileSync(sessionsFile, "utf8")) as Record<
      string,
      Record<string, unknown>
    >;
    const first = Object.keys(sessions)[0] as string;
    (sessions[first] as Record<string, unknown>).final_estimate_minutes = 999;
    writeFileSync(sessionsFile, JSON.stringify(sessions));
    // Every conflict copy deleted; one file truncated mid-sync.
    for (const rel of m.conflictCopies) unlinkSync(path.join(root, rel));
    const bob = path.join(root, "bob", "web-app", "interactions.json");
    writeFileSync(bob, readFileSync(bob).subarray(0, 200));
    const changed = await scanBoth();
    expect(changed.filesRemoved).toBe(m.conflictCopies.length);
    expect(changed.filesFailed).toBe(1);
    await expectSameAsReference();
  });

  it("a NUL in a text is stored as U+FFFD and a record over the size limit is skipped: the same rows as SQLite", async () => {
    const dir = path.join(root, "dave");
    mkdirSync(dir, { recursive: true });
    const big = "x".repeat(LIMITS.recordChars);
    // Sessions: a NUL in an id and in a text; one whose JSON (an extra field) is just over the limit.
    const sessions = {
      "s\u00001": sessionRecord("s\u00001", { session_name: "a\u0000b" }),
      huge: sessionRecord("huge", { extra: big }),
      ok: sessionRecord("ok"),
    };
    // Interactions: a NUL in a prompt; one whose prompt is just over the limit; an escaped backslash
    // before `u0000` (text, not a NUL: kept as written).
    const interactions = [
      interactionRecord("ok", 1, { prompt: "a\u0000b" }),
      interactionRecord("ok", 2, { prompt: `${big}y` }),
      interactionRecord("ok", 3, { prompt: "\\u0000" }),
    ];
    writeFileSync(path.join(dir, "sessions.json"), JSON.stringify(sessions));
    writeFileSync(path.join(dir, "interactions.json"), JSON.stringify(interactions));
    const pass = await scanBoth();
    expect(pass.filesFailed).toBe(0);
    expect(pass.files.map((f) => [f.relPath, f.records, f.skipped]).sort()).toEqual([
      ["dave/interactions.json", 2, 1],
      ["dave/sessions.json", 2, 1],
    ]);
    await expectSameAsReference();
    for (const db of [engine.store, reference.store]) {
      expect(await db.all("SELECT session_id, session_name FROM sessions ORDER BY session_id")).toEqual([
        { session_id: "ok", session_name: "Session ok" },
        { session_id: "s\uFFFD1", session_name: "a\uFFFDb" },
      ]);
      expect(await db.all("SELECT prompt FROM interactions ORDER BY ts_ms")).toEqual([
        { prompt: "a\uFFFDb" },
        { prompt: "\\u0000" },
      ]);
      const skipped = await db.all<{ skipped_json: string }>(
        "SELECT skipped_json FROM source_files WHERE skipped_count > 0 ORDER BY rel_path",
      );
      expect(skipped.map((r) => JSON.parse(r.skipped_json))).toEqual([
        [
          {
            key: "ok @ 2026-11-20T09:02:00+00:00",
            reason: expect.stringMatching(/^out of bounds: record of/),
          },
        ],
        [{ key: "huge", reason: expect.stringMatching(/^out of bounds: record of/) }],
      ]);
    }
  });

  it("two pushes at the same time create a new developer, source and file: one row each", async () => {
    // One store: on PostgreSQL its pool runs the two transactions at once on two connections.
    const push = (db: Store, project: string) =>
      ingestPush({
        db,
        payload: pushPayloadSchema.parse({
          developer: "zoe",
          project: null,
          files: { "sessions.json": { [project]: sessionRecord(project) } },
        }),
        nowMs: NOW_MS,
      });
    const results = await Promise.all([push(engine.store, "z1"), push(engine.store, "z1")]);
    expect(results.every((r) => r.developer === "zoe")).toBe(true);
    expect(await engine.store.all("SELECT name FROM developers")).toEqual([{ name: "zoe" }]);
    expect(await engine.store.all("SELECT rel_path FROM sources")).toEqual([{ rel_path: "push://zoe" }]);
    expect(await engine.store.all("SELECT session_id FROM sessions")).toEqual([{ session_id: "z1" }]);
    expect(await holdingViolations(engine.store)).toEqual([]);
  });

  it("a push and a file applied in steps: the same rows as SQLite", async () => {
    const push = async (db: Store, files: Record<string, unknown>) =>
      ingestPush({
        db,
        payload: pushPayloadSchema.parse({ developer: "carol", project: "api", files }),
        nowMs: NOW_MS,
      });
    const files = {
      "sessions.json": {
        p1: sessionRecord("p1"),
        p2: sessionRecord("p2", { status: "active", end_time: null }),
      },
      "interactions.json": [
        interactionRecord("p1", 1),
        interactionRecord("p1", 2),
        interactionRecord("p1", 1),
      ],
    };
    for (const db of [engine.store, reference.store]) await push(db, files);
    await expectSameAsReference();

    // A big interactions file in steps of 100, then a second version (kept, dropped, added records).
    const stepwise = async (db: Store, bytes: Buffer) => {
      const store = new IngestStore(db);
      const f: DiscoveredFile = {
        kind: "interactions",
        copyKind: "primary",
        copyOf: null,
        label: null,
        absPath: "/nowhere/carol/interactions.json",
        relPath: "carol/interactions.json",
        dirRelPath: "carol",
        developer: "carol",
        subPath: "",
        name: "interactions.json",
        size: bytes.length,
        mtimeMs: 1,
      };
      const parsed = parseFileBytes("interactions", bytes, NOW_MS);
      if (!parsed.ok) throw new Error(parsed.error);
      const existing = (await store.listFiles()).get(f.relPath);
      const meta = { size: bytes.length, mtimeMs: 1, hash: `h${bytes.length}`, nowMs: NOW_MS };
      const r = await applyInSteps(
        store,
        f,
        parsed.contribution,
        parsed.skipped,
        meta,
        async () => existing ?? store.createFile(f, bytes.length, 1, NOW_MS),
        100,
      );
      return r;
    };
    const records = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) =>
        interactionRecord(`p${(i % 2) + 1}`, i % 60, {
          prompt: `${tag} ${i}`,
          effectiveness_rating: (i % 5) + 1,
        }),
      );
    const v1 = records(450, "a");
    const v2 = [...v1.slice(0, 200), ...records(300, "b"), v1[5], interactionRecord("p1", 1)];
    for (const v of [v1, v2]) {
      const bytes = Buffer.from(JSON.stringify(v));
      const [a, b] = [await stepwise(engine.store, bytes), await stepwise(reference.store, bytes)];
      expect(a).toEqual(b);
      await expectSameAsReference();
    }
    // The pushed file goes on holding what the stepwise file dropped.
    for (const db of [engine.store, reference.store])
      await push(db, { "interactions.json": [interactionRecord("p1", 2)] });
    await expectSameAsReference();
  });
});
