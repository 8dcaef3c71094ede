/**
 * Push ingest (POST /api/v1/ingest's lib part) on a real database (SQLite, or PostgreSQL in the portal-postgres project): a pushed developer's files go
 * through the same parse, bounds and merge as files on disk, as a source of its own (`push://dev/project`);
 * the same payload twice writes nothing; a later folder scan leaves the pushed source alone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPortalError } from "@/lib/errors";
import { getSourcesStatus } from "@/lib/queries/get-sources-status";
import { dataVersion } from "@/lib/queries/memo";
import { readBodyCapped } from "@/lib/read-body";
import { interactionRecord, makeStoreSandbox, type StoreSandbox, sessionRecord } from "@/test-support/ingest";
import { ingestPush, PUSH_PREFIX, pushPayloadSchema } from "./push";
import { scanRoot } from "./scan";

const NOW_MS = Date.parse("2026-12-01T00:00:00Z");

let sb: StoreSandbox;
beforeEach(async () => {
  sb = await makeStoreSandbox();
});
afterEach(() => sb.cleanup());

const count = async (table: string) =>
  Number((await sb.store.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n);

const interaction = interactionRecord;

function payload(over: Record<string, unknown> = {}) {
  return {
    developer: "alice",
    project: "payments",
    files: {
      "sessions.json": { s1: sessionRecord("s1"), s2: sessionRecord("s2", { outcome: "failed" }) },
      "interactions.json": [interaction("s1", 1), interaction("s1", 2), interaction("s2", 3)],
    },
    ...over,
  };
}

const push = (body: unknown) =>
  ingestPush({ db: sb.store, payload: pushPayloadSchema.parse(body), nowMs: NOW_MS });

describe("push ingest", () => {
  it("ingests the pushed files as a push source with the same merge rules", async () => {
    const r = await push(payload());
    expect(r.source).toBe(`${PUSH_PREFIX}alice/payments`);
    expect(r.changed).toBe(true);
    expect(r.files.map((f) => [f.name, f.action, f.records])).toEqual([
      ["sessions.json", "ingested", 2],
      ["interactions.json", "ingested", 3],
    ]);
    expect(await count("sessions")).toBe(2);
    expect(await count("interactions")).toBe(3);
    const project = await sb.store.all("SELECT DISTINCT project FROM sessions");
    expect(project).toEqual([{ project: "payments" }]);
    const status = await getSourcesStatus({ db: sb.store, nowMs: NOW_MS });
    const src = status.sources.find((s) => s.relPath === "push://alice/payments");
    expect(src?.developer).toBe("alice");
    expect(src?.kind).toBe("push");
    expect(src?.lastIngestMs).toBe(NOW_MS);
  });

  it("writes nothing when the same payload is pushed again", async () => {
    await push(payload());
    const before = await dataVersion(sb.store);
    const r = await push(payload());
    expect(r.changed).toBe(false);
    expect(r.files.map((f) => f.action)).toEqual(["unchanged", "unchanged"]);
    expect(await dataVersion(sb.store)).toBe(before);
    expect(await count("sessions")).toBe(2);
  });

  it("replaces only what changed: a later push with one more interaction adds one row", async () => {
    await push(payload());
    const next = payload();
    next.files["interactions.json"].push(interaction("s2", 4));
    const r = await push(next);
    expect(r.files.map((f) => f.action)).toEqual(["unchanged", "ingested"]);
    expect(await count("interactions")).toBe(4);
  });

  it("quarantines out-of-bounds records like a file and reports them", async () => {
    const body = payload();
    (body.files as Record<string, unknown>)["sessions.json"] = {
      ...body.files["sessions.json"],
      bad: sessionRecord("bad", {
        start_time: "1990-01-01T00:00:00+00:00",
        end_time: "1990-01-01T01:00:00+00:00",
      }),
    };
    const r = await push(body);
    const sessions = r.files.find((f) => f.name === "sessions.json");
    expect(sessions?.records).toBe(2);
    expect(sessions?.skipped).toBe(1);
    expect(sessions?.skippedRecords[0]?.reason).toMatch(/^out of bounds: /);
    expect(await count("sessions")).toBe(2);
  });

  it("refuses a file of the wrong shape naming it, before writing anything", async () => {
    const body = payload();
    (body.files as Record<string, unknown>)["interactions.json"] = "not a list";
    const e = await push(body).catch((x: unknown) => x);
    expect(isPortalError(e, "bad_request")).toBe(true);
    expect((e as Error).message).toMatch(/interactions\.json/);
    expect(await count("sessions")).toBe(0);
  });

  it("rejects path tricks and unknown file names in the envelope", () => {
    for (const developer of ["..", "a/b", "a\\b", "", ".hidden", "x\u0000y", "node_modules"]) {
      expect(pushPayloadSchema.safeParse(payload({ developer })).success, developer).toBe(false);
    }
    expect(pushPayloadSchema.safeParse(payload({ project: "../x" })).success).toBe(false);
    expect(pushPayloadSchema.safeParse(payload({ files: {} })).success).toBe(false);
    expect(pushPayloadSchema.safeParse(payload({ files: { "notes.json": [] } })).success).toBe(false);
    expect(pushPayloadSchema.safeParse(payload({ project: null })).success).toBe(true);
  });

  it("keeps the pushed source through a folder scan of the root (not a vanished file)", async () => {
    mkdirSync(path.join(sb.root, "bob"), { recursive: true });
    writeFileSync(path.join(sb.root, "bob", "sessions.json"), JSON.stringify({ b1: sessionRecord("b1") }));
    await push(payload());
    const scan = await scanRoot({ db: sb.store, root: sb.root, now: () => NOW_MS });
    expect(scan.filesRemoved).toBe(0);
    expect(await count("sessions")).toBe(3);
  });

  it("reads a body up to the limit and refuses a bigger one with 413 without reading it all", async () => {
    const small = new Request("http://x/", { method: "POST", body: "a".repeat(100) });
    expect((await readBodyCapped(small, 100)).length).toBe(100);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(64 * 1024));
        if (pulled > 1000) c.close();
      },
    });
    const big = new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    const e = await readBodyCapped(big, 100_000).catch((x: unknown) => x);
    expect(isPortalError(e, "too_large")).toBe(true);
    expect(pulled).toBeLessThan(10);
    const declared = new Request("http://x/", {
      method: "POST",
      body: "a".repeat(10),
      headers: { "content-length": "999999999" },
    });
    expect(isPortalError(await readBodyCapped(declared, 100).catch((x: unknown) => x), "too_large")).toBe(
      true,
    );
  });
});
