/**
 * Ingest change events: split under the engine's payload limit without losing a developer, and delivered
 * through the store's notifications (SQLite here: in-process; across instances on PostgreSQL:
 * lib/runtime/failover.pg.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notificationsOf } from "@/lib/db/notifications";
import { openTestStore, type TestStore } from "@/test-support/store";
import {
  connectIngestEvents,
  type IngestChangeEvent,
  publishIngestChange,
  splitIngestChange,
  subscribeIngestChanges,
} from "./events";

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore("sqlite");
});
afterEach(async () => {
  await t.cleanup();
});

describe("ingest change events", () => {
  it("a long developer list is split into payloads under the limit, each with the pass's time and files", () => {
    const developers = Array.from({ length: 500 }, (_, i) => `developer-${String(i).padStart(3, "0")}-é`);
    const event: IngestChangeEvent = { at: 1_780_000_000_000, developers, files: 612 };
    const parts = splitIngestChange(event, 1000);
    expect(parts.length).toBeGreaterThan(1);
    const parsed = parts.map((p) => JSON.parse(p) as IngestChangeEvent);
    for (const p of parts) expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(1000);
    expect(parsed.flatMap((p) => p.developers)).toEqual(developers);
    for (const p of parsed) expect(p).toMatchObject({ at: event.at, files: 612 });
    expect(splitIngestChange({ ...event, developers: ["a"] }, 1000)).toEqual([
      JSON.stringify({ ...event, developers: ["a"] }),
    ]);
  });

  it("published events reach subscribers through the store; malformed payloads are dropped", async () => {
    connectIngestEvents(t.store);
    const got: IngestChangeEvent[] = [];
    const off = subscribeIngestChanges((e) => got.push(e));
    publishIngestChange({ at: 1, developers: ["ana"], files: 1 });
    await notificationsOf(t.store).publish("portal_ingest", '{"at": "soon"}');
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([{ at: 1, developers: ["ana"], files: 1 }]);
    off();
    publishIngestChange({ at: 2, developers: [], files: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toHaveLength(1);
  });
});
