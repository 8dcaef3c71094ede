/**
 * Ingest change events: split under the engine's payload limit without losing a developer, and delivered
 * through the store's notifications on the run's engine (SQLite: in-process; PostgreSQL: NOTIFY/LISTEN, also
 * across instances in lib/runtime/failover.pg.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notificationsOf } from "@/lib/db/notifications";
import { waitFor } from "@/test-support/ingest";
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
  t = await openTestStore();
});
afterEach(async () => {
  await notificationsOf(t.store).close();
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
    // A listener that stays. PostgreSQL delivers notifications in commit order, but publishIngestChange does
    // not wait for its commit (each may go through another pool connection): the test waits for the events
    // it expects and compares them in `at` order. An awaited publish commits before anything published
    // after it, so once a later event is heard, the earlier one was handled. Probes (at 0) are left out.
    const seen: number[] = [];
    let probed = false;
    subscribeIngestChanges((e) => {
      if (e.at === 0) probed = true;
      else seen.push(e.at);
    });
    const off = subscribeIngestChanges((e) => e.at !== 0 && got.push(e));
    // PostgreSQL's LISTEN of a fresh subscription starts a moment later: probe until it hears.
    await waitFor(
      () => {
        publishIngestChange({ at: 0, developers: [], files: 0 });
        return probed;
      },
      10_000,
      "the subscription to listen",
    );
    publishIngestChange({ at: 1, developers: ["ana"], files: 1 });
    await notificationsOf(t.store).publish("portal_ingest", '{"at": "soon"}');
    publishIngestChange({ at: 2, developers: [], files: 1 });
    await waitFor(() => seen.includes(1) && seen.includes(2), 10_000, "the first two events");
    expect(got.toSorted((a, b) => a.at - b.at)).toEqual([
      { at: 1, developers: ["ana"], files: 1 },
      { at: 2, developers: [], files: 1 },
    ]);
    off();
    publishIngestChange({ at: 3, developers: [], files: 1 });
    await waitFor(() => seen.includes(3), 10_000, "the third event");
    expect(got).toHaveLength(2);
    expect(seen.toSorted()).toEqual([1, 2, 3]);
  });
});
