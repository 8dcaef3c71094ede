// PostgreSQL-only behaviour of lib/db/pg-ingest-writer.ts (that it leaves SQLite's rows is
// lib/ingest/engines.test.ts): the JSON rows a step is sent as, and untrusted text PostgreSQL cannot store.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scanRoot } from "@/lib/ingest/scan";
import { holdingViolations, interactionRecord, sessionRecord, totalsViolations } from "@/test-support/ingest";
import { openTestStore, type TestStore } from "@/test-support/store";
import { jsonChunks, jsonRows } from "./pg-ingest-writer";

describe("jsonRows", () => {
  it("is the rows' JSON, with a NUL as U+FFFD and an escaped backslash before u0000 left as text", () => {
    const rows = [[1, "a\u0000b", "\\u0000", "\\\u0000", null, 2.5, "plain"]];
    const text = jsonRows(rows);
    expect(JSON.parse(text)).toEqual([[1, "a\uFFFDb", "\\u0000", "\\\uFFFD", null, 2.5, "plain"]]);
    expect(jsonRows([[1, "x"]])).toBe(JSON.stringify([[1, "x"]]));
  });
});

describe("jsonChunks", () => {
  it("splits a step's rows into consecutive ranges whose JSON stays under the limit (a row alone may exceed it)", () => {
    const rows = Array.from({ length: 9 }, (_, i) => [i, "x".repeat(i === 4 ? 60 : 5)]);
    const chunks = jsonChunks(rows, 40);
    expect(chunks.length).toBeGreaterThan(2);
    // Consecutive ranges covering every row once, in order; the 60-character row in a chunk of its own.
    expect(chunks[0]?.from).toBe(0);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]?.from).toBe(chunks[i - 1]?.to);
    expect(chunks[chunks.length - 1]?.to).toBe(9);
    expect(chunks.some((c) => c.from === 4 && c.to === 5)).toBe(true);
    for (const c of chunks) {
      expect(JSON.parse(c.json)).toEqual(rows.slice(c.from, c.to));
      if (c.to - c.from > 1) expect(c.json.length).toBeLessThanOrEqual(40);
    }
    expect(jsonChunks(rows, 1e6).map((c) => [c.from, c.to])).toEqual([[0, 9]]);
    expect(jsonChunks([], 10)).toEqual([]);
  });
});

describe("PostgreSQL ingest writer", () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore("postgres");
  });
  afterEach(() => t.cleanup());

  it("stores text with NUL characters (as U+FFFD) instead of failing the pass, and the rest of the folder", async () => {
    const root = path.join(t.dir, "team");
    const nul = "\u0000";
    const write = (dev: string, name: string, value: unknown) => {
      mkdirSync(path.join(root, dev), { recursive: true });
      writeFileSync(path.join(root, dev, name), JSON.stringify(value, null, 2));
    };
    write("ana", "sessions.json", {
      [`s${nul}1`]: sessionRecord(`s${nul}1`, { session_name: `bad${nul}name` }),
      s2: sessionRecord("s2"),
    });
    write("ana", "interactions.json", [
      interactionRecord(`s${nul}1`, 1, { prompt: `p${nul}q`, response_summary: `\\u0000${nul}` }),
      interactionRecord("s2", 2),
    ]);
    write("ben", "sessions.json", { s3: sessionRecord("s3") });
    const pass = await scanRoot({ db: t.store, root, now: () => Date.parse("2026-12-01T00:00:00Z") });
    expect(pass.files.map((f) => [f.relPath, f.action, f.error ?? null]).sort()).toEqual([
      ["ana/interactions.json", "ingested", null],
      ["ana/sessions.json", "ingested", null],
      ["ben/sessions.json", "ingested", null],
    ]);
    // Sorted here: the server's collation would order U+FFFD by its locale.
    const byText = (a: object, b: object) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
    const sessions = await t.store.all<{ sid: string; name: string }>(
      "SELECT session_id AS sid, session_name AS name FROM sessions",
    );
    expect(sessions.sort(byText)).toEqual([
      { sid: "s2", name: "Session s2" },
      { sid: "s3", name: "Session s3" },
      { sid: "s\uFFFD1", name: "bad\uFFFDname" },
    ]);
    const prompts = await t.store.all<{ prompt: string; summary: string }>(
      "SELECT prompt, response_summary AS summary FROM interactions",
    );
    expect(prompts.sort(byText)).toEqual([
      { prompt: "prompt 2", summary: "ok" },
      { prompt: "p\uFFFDq", summary: "\\u0000\uFFFD" },
    ]);
    expect(await holdingViolations(t.store)).toEqual([]);
    expect(await totalsViolations(t.store)).toEqual([]);
  });

  it("a step bigger than one statement's JSON goes in several: every id, holder count and total exact", async () => {
    const root = path.join(t.dir, "team");
    // 4,000 records of ~9,000 characters: over the 32 M characters of one statement, so two chunks; every
    // 500th record twice (one row, two holders) and 100 records also held by a second file (existing keys).
    const records = Array.from({ length: 4000 }, (_, i) =>
      interactionRecord(`s${i % 40}`, i % 60, {
        prompt: `${i} ${"p".repeat(9000)}`,
        effectiveness_rating: 1 + (i % 5),
      }),
    );
    const doubled = records.filter((_, i) => i % 500 === 0);
    mkdirSync(path.join(root, "ana", "proj"), { recursive: true });
    writeFileSync(
      path.join(root, "ana", "proj", "interactions.json"),
      JSON.stringify(records.slice(1000, 1100)),
    );
    await scanRoot({ db: t.store, root, now: () => Date.parse("2026-12-01T00:00:00Z") });
    writeFileSync(path.join(root, "ana", "interactions.json"), JSON.stringify([...doubled, ...records]));
    const pass = await scanRoot({ db: t.store, root, now: () => Date.parse("2026-12-01T00:00:00Z") });
    expect(pass.files.filter((f) => f.action === "ingested").map((f) => f.relPath)).toEqual([
      "ana/interactions.json",
    ]);
    expect((await t.store.get<{ n: number }>("SELECT count(*) AS n FROM interactions"))?.n).toBe(4000);
    const holders = await t.store.all<{ h: number; n: number }>(
      "SELECT holders AS h, count(*) AS n FROM interactions GROUP BY holders ORDER BY holders",
    );
    // Record 1000 is doubled and in the second file too: three holders.
    expect(holders).toEqual([
      { h: 1, n: 4000 - 100 - 8 + 1 },
      { h: 2, n: 100 - 1 + 8 - 1 },
      { h: 3, n: 1 },
    ]);
    expect(await holdingViolations(t.store)).toEqual([]);
    expect(await totalsViolations(t.store)).toEqual([]);
  });
});
