/**
 * The portal's quarantine of out-of-bounds records, end to end: a real team folder in a temp dir, a real
 * scan, a real database (SQLite, or PostgreSQL in the portal-postgres project). Bad records are left out with a reason on their file (Sources read model),
 * good records of the same file are ingested, and upstream's own files pass untouched.
 */
import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sqlFor } from "@/lib/db/dialect";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { interactionRecord, makeStoreSandbox, type StoreSandbox, sessionRecord } from "@/test-support/ingest";
import { QUARANTINE_PREFIX } from "./bounds";
import { scanRoot } from "./scan";

const FIXTURES = path.resolve(__dirname, "../../mcp-server/test/fixtures/upstream");
// Ingest time, after every upstream fixture's timestamps (the latest is 2026-11-22).
const NOW_MS = Date.parse("2026-12-01T00:00:00Z");

let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(() => sb.cleanup());

const interaction = interactionRecord;

const count = async (table: string) =>
  Number((await sb.store.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n);

describe("quarantine of out-of-bounds records", () => {
  it("ingests the good records of a file and quarantines the bad ones with a reason", async () => {
    const dir = path.join(sb.root, "mallory");
    mkdirSync(dir, { recursive: true });
    const sessions = {
      good_1: sessionRecord("good_1"),
      good_2: sessionRecord("good_2", {
        start_time: "2026-11-21T09:00:00+00:00",
        end_time: null,
        status: "active",
      }),
      far_future: sessionRecord("far_future", { start_time: "9999-12-31T23:59:59+00:00", end_time: null }),
      huge_estimate: sessionRecord("huge_estimate", { initial_estimate_minutes: 1e300 }),
      negative_duration: sessionRecord("negative_duration", {
        start_time: "2026-11-20T09:00:00+00:00",
        end_time: "2026-10-31T22:00:00+00:00", // −28,020 min
      }),
      negative_estimate: sessionRecord("negative_estimate", { final_estimate_minutes: -60 }),
      ancient: sessionRecord("ancient", { start_time: "1970-01-01T00:00:00+00:00", end_time: null }),
    };
    const interactions = [
      interaction("good_1", 10),
      interaction("good_1", 20, { effectiveness_rating: 4.7 }),
      interaction("good_1", 30, { effectiveness_rating: 1e300 }),
      interaction("good_1", 40, { tokens_in: 1e300 }),
      interaction("good_1", 50, { timestamp: "9999-01-01T00:00:00+00:00" }),
    ];
    writeFileSync(path.join(dir, "sessions.json"), JSON.stringify(sessions));
    writeFileSync(path.join(dir, "interactions.json"), JSON.stringify(interactions));

    const r = await scanRoot({ db: sb.store, root: sb.root, now: () => NOW_MS });
    expect(r.filesFailed).toBe(0);

    const ids = (
      await sb.store.all<{ id: string }>(
        `SELECT session_id AS id FROM sessions ORDER BY ${sqlFor(sb.store).sortKey("session_id", "ASC", { text: true })}`,
      )
    ).map((x) => x.id);
    expect(ids).toEqual(["good_1", "good_2"]);
    expect(await count("session_versions")).toBe(2);
    expect(await count("interactions")).toBe(2);
    // No absurd figure reaches the read model.
    const max = await sb.store.get<{ e: number; d: number; s: number }>(
      "SELECT max(abs(estimate_minutes)) AS e, max(abs(duration_minutes)) AS d, max(start_ms) AS s FROM sessions",
    );
    expect(max?.e).toBe(120);
    expect(max?.d).toBe(60);
    expect(max?.s).toBeLessThan(NOW_MS);

    const st = await getSourcesStatus({ db: sb.store, nowMs: NOW_MS });
    const src = st.sources[0];
    expect(src?.counts.skipped).toBe(8);
    const byFile = new Map(src?.files.map((f) => [f.name, f]));
    const sessReasons = byFile.get("sessions.json")?.skippedRecords ?? [];
    expect(sessReasons.map((s) => s.key).sort()).toEqual([
      "ancient",
      "far_future",
      "huge_estimate",
      "negative_duration",
      "negative_estimate",
    ]);
    const reasonOf = (key: string) => sessReasons.find((s) => s.key === key)?.reason ?? "";
    expect(reasonOf("far_future")).toBe(
      `${QUARANTINE_PREFIX}start_time 9999-12-31T23:59:59+00:00 is more than a day after the ingest time`,
    );
    expect(reasonOf("huge_estimate")).toBe(
      `${QUARANTINE_PREFIX}initial_estimate_minutes 1e+300 is outside 0–525600`,
    );
    expect(reasonOf("negative_duration")).toContain("duration -28020 min is negative");
    expect(reasonOf("negative_estimate")).toContain("final_estimate_minutes -60 is outside");
    expect(reasonOf("ancient")).toContain("before 2000-01-01");
    const intReasons = (byFile.get("interactions.json")?.skippedRecords ?? []).map((s) => s.reason);
    expect(intReasons).toEqual([
      `${QUARANTINE_PREFIX}effectiveness_rating 1e+300 is outside 1–5`,
      `${QUARANTINE_PREFIX}tokens_in 1e+300 is outside 0–1000000000`,
      `${QUARANTINE_PREFIX}timestamp 9999-01-01T00:00:00+00:00 is more than a day after the ingest time`,
    ]);
    // The same for the API/page: the source lists every quarantined record with its file.
    expect(src?.skippedRecords.map((s) => s.file)).toEqual([
      ...Array(3).fill("interactions.json"),
      ...Array(5).fill("sessions.json"),
    ]);
  });

  it("a record that goes out of bounds in a later version of its file leaves the data", async () => {
    const dir = path.join(sb.root, "dev");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "sessions.json");
    writeFileSync(file, JSON.stringify({ a: sessionRecord("a"), b: sessionRecord("b") }));
    await scanRoot({ db: sb.store, root: sb.root, now: () => NOW_MS });
    expect(await count("sessions")).toBe(2);
    writeFileSync(
      file,
      JSON.stringify({ a: sessionRecord("a"), b: sessionRecord("b", { avg_effectiveness: 1e300 }) }),
    );
    await scanRoot({ db: sb.store, root: sb.root, now: () => NOW_MS + 1000 });
    expect(await count("sessions")).toBe(1);
    const f = (await getSourcesStatus({ db: sb.store, nowMs: NOW_MS })).sources[0]?.files[0];
    expect(f?.skipped).toBe(1);
    expect(f?.skippedRecords[0]?.reason).toContain("avg_effectiveness 1e+300 is outside 0–5");
  });

  it("every upstream fixture file ingests with zero quarantined records", async () => {
    let files = 0;
    for (const run of readdirSync(FIXTURES, { withFileTypes: true })) {
      if (!run.isDirectory()) continue;
      cpSync(path.join(FIXTURES, run.name), path.join(sb.root, run.name), { recursive: true });
    }
    const r = await scanRoot({ db: sb.store, root: sb.root, now: () => NOW_MS });
    expect(r.filesFailed).toBe(0);
    for (const src of (await getSourcesStatus({ db: sb.store, nowMs: NOW_MS })).sources) {
      for (const f of src.files) {
        files++;
        const quarantined = f.skippedRecords.filter((s) => s.reason.startsWith(QUARANTINE_PREFIX));
        expect(quarantined, `${src.relPath}/${f.name}`).toEqual([]);
      }
    }
    expect(files).toBe(12);
    // The negative request tokens upstream stored in its own error run (−7) are upstream data: kept.
    expect(await count("requests")).toBeGreaterThan(0);
    expect(await count("requests WHERE tokens_in < 0")).toBe(1);
  });
});
